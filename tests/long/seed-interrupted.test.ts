/**
 * A seed killed mid-upload, simulated at every batch with any part of the
 * batch in flight landed: the site stays consistent (every article the API
 * list, the home and archive pages, the feed or the sitemaps name is served,
 * no request fails), and the next run repairs the store to exactly what an
 * uninterrupted run leaves. The run touches every step of the plan: articles,
 * sealed pages (an edit, a removal, a backdated arrival, a page newly sealed),
 * the head and feed, deletes and the manifest.
 */
import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../../scripts/publish/document/slug'
import { seed } from '../../scripts/publish/seed-run'
import { bindingTarget } from '../../scripts/publish/target'
import { isolateCache } from '../../src/http/serve'
import type { Document } from '../../src/shared/records'
import type { ArticleList } from '../../src/api-schema'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../../src/shared/keys'
import { toTimestamp } from '../../src/shared/timestamp'
import { datedDocument, datedDocuments } from '../support/documents'
import { callWorker } from '../support/entry'
import { attribute, type Element, elementsNamed, type Node, parseHtml } from '../support/html'
import { ORIGIN } from '../support/http'
import { restoreKv, snapshotKv } from '../support/kv-snapshot'
import { dyingTarget, Killed, recordingTarget } from '../support/upload-targets'
import { parseXml } from '../support/xml'

/** Generated deaths: a batch, and which of its writes landed. */
const RUNS = 30

const BEFORE = '2026-05-01T00:00:00Z'
// The interrupted run and its repair share a clock, so the repaired store can be compared byte for byte.
const RUN = '2026-05-02T00:00:00Z'
const LATER = '2026-05-03T00:00:00Z'

const corrected = (doc: Document): Document => ({ ...doc, paragraphs: [...doc.paragraphs, 'Correction: the vote was on Tuesday.'] })

const HOUR_MS = 60 * 60 * 1000

// Three sealed pages (documents 0–19, 20–39, 40–59) and a head of 45.
const previous = datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE + 5)
const REMOVED = new Set([3, 25, previous.length - 1]) // from pages 0 and 1, and the newest, from the head
const EDITED = new Set([10, 45, 70, 90]) // in pages 0 and 2, and in the head
// A new id dated inside page 1's range: it grows that page.
const backdated = datedDocument(500, {
  title: 'A report found in the archive',
  published_at: toTimestamp(new Date(Date.parse(previous[30].published_at) + 12 * HOUR_MS)),
})
// Newer than all: with them the head reaches HEAD_SEAL_AT and seals a fourth page.
const newest = Array.from({ length: PAGE_SIZE }, (_, i) => datedDocument(200 + i, i === 0 ? { title: 'A late arrival' } : {}))
const next: Document[] = [
  ...previous.flatMap((doc, n) => (REMOVED.has(n) ? [] : [EDITED.has(n) ? corrected(doc) : doc])),
  backdated,
  ...newest,
]

const target = () => bindingTarget(env.ARTICLES)
const options = { retries: 2, backoffMs: 0 }

let before: Map<string, string>
let uninterrupted: Map<string, string>
let batches: string[][]

beforeAll(async () => {
  await restoreKv(env.ARTICLES, new Map())
  await seed(previous, target(), { now: BEFORE })
  before = await snapshotKv(env.ARTICLES)
  const recording = recordingTarget(target())
  await seed(next, recording.target, { ...options, now: RUN })
  uninterrupted = await snapshotKv(env.ARTICLES)
  batches = recording.batches
})

async function get(path: string): Promise<Response> {
  const response = await callWorker(new Request(new URL(path, ORIGIN)))
  expect(response.status, path).toBe(200)
  return response
}

const slugOf = (url: string) => new URL(url).pathname.split('/').pop()!

const pathOf = (url: string) => new URL(url).pathname

/** Every slug a sitemap file lists, and every file a sitemap index names. */
async function sitemapSlugs(path: string, slugs: Set<string>): Promise<void> {
  const sitemap = parseXml(await (await get(path)).text())
  for (const url of [sitemap.urlset?.url ?? []].flat() as Array<{ loc: string }>) slugs.add(slugOf(url.loc))
  for (const file of [sitemap.sitemapindex?.sitemap ?? []].flat() as Array<{ loc: string }>) await sitemapSlugs(pathOf(file.loc), slugs)
}

/** Every slug the HTML index links to: the home page, then each archive page its "Older" links lead to. */
async function pageSlugs(slugs: Set<string>): Promise<void> {
  for (let path: string | undefined = '/'; path; ) {
    const document: Node = parseHtml(await (await get(path)).text())
    const links = elementsNamed(document, 'a').map((a) => attribute(a, 'href') ?? '')
    for (const href of links.filter((href) => href.startsWith(`${ORIGIN}/articles/`))) slugs.add(slugOf(href))
    const older: Element | undefined = elementsNamed(document, 'a').find((a) => attribute(a, 'rel') === 'next')
    path = older && pathOf(attribute(older, 'href')!)
  }
}

