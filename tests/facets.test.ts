/**
 * Topics and authors (issue 24) over real local KV, through the Worker: each facet's pages,
 * archive pages, feeds, list API and directory; unknown ones 404 (problem+json under /api);
 * scheduled articles count nowhere; paging a topic while articles are added, edited, re-topiced
 * and deleted returns each article that stayed in it exactly once, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FacetListSchema } from '../src/api-schema'
import { isolateCache } from '../src/http/serve'
import { HEAD_SEAL_AT } from '../src/shared/keys'
import type { Document } from '../src/shared/records'
import { datedDocument } from './support/documents'
import { feedProblems } from './support/feed-validator'
import { attribute, elementsNamed, type Node, parseHtml, textOf } from './support/html'
import { expectProblem, fetchPath, ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'

/** Every article is about politics (the older ones spelt in lower case), every other one by Jane Doe. */
const filed = (n: number, changes: Partial<Document> = {}): Document =>
  datedDocument(n, {
    topics: [n < 10 ? 'politics' : 'Politics', ...(n % 3 === 0 ? ['Economy'] : [])],
    ...(n % 2 === 0 ? { authors: ['Jane Doe'] } : {}),
    ...changes,
  })
const COUNT = HEAD_SEAL_AT + 5
const base = Array.from({ length: COUNT }, (_, n) => filed(n))
// Out in a year: it counts nowhere until then, and its topic is nobody's yet.
const scheduled = datedDocument(100_000, { published_at: '2099-01-01T00:00:00Z', topics: ['Politics', 'Later'], authors: ['Jane Doe'] })

const get = async (path: string) => {
  const response = await fetchPath(path)
  expect(response.status, path).toBe(200)
  return response
}
const page = async (path: string) => parseHtml(await (await get(path)).text())
const titlesOf = (root: Node) => elementsNamed(root, 'h2').map((h2) => textOf(h2).trim())
const linksWith = (root: Node, tag: string, rel: string) =>
  elementsNamed(root, tag)
    .filter((element) => attribute(element, 'rel') === rel)
    .map((element) => attribute(element, 'href'))

beforeAll(() => seedDocuments([...base, scheduled]))
afterAll(() => isolateCache.clear())

describe('a topic page', () => {
  it("lists the topic's newest released articles, links its three feeds and its newest archive page", async () => {
    const root = await page('/topics/politics')
    const titles = titlesOf(root)
    expect(titles[0]).toBe(`Article number ${COUNT - 1}`)
    expect(titles).not.toContain(scheduled.title)
    expect(textOf(elementsNamed(root, 'h1')[0])).toBe('Politics')
    const feeds = ['/feed.xml', '/atom.xml', '/feed.json'].map((path) => `${ORIGIN}/topics/politics${path}`)
    expect(linksWith(root, 'link', 'alternate')).toEqual(feeds)
    expect(linksWith(root, 'a', 'next')).toEqual([`${ORIGIN}/topics/politics/archive/1`])
  })

  it('has archive pages that hold the older articles, each once across the pages', async () => {
    const newest = titlesOf(await page('/topics/politics'))
    const archived = titlesOf(await page('/topics/politics/archive/1'))
    expect(archived.length).toBeGreaterThan(0)
    expect([...newest, ...archived].sort()).toEqual(base.map((doc) => doc.title).sort())
    await expect(fetchPath('/topics/politics/archive/2').then((r) => r.status)).resolves.toBe(404)
  })

  it('answers with a strong ETag and a 304 to it', async () => {
    const first = await get('/topics/economy')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"/)
    expect(first.headers.get('last-modified')).not.toBeNull()
    expect((await fetchPath('/topics/economy', { headers: { 'if-none-match': etag } })).status).toBe(304)
  })

  it.each([
    '/topics/nothing-here',
    '/topics/later',
    '/topics/NOT_A_SLUG',
    '/authors/nobody',
    '/topics/later/feed.xml',
    '/topics/later/archive/1',
  ])('%s: 404 (unknown, or only scheduled)', async (path) => {
    const response = await fetchPath(path)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  })
})

