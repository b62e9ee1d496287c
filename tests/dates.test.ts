/**
 * Honest dates, through the Worker's real entry over real local KV: an article
 * is dated by its document until an edit stores new content, and a list page,
 * a feed or a sitemap by the newest of its entries. Every place a date is
 * shown must say the same: Atom, JSON Feed, the sitemap, the article page's
 * JSON-LD and Open Graph tags, and Last-Modified.
 */
import { reset } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import type { Document } from '../src/shared/records'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { readFeedSource, readHead } from '../src/store/read'
import { datedDocument, datedDocuments } from './support/documents'
import { attribute, elementsNamed, parseHtml, textOf } from './support/html'
import { fetchPath, ORIGIN } from './support/http'
import { kv, seedDocuments } from './support/seed'
import { parseXml } from './support/xml'

// Seed clocks, in order, all later than the documents' dates (January 2026) unless a test says otherwise.
const MAY_1 = '2026-05-01T00:00:00Z'
const MAY_2 = '2026-05-02T12:00:00Z'

const docs = datedDocuments(5)
const newest = docs[docs.length - 1]
const corrected = (doc: Document): Document => ({ ...doc, paragraphs: [...doc.paragraphs, 'Correction: the ferry left at noon.'] })

type Dates = Record<string, number>

/** Where an article's last change shows in what it serves: its bodies, then its Last-Modified headers. */
async function modifiedDates(doc: Document): Promise<{ shown: Dates; headers: Dates }> {
  const slug = slugify(doc.title)
  const url = `${ORIGIN}/articles/${slug}`
  const page = await fetchPath(`/articles/${slug}`)
  const html = parseHtml(await page.text())
  const meta = elementsNamed(html, 'meta').find((element) => attribute(element, 'property') === 'article:modified_time')
  const [jsonLd] = elementsNamed(html, 'script').filter((script) => attribute(script, 'type') === 'application/ld+json')
  const atom = parseXml(await (await fetchPath('/atom.xml')).text())
  // An entry may link its preview image as an enclosure besides its page.
  const links = (e: { link: Record<string, string> | Array<Record<string, string>> }) => [e.link].flat()
  const entry = atom.feed.entry.find((e: Parameters<typeof links>[0]) => links(e).some((link) => link['@href'] === url))
  const jsonFeed = (await (await fetchPath('/feed.json')).json()) as { items: Array<{ url: string; date_modified: string }> }
  const urls: Array<{ loc: string; lastmod: string }> = [parseXml(await (await fetchPath('/sitemap.xml')).text()).urlset.url].flat()
  const lastModified = async (path: string) => Date.parse((await fetchPath(path)).headers.get('last-modified') ?? '')
  return {
    shown: {
      'Atom updated': Date.parse(entry.updated),
      'JSON Feed date_modified': Date.parse(jsonFeed.items.find((item) => item.url === url)?.date_modified ?? ''),
      'sitemap lastmod': Date.parse(urls.find((u) => u.loc === url)?.lastmod ?? ''),
      'JSON-LD dateModified': Date.parse(JSON.parse(textOf(jsonLd)).dateModified),
      'article:modified_time': Date.parse(attribute(meta!, 'content') ?? ''),
    },
    headers: {
      'the page': Date.parse(page.headers.get('last-modified') ?? ''),
      'the API': await lastModified(`/api/articles/${slug}`),
      'the card': await lastModified(`/embed/${slug}`),
    },
  }
}

/** The same date in every place `dates` names. */
const all = (dates: Dates, timestamp: string): Dates =>
  Object.fromEntries(Object.keys(dates).map((place) => [place, Date.parse(timestamp)]))

async function expectDated(doc: Document, timestamp: string) {
  const { shown, headers } = await modifiedDates(doc)
  expect({ doc: doc.title, shown, headers }).toEqual({ doc: doc.title, shown: all(shown, timestamp), headers: all(headers, timestamp) })
}

/** Every list, feed and sitemap route, and its Last-Modified. */
const INDEXES = ['/', '/api/articles', '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml']

async function indexDates(): Promise<Record<string, string | null>> {
  return Object.fromEntries(await Promise.all(INDEXES.map(async (path) => [path, (await fetchPath(path)).headers.get('last-modified')])))
}

const everyIndex = (timestamp: string) => Object.fromEntries(INDEXES.map((path) => [path, new Date(timestamp).toUTCString()]))

beforeEach(() => reset())

describe('a first seed', () => {
  beforeEach(() => seedDocuments(docs, { now: MAY_1 }))

  it('dates each article by its document everywhere, not by the seed', async () => {
    for (const doc of docs) await expectDated(doc, doc.published_at)
  })

  it('gives no two Atom entries the same updated (RFC 4287 section 4.2.15)', async () => {
    const { entry } = parseXml(await (await fetchPath('/atom.xml')).text()).feed
    const updated = entry.map((e: { updated: string }) => e.updated)
    expect(updated).toHaveLength(docs.length)
    expect(new Set(updated).size).toBe(docs.length)
  })

  it('dates each list page, feed and sitemap by its newest entry', async () => {
    expect(await indexDates()).toEqual(everyIndex(newest.published_at))
  })
})

