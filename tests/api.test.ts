/**
 * The JSON API through the Worker's real entry: shapes, order, pagination,
 * validation as RFC 9457 problems, methods, health, and absolute URLs.
 */
import { createExecutionContext, env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Plan } from '../scripts/publish/plan'
import { isolateCache } from '../src/http/serve'
import worker from '../src/index'
import { TimestampSchema, type Document } from '../src/shared/records'
import { type ArticleList, ArticleListSchema, ArticleSchema } from '../src/api-schema'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { datedDocuments, documentText, parsed } from './support/documents'
import { expectProblem, fetchPath, ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'

// The contract for GET /api/articles.
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 100

const VERBATIM_TITLE = `Tom & Jerry <b>not bold</b> "double" 'single' ]]> 📰`
const VERBATIM_PARAGRAPHS = [
  '평양에서 새 박물관이 문을 열었다.',
  'افتتاح متحف جديد.',
  'Cafe\u0301 👩‍👩‍👧 🇰🇷 <script>alert(1)</script> &amp;',
]

/** Oldest first. */
let docs: Document[]
let plan: Plan

beforeAll(async () => {
  // The oldest document carries the hard text through the real parser; it sits on the oldest sealed page.
  // Three pages are sealed below a head of 45: more articles than one answer's MAX_LIMIT.
  const verbatim = await parsed('verbatim.txt', documentText(VERBATIM_TITLE, VERBATIM_PARAGRAPHS, '2025-12-01'))
  docs = [verbatim, ...datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE + 4)]
  plan = await seedDocuments(docs)
})

const newestFirst = () => [...docs].reverse()
const titlesNewestFirst = () => newestFirst().map((doc) => doc.title)

async function listPage(query: string, origin = ORIGIN) {
  const response = await fetchPath(`/api/articles${query}`, undefined, origin)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/^application\/json\b/)
  return response.json() as Promise<{ items: Array<Record<string, unknown>>; next_cursor: string | null }>
}

/** Follows next_cursor from the first page to the end; bounded so a cursor loop fails instead of hanging. */
async function walkItems(limit: number) {
  const items: ArticleList['items'] = []
  let query = `?limit=${limit}`
  for (let pages = 0; pages <= 2 * docs.length; pages++) {
    const body = ArticleListSchema.parse(await listPage(query))
    expect(body.items.length).toBeLessThanOrEqual(limit)
    items.push(...body.items)
    if (body.next_cursor === null) return items
    query = `?limit=${limit}&cursor=${encodeURIComponent(body.next_cursor)}`
  }
  throw new Error('next_cursor never ended')
}

const walk = async (limit: number) => (await walkItems(limit)).map((item) => item.title)

/** Slugs are assigned by the seed; find one through the API as a client would. */
const slugOfTitle = async (title: string) => (await walkItems(MAX_LIMIT)).find((item) => item.title === title)!.slug

describe('GET /api/articles', () => {
  it('answers { items: [{ slug, title, summary, published_at, url }], next_cursor }, newest first, 20 by default', async () => {
    const body = await listPage('')
    expect(Object.keys(body).sort()).toEqual(['items', 'next_cursor'])
    expect(body.items).toHaveLength(DEFAULT_LIMIT)
    for (const item of body.items) expect(Object.keys(item).sort()).toEqual(['published_at', 'slug', 'summary', 'title', 'url'])
    expect(typeof body.next_cursor).toBe('string')

    const newest = newestFirst().slice(0, DEFAULT_LIMIT)
    expect(body.items.map(({ title, summary, published_at }) => ({ title, summary, published_at }))).toEqual(
      newest.map((doc) => ({ title: doc.title, summary: doc.paragraphs[0], published_at: doc.published_at })),
    )
    for (const item of body.items) expect(item.url).toBe(`${ORIGIN}/articles/${item.slug}`)
  })

  it('accepts limits from 1 to 100', async () => {
    const one = await listPage('?limit=1')
    expect(one.items.map((item) => item.title)).toEqual(titlesNewestFirst().slice(0, 1))
    expect(one.next_cursor).not.toBeNull()
    // An answer may hold fewer than the limit (here, the head alone) and still go on.
    const most = await listPage(`?limit=${MAX_LIMIT}`)
    expect(most.items.length).toBeGreaterThanOrEqual(HEAD_SEAL_AT - PAGE_SIZE)
    expect(most.items.length).toBeLessThanOrEqual(MAX_LIMIT)
    expect(most.items.map((item) => item.title)).toEqual(titlesNewestFirst().slice(0, most.items.length))
    expect(most.next_cursor).not.toBeNull()
  })

  // Limits that do and do not line up with the sealed pages of 20 and the head of 45, and the largest.
  it.each([1, 7, DEFAULT_LIMIT, 23, MAX_LIMIT])('walks every article exactly once, in order, with limit=%i', async (limit) => {
    expect(await walk(limit)).toEqual(titlesNewestFirst())
  })

  it('ends the list with a null next_cursor after the oldest article', async () => {
    const items = await walkItems(MAX_LIMIT)
    expect(items.at(-1)?.title).toBe(VERBATIM_TITLE)
  })

  it.each(['0', '101', 'abc', '1.5', '', '-1', '1e2'])('refuses limit=%j with a 400 problem', async (limit) => {
    await expectProblem(await fetchPath(`/api/articles?limit=${encodeURIComponent(limit)}`), 400)
  })

  const base64url = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  it.each([
    ['not base64url', 'not a cursor!'],
    ['empty', ''],
    ['not JSON', 'abc'],
    ['an offset from before keyset cursors', base64url({ o: 20 })],
    ['a negative page', base64url({ k: -1 })],
    ['a fractional page', base64url({ k: 1.5 })],
    ['no page', base64url({ x: 20 })],
    ['a time without an id', base64url({ t: '2026-01-01T00:00:00Z', k: 0 })],
    ['an id without a time', base64url({ i: '0000000000000001', k: 0 })],
    ['a time that is not one', base64url({ t: 'yesterday', i: '0000000000000001', k: 0 })],
    ['a head flag other than 1', base64url({ k: 0, h: true })],
  ])('refuses a cursor that is %s with a 400 problem', async (_, cursor) => {
    await expectProblem(await fetchPath(`/api/articles?cursor=${encodeURIComponent(cursor)}`), 400)
  })
})

