/**
 * What a request costs and how long an answer lives, on the real Worker and
 * real local KV: KV operations per request, counted through a wrapper around
 * the binding, on a cold isolate (nothing prepared) and a hot one; freshness
 * after a re-seed, with the clock moved instead of waited for; and the isolate
 * cache's byte budget. Throughput is the benchmark's job (npm run bench).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { seed } from '../scripts/publish/seed-run'
import { bindingTarget } from '../scripts/publish/target'
import { slugify } from '../scripts/publish/document/slug'
import { represent } from '../src/http/representation'
import { ResponseCache } from '../src/http/response-cache'
import { isolateCache } from '../src/http/serve'
import { encodeCursor } from '../src/routes/cursor'
import { FEEDS, ROUTES as TABLE_ROUTES, routeAt, TABLE } from '../src/routes/table'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { KV_CACHE_TTL } from '../src/store/read'
import { sameBytes } from './support/byte-equality'
import { datedDocuments, filedAsExample } from './support/documents'
import { measured, type Measured } from './support/measured'
import { examplePath, walkAt } from './support/routes'
import { kv, seedDocuments } from './support/seed'
import { standInImages } from './support/stand-in-images'

// Three sealed pages below a head of 45, the site's and each topic's and author's, so archive pages and
// reads across the head and pages are exercised.
const DOCUMENTS = datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE + 5).map(filedAsExample)
// Among the newest, so it is in the head (the home page) and in the feeds.
const ARTICLE = DOCUMENTS.length - 3
const article = DOCUMENTS[ARTICLE]
const walk = walkAt(article)
const { slug } = walk

/** A position in the middle sealed page (page 1 holds documents 20–39): what a client paging on from there holds. */
const deep = DOCUMENTS[30]
const IN_PAGES = encodeCursor({ position: { published_at: deep.published_at, id: deep.id }, page: 1, head: false })
/** A cursor made before any page was sealed: its window is the head and every page sealed since. */
const FROM_HEAD = encodeCursor({ page: 0, head: true })

/** Every route that answers from a prepared representation (all but /healthz), an archive page, and list reads over more than one stored key. */
const ROUTES = [
  ...TABLE.filter((route) => route.kind !== 'health').map((route) => [route.path, examplePath(route, walk)] as const),
  ['an archive page with neighbours on both sides', '/archive/2'],
  ['list JSON over the head and the sealed pages', `/api/articles?limit=100&cursor=${FROM_HEAD}`],
  ['list JSON over sealed pages', `/api/articles?limit=100&cursor=${IN_PAGES}`],
] as const

expect.addEqualityTesters([sameBytes])

const cold = (path: string, headers?: Record<string, string>) => {
  isolateCache.clear()
  return measured(path, headers)
}