describe('a first seed that seals pages', () => {
  // Two sealed pages (documents 0–19 and 20–39) below the head.
  const many = datedDocuments(HEAD_SEAL_AT + PAGE_SIZE)
  const lastModified = async (path: string) => (await fetchPath(path)).headers.get('last-modified')
  const dated = (doc: Document) => new Date(doc.published_at).toUTCString()

  beforeEach(() => seedDocuments(many, { now: MAY_1 }))

  it('dates each archive page and each sitemap file by its newest entry', async () => {
    expect(await lastModified('/archive/1')).toBe(dated(many[PAGE_SIZE - 1]))
    expect(await lastModified('/archive/2')).toBe(dated(many[2 * PAGE_SIZE - 1]))
    // The first file lists the sealed pages, the last the head's entries.
    expect(await lastModified('/sitemap-1.xml')).toBe(dated(many[2 * PAGE_SIZE - 1]))
    expect(await lastModified('/sitemap-2.xml')).toBe(dated(many[many.length - 1]))
    for (const path of ['/', '/api/articles', '/feed.xml', '/sitemap.xml'])
      expect(await lastModified(path), path).toBe(dated(many[many.length - 1]))
  })

  it("moves only the archive page's date when an article in it is edited, not the home page's", async () => {
    const health = async () => ((await (await fetchPath('/healthz')).json()) as { version: string }).version
    const before = await health()
    await seedDocuments(
      many.map((doc) => (doc === many[3] ? corrected(doc) : doc)),
      { now: MAY_2 },
    )
    expect(await lastModified('/archive/1')).toBe(new Date(MAY_2).toUTCString())
    for (const path of ['/', '/api/articles', '/sitemap.xml']) expect(await lastModified(path), path).toBe(dated(many[many.length - 1]))
    // The head was rewritten all the same: the data version it keeps for /healthz moved.
    expect(await health()).not.toBe(before)
  })
})

describe('an edit in a later seed', () => {
  const edited = docs[2]

  beforeEach(async () => {
    await seedDocuments(docs, { now: MAY_1 })
    await seedDocuments(
      docs.map((doc) => (doc === edited ? corrected(doc) : doc)),
      { now: MAY_2 },
    )
  })

  it('dates the edited article by that seed everywhere, and no other', async () => {
    await expectDated(edited, MAY_2)
    for (const doc of docs.filter((doc) => doc !== edited)) await expectDated(doc, doc.published_at)
  })

  it('dates the list page, feeds and sitemap by that seed, though the page shows no changed text', async () => {
    expect(await indexDates()).toEqual(everyIndex(MAY_2))
  })
})

// RFC 9110 section 13.1.3: a Last-Modified left where it was would answer 304 to a client holding the old content.
describe('content that changes with no newer entry', () => {
  const backdated = datedDocument(500, { title: 'An article dated last year', published_at: '2025-12-01T00:00:00Z' })

  it.each([
    ['the newest article removed', docs.slice(0, -1)],
    ['an article dated before the others inserted', [...docs, backdated]],
  ])('takes the seed clock, never going backwards, with %s', async (_, next) => {
    await seedDocuments(docs, { now: MAY_1 })
    const before = await indexDates()

    await seedDocuments(next, { now: MAY_2 })

    expect(await indexDates()).toEqual(everyIndex(MAY_2))
    for (const path of INDEXES) {
      expect((await fetchPath(path, { headers: { 'if-modified-since': before[path]! } })).status, path).toBe(200)
    }
  })

  it('still dates the inserted article by its document', async () => {
    await seedDocuments(docs, { now: MAY_1 })
    await seedDocuments([...docs, backdated], { now: MAY_2 })

    await expectDated(backdated, backdated.published_at)
  })
})

// Dated after the seeds that store it, and out by now: scheduled when seeded, served once its time came.
// (What is served before its time: tests/scheduled*.test.ts.)
describe('a document dated after the seed', () => {
  const scheduled = datedDocument(1000, { title: 'An article dated after its seed', published_at: '2026-09-01T00:00:00Z' })

  async function expectShownAsPublished() {
    const { shown } = await modifiedDates(scheduled)
    expect(shown).toEqual(all(shown, scheduled.published_at))
  }

  /** What the seed stored: the head and feed dated no later than the seed's clock, however far ahead an entry is (RFC 9110 section 8.8.2.1). */
  const storedDates = async () => ({ head: (await readHead(kv()))?.modified_at, feed: (await readFeedSource(kv()))?.modified_at })

  beforeEach(() => seedDocuments([...docs, scheduled], { now: MAY_1 }))

  it('is shown as modified when published; the indexes are stored dated by the seed, and served dated by its release', async () => {
    expect(Date.now()).toBeGreaterThan(Date.parse(scheduled.published_at))
    await expectShownAsPublished()
    expect(await storedDates()).toEqual({ head: MAY_1, feed: MAY_1 })
    // Its release since the seed changed what every index shows.
    expect(await indexDates()).toEqual(everyIndex(scheduled.published_at))
  })

  it('keeps modified = published through an edit before its date', async () => {
    await seedDocuments([...docs, corrected(scheduled)], { now: MAY_2 })

    await expectShownAsPublished()
    // The feed carries the edited text, so the seed dates it; nothing is stored dated past the seed's clock.
    const stored = await storedDates()
    expect(stored.feed).toBe(MAY_2)
    expect(Date.parse(stored.head!)).toBeLessThanOrEqual(Date.parse(MAY_2))
    expect(await indexDates()).toEqual(everyIndex(scheduled.published_at))
  })
})