describe("a facet's feeds", () => {
  it.each(['/topics/politics/feed.xml', '/topics/politics/atom.xml', '/authors/jane-doe/feed.xml', '/authors/jane-doe/atom.xml'])(
    '%s keeps the W3C Feed Validator rules and names itself',
    async (path) => {
      const xml = await (await get(path)).text()
      expect(feedProblems(xml)).toEqual([])
      expect(xml).toContain(`href="${ORIGIN}${path}"`)
      expect(xml).not.toContain(scheduled.title)
    },
  )

  it("holds the facet's 50 newest released articles, with the site's ids", async () => {
    const feed = (await (await get('/topics/politics/feed.json')).json()) as {
      items: Array<{ id: string; title: string }>
      feed_url: string
    }
    expect(feed.feed_url).toBe(`${ORIGIN}/topics/politics/feed.json`)
    expect(feed.items.map((item) => item.title)).toEqual(
      [...base]
        .reverse()
        .slice(0, 50)
        .map((doc) => doc.title),
    )
    const site = (await (await get('/feed.json')).json()) as { items: Array<{ id: string; title: string }> }
    expect(feed.items[0].id).toBe(site.items.find((item) => item.title === feed.items[0].title)!.id)
  })

  it("an author's feed holds only their articles", async () => {
    const feed = (await (await get('/authors/jane-doe/feed.json')).json()) as { items: Array<{ title: string }> }
    const theirs = base.filter((doc) => doc.authors).map((doc) => doc.title)
    expect(feed.items.length).toBe(Math.min(50, theirs.length))
    for (const item of feed.items) expect(theirs).toContain(item.title)
  })
})

describe('the directories', () => {
  it('/api/topics lists every topic out, A–Z, with counts, pages and feeds; nothing scheduled counts', async () => {
    const list = FacetListSchema.parse(await (await get('/api/topics')).json())
    expect(list.items.map((facet) => [facet.slug, facet.name, facet.count])).toEqual([
      ['economy', 'Economy', base.filter((doc) => doc.topics?.includes('Economy')).length],
      ['politics', 'Politics', COUNT],
    ])
    expect(list.items[1]).toMatchObject({ url: `${ORIGIN}/topics/politics`, feed_url: `${ORIGIN}/topics/politics/feed.xml` })
    expect(list.next_cursor).toBeNull()
  })

  it('/api/authors pages by cursor', async () => {
    const first = FacetListSchema.parse(await (await get('/api/authors?limit=1')).json())
    expect(first.items.map((facet) => [facet.slug, facet.count])).toEqual([['jane-doe', base.filter((doc) => doc.authors).length]])
    expect(first.next_cursor).toBeNull()
  })

  it('/topics and /authors list each facet with its count', async () => {
    expect(titlesOf(await page('/topics'))).toEqual(['Economy', 'Politics'])
    expect(titlesOf(await page('/authors'))).toEqual(['Jane Doe'])
  })

  it('refuses a bad limit or cursor with a 400 problem', async () => {
    await expectProblem(await fetchPath('/api/topics?limit=0'), 400)
    await expectProblem(await fetchPath('/api/authors?cursor=not%20one'), 400)
  })
})

describe('GET /api/articles filtered by a facet', () => {
  it('answers 404 problems for an unknown or only scheduled facet, 400 for both at once', async () => {
    await expectProblem(await fetchPath('/api/articles?topic=nothing-here'), 404)
    await expectProblem(await fetchPath('/api/articles?topic=later'), 404)
    await expectProblem(await fetchPath('/api/articles?author=Nobody'), 404)
    await expectProblem(await fetchPath('/api/articles?topic=politics&author=jane-doe'), 400)
  })

  it("walks a topic's articles exactly once, in order, while articles are added, edited, re-topiced and deleted", async () => {
    const stayed = base.filter((doc) => doc.topics?.includes('Economy'))
    const [retopiced, deleted, edited] = [stayed[2], stayed[5], stayed[8]]
    const seen: string[] = []
    let cursor: string | null | undefined
    let round = 0
    do {
      const query = new URLSearchParams({ topic: 'economy', limit: '3', ...(cursor ? { cursor } : {}) })
      const body = (await (await get(`/api/articles?${query}`)).json()) as { items: Array<{ title: string }>; next_cursor: string | null }
      seen.push(...body.items.map((item) => item.title))
      cursor = body.next_cursor
      round++
      if (round === 2) {
        // Newer, older and in the middle: added, re-topiced out, deleted, edited.
        const added = [filed(COUNT + 3), filed(COUNT + 6), datedDocument(1, { topics: ['Economy'] })]
        const changed = base
          .filter((doc) => doc !== deleted)
          .map((doc) =>
            doc === retopiced ? { ...doc, topics: ['Politics'] } : doc === edited ? { ...doc, title: `${doc.title}, corrected` } : doc,
          )
        await seedDocuments([...changed.filter((doc) => doc.id !== added[2].id), ...added, scheduled])
      }
    } while (cursor)
    const throughout = stayed.filter((doc) => doc !== retopiced && doc !== deleted && doc !== edited).map((doc) => doc.title)
    // Each that stayed is there once, in the order of the index (newest first); nothing twice.
    expect(seen.filter((title) => throughout.includes(title))).toEqual([...throughout].reverse())
    expect(new Set(seen).size).toBe(seen.length)
  })
})