describe('KV operations per request', () => {
  // With preview images, so the image routes have one to serve.
  beforeAll(() => seedDocuments(DOCUMENTS, { images: standInImages }))
  afterAll(() => isolateCache.clear())

  /**
   * A search reads the directory, its words' chunks and the shown articles' chunks: three multi-key
   * gets. Issue 13 asks for two; that target is not met yet (docs/benchmarks.md, "Search").
   * A topic's or an author's feed reads its head, then the articles it names in one multi-key get:
   * two, since no publish writes a feed per facet (issue 24; src/routes/feeds.ts).
   */
  const coldGets = (path: string) => {
    const route = routeAt(path.split('?')[0])
    if (route === TABLE_ROUTES.search || route === TABLE_ROUTES.searchPage) return 3
    return route?.kind === 'feed' && !FEEDS.includes(route) ? 2 : 1
  }

  describe.each(ROUTES)('%s', (_, path) => {
    it('reads at most one key (or one multi-key get) when cold, only with get, and with the freshness cacheTtl', async () => {
      const { status, operations } = await cold(path)
      expect(status).toBe(200)
      expect(operations.length).toBeLessThanOrEqual(coldGets(path))
      for (const op of operations) expect(op).toMatchObject({ method: 'get', options: { cacheTtl: KV_CACHE_TTL } })
    })

    it('reads nothing when hot', async () => {
      await cold(path)
      const hot = await measured(path)
      expect(hot.status).toBe(200)
      expect(hot.operations).toEqual([])
    })

    it('answers hot exactly as it answered cold: status, headers and bytes', async () => {
      const first = await cold(path)
      const hot = await measured(path)
      expect(hot.operations).toEqual([]) // it was the cached representation
      expect({ status: hot.status, headers: hot.headers }).toEqual({ status: first.status, headers: first.headers })
      expect(hot.body).toEqual(first.body)
    })
  })

  it('answers If-None-Match with 304 from one read when cold and from none when hot', async () => {
    const path = `/api/articles/${slug}`
    const etag = (await cold(path)).headers.find(([name]) => name === 'etag')![1]
    const coldNotModified = await cold(path, { 'if-none-match': etag })
    expect(coldNotModified.status).toBe(304)
    expect(coldNotModified.operations).toHaveLength(1)
    const hotNotModified = await measured(path, { 'if-none-match': etag })
    expect(hotNotModified.status).toBe(304)
    expect(hotNotModified.operations).toEqual([])
  })

  // The long tail's lane (src/routes/article-lane.ts) leaves what it cannot answer to the app, with what it read.
  it.each([
    ['a page of no article', '/articles/no-such-article', {}, 404],
    ['the JSON of no article', '/api/articles/no-such-article', {}, 404],
    ['an article asked for in no coding we make', `/articles/${slug}`, { 'accept-encoding': 'identity;q=0, *;q=0' }, 406],
  ] as const)('answers %s from one read, when cold', async (_, path, headers, status) => {
    const answered = await cold(path, headers)
    expect(answered.status).toBe(status)
    expect(answered.operations).toHaveLength(1)
  })

  it('reads one key per article page, whichever of many articles is asked for', async () => {
    isolateCache.clear()
    for (const doc of DOCUMENTS) {
      const { status, operations } = await measured(`/api/articles/${slugify(doc.title)}`)
      expect(status).toBe(200)
      expect(operations).toHaveLength(1)
    }
  })
})

describe('freshness after a re-seed', () => {
  const T0 = Date.parse('2026-05-01T12:00:00Z')
  const retitled = { ...article, title: 'A new title for the same article' }
  const PATHS = ['/', `/articles/${slug}`, '/api/articles', `/api/articles/${slug}`, '/feed.xml']
  const text = (m: Measured) => new TextDecoder().decode(m.body)

  beforeAll(() => seedDocuments(DOCUMENTS))
  afterEach(() => vi.useRealTimers())
  afterAll(() => isolateCache.clear())

  it('serves the prepared answer until the isolate TTL, then the re-seeded content', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
    for (const path of PATHS) expect(text(await measured(path))).toContain(article.title)

    // The seed command's own planner and batching, straight into KV; the isolate cache is left alone.
    await seed(
      DOCUMENTS.map((doc) => (doc.id === retitled.id ? retitled : doc)),
      bindingTarget(kv()),
      { backoffMs: 1 },
    )

    vi.setSystemTime(T0 + isolateCache.ttlMs - 1)
    for (const path of PATHS) {
      const stale = await measured(path)
      expect(stale.operations).toEqual([])
      expect(text(stale)).toContain(article.title)
    }

    vi.setSystemTime(T0 + isolateCache.ttlMs)
    for (const path of PATHS) {
      const fresh = await measured(path)
      expect(fresh.operations).toHaveLength(1)
      expect(text(fresh)).toContain(retitled.title)
      expect(text(fresh)).not.toContain(article.title)
    }
  })

  it('bounds staleness at 60 s: the isolate TTL plus the cacheTtl every KV read asks for (checked per route above)', () => {
    expect(isolateCache.ttlMs / 1000 + KV_CACHE_TTL).toBeLessThanOrEqual(60)
  })
})