describe('GET /api/articles/:slug', () => {
  it('answers { slug, id, title, summary, published_at, url, paragraphs, word_count, reading_time_minutes, authors, topics, updated_at }', async () => {
    const doc = newestFirst()[3]
    const slug = await slugOfTitle(doc.title)
    const response = await fetchPath(`/api/articles/${slug}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/)
    const body = (await response.json()) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual([
      'authors',
      'id',
      'paragraphs',
      'published_at',
      'reading_time_minutes',
      'slug',
      'summary',
      'title',
      'topics',
      'updated_at',
      'url',
      'word_count',
    ])
    // A document without the optional lines (issue 24), on a site without AUTHOR_NAME: no one, nothing, never updated.
    expect([body.authors, body.topics, body.updated_at]).toEqual([[], [], null])
    const article = ArticleSchema.parse(body)
    expect(article).toMatchObject({ slug, id: doc.id, title: doc.title, summary: doc.paragraphs[0], paragraphs: doc.paragraphs })
    expect(article.url).toBe(`${ORIGIN}/articles/${slug}`)
    expect(new URL(article.url).href).toBe(article.url)
    // RFC 3339 section 5.6, in UTC.
    expect(article.published_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    expect(TimestampSchema.safeParse(article.published_at).success).toBe(true)
    expect(Date.parse(article.published_at)).toBe(Date.parse(doc.published_at))
    expect(article.word_count).toBe(doc.paragraphs.join(' ').split(/\s+/).length)
    expect(Number.isInteger(article.reading_time_minutes) && article.reading_time_minutes >= 1).toBe(true)
  })

  it('keeps the text verbatim', async () => {
    const article = ArticleSchema.parse(await (await fetchPath(`/api/articles/${await slugOfTitle(VERBATIM_TITLE)}`)).json())
    expect(article.title).toBe(VERBATIM_TITLE)
    expect(article.paragraphs).toStrictEqual(VERBATIM_PARAGRAPHS)
  })

  it.each(['no-such-article', 'Not-A-Slug', 'a'.repeat(300)])('answers 404 with a problem for the unknown slug %s', async (slug) => {
    await expectProblem(await fetchPath(`/api/articles/${slug}`), 404)
  })
})

describe('routes and methods', () => {
  it.each(['/api/nothing-here', '/api/articles/some/deeper/path'])('an unknown API route %s is a 404 problem', async (path) => {
    await expectProblem(await fetchPath(path), 404)
  })

  it('an unknown route outside the API is a 404', async () => {
    expect((await fetchPath('/no/such/route')).status).toBe(404)
  })

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s answers 405 with Allow', async (method) => {
    for (const path of ['/api/articles', `/api/articles/${await slugOfTitle(docs[0].title)}`, '/', '/feed.xml']) {
      const response = await fetchPath(path, { method, body: method === 'DELETE' ? undefined : '{}' })
      await expectProblem(response, 405)
      const allowed = response.headers
        .get('allow')
        ?.split(',')
        .map((m) => m.trim())
      expect(allowed).toEqual(expect.arrayContaining(['GET', 'HEAD']))
      expect(allowed).not.toContain(method)
    }
  })
})

describe('GET /healthz', () => {
  it('tells the article count and data version, never cached and without an ETag', async () => {
    const response = await fetchPath('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ articles: docs.length, version: plan.summary.version })
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('etag')).toBeNull()
  })
})

describe('absolute URLs', () => {
  it.each([ORIGIN, 'http://127.0.0.1:8787'])('come from the request origin %s when SITE_URL is empty', async (origin) => {
    expect(env.SITE_URL).toBe('')
    const { items } = await listPage('?limit=3', origin)
    for (const item of items) expect(item.url).toBe(`${origin}/articles/${item.slug}`)
    const article = ArticleSchema.parse(await (await fetchPath(`/api/articles/${items[0].slug}`, undefined, origin)).json())
    expect(article.url).toBe(`${origin}/articles/${items[0].slug}`)
  })

  describe('with SITE_URL set', () => {
    // The isolate cache keys on the URL alone; a different env needs a clean cache.
    afterEach(() => isolateCache.clear())

    // A request on another host is moved to SITE_URL first (tests/canonical-host.test.ts).
    it('come from SITE_URL, with the path it names', async () => {
      isolateCache.clear()
      const siteEnv = { ...env, SITE_URL: 'https://press.example/news/' }
      const response = await worker.fetch(new Request('https://press.example/api/articles?limit=3'), siteEnv, createExecutionContext())
      const { items } = ArticleListSchema.parse(await response.json())
      expect(items).toHaveLength(3)
      for (const item of items) expect(item.url).toBe(`https://press.example/news/articles/${item.slug}`)
    })
  })
})