/** Every slug the site links to: the whole list (cursor by cursor), the HTML index, the JSON Feed and the sitemaps. */
async function linkedSlugs(): Promise<Set<string>> {
  const slugs = new Set<string>()
  for (let path: string | null = '/api/articles?limit=100'; path; ) {
    const page = (await (await get(path)).json()) as ArticleList
    for (const item of page.items) slugs.add(item.slug)
    path = page.next_cursor && `/api/articles?limit=100&cursor=${page.next_cursor}`
  }
  await pageSlugs(slugs)
  const feed = (await (await get('/feed.json')).json()) as { items: Array<{ url: string }> }
  for (const item of feed.items) slugs.add(slugOf(item.url))
  await sitemapSlugs('/sitemap.xml', slugs)
  return slugs
}

const withoutSearch = (store: Map<string, string>) => new Map([...store].filter(([key]) => !key.startsWith('search:')))

/** Articles whose search entries the interrupted run changed: new, backdated, edited. */
const searched = [newest[0], backdated, corrected(previous[45])]

/** The slug a search for these words ranks first. */
async function firstFound(words: string): Promise<string | undefined> {
  isolateCache.clear()
  const body = (await (await get(`/api/search?q=${encodeURIComponent(`"${words}"`)}`)).json()) as { items: Array<{ slug: string }> }
  return body.items[0]?.slug
}

async function expectConsistentSite(): Promise<void> {
  isolateCache.clear()
  const slugs = [...(await linkedSlugs())]
  // Every article of one document set or the other is still linked from somewhere.
  expect(slugs.length).toBeGreaterThanOrEqual(previous.length - REMOVED.size)
  await Promise.all([...['/feed.xml', '/atom.xml', '/healthz'], ...slugs.map((slug) => `/api/articles/${slug}`)].map(get))
}

describe('a seed killed mid-upload', () => {
  it('is compared with an uninterrupted run that left a consistent site, over every step of the plan', async () => {
    const wrote = (pattern: RegExp) => batches.some((batch) => batch.some((key) => pattern.test(key)))
    // The sealed pages' bounds ride in manifest:index until a chunk of them is full (manifest.ts).
    for (const pattern of [/^article:/, /^page:[0-3]$/, /^head$/, /^feed$/, /^manifest:\d+$/, /^manifest:index$/]) {
      expect(wrote(pattern), String(pattern)).toBe(true)
    }
    // The removed articles' keys are deleted in a batch of their own.
    expect(
      batches.some((batch) => batch.length > 0 && batch.every((key) => key.startsWith('article:')) && batch.length === REMOVED.size),
    ).toBe(true)
    expect(batches.length).toBeGreaterThanOrEqual(5)
    expect(uninterrupted.has('page:3')).toBe(true)
    expect(before.has('page:3')).toBe(false)
    expect(uninterrupted.get('page:1')).toContain(backdated.id)
    await expectConsistentSite()
  })

  it(`leaves a consistent site, and the next run repairs it exactly (${RUNS} deaths)`, async () => {
    const largest = Math.max(...batches.map((batch) => batch.length))
    const death = fc.record({
      batch: fc.nat({ max: batches.length - 1 }),
      landed: fc.array(fc.boolean(), { minLength: largest, maxLength: largest }),
    })
    await fc.assert(
      fc.asyncProperty(death, async ({ batch, landed }) => {
        await restoreKv(env.ARTICLES, before)
        const dying = dyingTarget(target(), { batch, landed: (keys) => keys.filter((_, i) => landed[i]) })
        await expect(seed(next, dying, { ...options, now: RUN })).rejects.toBeInstanceOf(Killed)

        await expectConsistentSite()

        await seed(next, target(), { ...options, now: RUN })
        // Byte for byte but the search index: its directory is written with the indexes, before the
        // manifest, so a run that died in between leaves the next one to index the same articles again
        // in another segment, marking the first copies deleted. Its answers are the uninterrupted ones.
        expect(withoutSearch(await snapshotKv(env.ARTICLES))).toEqual(withoutSearch(uninterrupted))
        for (const doc of searched) expect(await firstFound(doc.title), doc.title).toBe(slugify(doc.title))
        const again = await seed(next, target(), { ...options, now: LATER, dryRun: true })
        expect(again.steps.flatMap((step) => [...step.puts, ...step.deletes])).toEqual([])
      }),
      {
        numRuns: RUNS,
        // Always among them, for every batch: dying before any of its writes lands, and with only its last write missing.
        examples: batches.flatMap((keys, batch) => [
          [{ batch, landed: Array(largest).fill(false) }],
          [{ batch, landed: Array.from({ length: largest }, (_, i) => i < keys.length - 1) }],
        ]),
      },
    )
  }, 120_000)
})