describe('the isolate cache', () => {
  const rep = (bytes: number) => represent('x'.repeat(bytes), { type: 'text/plain', cacheControl: 'no-cache' })
  const cost = async (key: string, bytes: number) => (await rep(bytes)).size + key.length

  it('never holds more than its byte budget, and counts exactly what it holds', async () => {
    const cache = new ResponseCache({ maxBytes: 64 * 1024 })
    const keys: string[] = []
    for (let i = 0; i < 400; i++) {
      const key = `https://news.example/${i}`
      keys.push(key)
      // Sizes from tiny to the largest entry allowed, in a fixed, varied order.
      cache.set(key, await rep(((i * 7919) % (cache.maxBytes / 8 - 400)) + 1))
      expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes)
    }
    const held = keys.filter((key) => cache.stale(key) !== undefined)
    expect(held.length).toBe(cache.size)
    expect(held.length).toBeLessThan(keys.length)
    expect(held.reduce((sum, key) => sum + cache.stale(key)!.size + key.length, 0)).toBe(cache.bytes)
  })

  const key = (i: number) => `k${String(i).padStart(4, '0')}` // one length, so every entry costs the same

  it('evicts the least recently used entry first', async () => {
    const cache = new ResponseCache({ maxBytes: (await cost(key(0), 1000)) * 10 })
    for (let i = 0; i < 10; i++) cache.set(key(i), await rep(1000))
    expect(cache.get(key(0))).toBeDefined() // now the most recently used
    cache.set(key(10), await rep(1000))
    cache.set(key(10), await rep(1000)) // asked for again: let in (see below)
    expect(cache.stale(key(1))).toBeUndefined()
    for (const i of [0, 2, 9, 10]) expect(cache.stale(key(i))).toBeDefined()
    expect(cache.bytes).toBeLessThanOrEqual(cache.maxBytes)
  })

  it('once full, lets a new key in only the second time it is asked for, so a crawl flushes nothing', async () => {
    const cache = new ResponseCache({ maxBytes: (await cost(key(0), 1000)) * 10 })
    for (let i = 0; i < 10; i++) cache.set(key(i), await rep(1000)) // room to spare: each gets in at once
    for (let i = 0; i < 10; i++) expect(cache.stale(key(i))).toBeDefined()
    const held = cache.bytes
    // A crawler asks for 1,000 pages once each: none gets in, none of the readers' pages goes.
    for (let i = 100; i < 1100; i++) cache.set(key(i), await rep(1000))
    for (let i = 100; i < 1100; i++) expect(cache.stale(key(i))).toBeUndefined()
    for (let i = 0; i < 10; i++) expect(cache.stale(key(i))).toBeDefined()
    expect(cache.bytes).toBe(held)
    // A page asked for twice within the doorkeeper's memory gets in, in place of the least recently used.
    cache.set(key(2000), await rep(1000))
    cache.set(key(2001), await rep(1000))
    cache.set(key(2000), await rep(1000))
    expect(cache.stale(key(2000))).toBeDefined()
    expect(cache.stale(key(0))).toBeUndefined()
    // One already held is replaced whenever it is kept again, full or not.
    cache.set(key(5), await rep(999))
    expect(cache.stale(key(5))!.size).toBe((await rep(999)).size)
  })

  it("forgets a turned-away key after about a cache's worth of others, at least 256", async () => {
    const cache = new ResponseCache({ maxBytes: (await cost(key(0), 1000)) * 10 })
    for (let i = 0; i < 10; i++) cache.set(key(i), await rep(1000))
    cache.set(key(100), await rep(1000))
    for (let i = 101; i < 101 + 256; i++) cache.set(key(i), await rep(1000))
    cache.set(key(100), await rep(1000)) // forgotten: turned away again
    expect(cache.stale(key(100))).toBeUndefined()
    cache.set(key(100), await rep(1000))
    expect(cache.stale(key(100))).toBeDefined()
  })

  it('refuses an entry over an eighth of the budget, keeping everything else', async () => {
    const entry = await cost('big', 5000)
    const cache = new ResponseCache({ maxBytes: entry * 8 })
    cache.set('small', await rep(10))
    const before = cache.bytes
    cache.set('big', await rep(5000)) // exactly an eighth: allowed
    expect(cache.stale('big')).toBeDefined()
    cache.set('big', await rep(5001))
    expect(cache.stale('big')).toBeUndefined()
    expect(cache.stale('small')).toBeDefined()
    expect(cache.bytes).toBe(before)
  })
})
