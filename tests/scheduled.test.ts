/**
 * Scheduled publishing (issue 11, item 5): a document dated in the future is
 * stored by the seed but served nowhere (article, lists, feeds, sitemaps, card,
 * oEmbed, count) until its time; then it appears everywhere at once, with no
 * re-seed: every answer that could show it was kept only until its release.
 * In workerd against real local KV, with the clock moved instead of waited for.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArticleList } from '../src/api-schema'
import { isolateCache } from '../src/http/serve'
import { toTimestamp } from '../src/shared/timestamp'
import { datedDocument, datedDocuments } from './support/documents'
import { callWorker } from './support/entry'
import { ORIGIN } from './support/http'
import { restoreKv } from './support/kv-snapshot'
import { kv, seedDocuments } from './support/seed'

const SEEDED = Date.parse('2026-06-01T12:00:00Z')
const RELEASE = SEEDED + 3_600_000
const LATER = SEEDED + 2 * 86_400_000
// Enough to seal pages, so lists span the head, archive pages and sitemap files.
const archive = datedDocuments(90)
const embargoed = datedDocument(900, { title: 'Embargoed budget', published_at: toTimestamp(new Date(RELEASE)) })
const later = datedDocument(901, { title: 'Embargoed until later', published_at: toTimestamp(new Date(LATER)) })
const SLUG = 'embargoed-budget'

const at = (ms: number) => vi.setSystemTime(ms)
const get = (path: string, headers?: Record<string, string>) => callWorker(new Request(`${ORIGIN}${path}`, { headers }))
const text = async (path: string) => (await get(path)).text()

/** Every slug a reader of the API finds by following next_cursor to the end. */
async function apiSlugs(): Promise<string[]> {
  const slugs: string[] = []
  let cursor: string | null = ''
  while (cursor !== null) {
    const body = (await (await get(`/api/articles?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as ArticleList
    slugs.push(...body.items.map((item) => item.slug))
    cursor = body.next_cursor
  }
  return slugs
}

/** Every sitemap URL, through the index and its files. */
async function sitemapText(): Promise<string> {
  const index = await text('/sitemap.xml')
  const files = [...index.matchAll(/<loc>[^<]*(\/sitemap-\d+\.xml)<\/loc>/g)].map((match) => match[1])
  return [index, ...(await Promise.all(files.map(text)))].join('\n')
}

const articleUrl = `${ORIGIN}/articles/${SLUG}`

/** Where the embargoed article shows, route by route: true where it appears. */
async function appearances(): Promise<Record<string, boolean>> {
  return {
    article: (await get(`/articles/${SLUG}`)).status === 200,
    articleJson: (await get(`/api/articles/${SLUG}`)).status === 200,
    card: (await get(`/embed/${SLUG}`)).status === 200,
    oembed: (await get(`/oembed?url=${encodeURIComponent(articleUrl)}`)).status === 200,
    home: (await text('/')).includes(SLUG),
    api: (await apiSlugs()).includes(SLUG),
    rss: (await text('/feed.xml')).includes(SLUG),
    atom: (await text('/atom.xml')).includes(SLUG),
    jsonFeed: (await text('/feed.json')).includes(SLUG),
    sitemap: (await sitemapText()).includes(SLUG),
    newsSitemap: (await text('/news-sitemap.xml')).includes(SLUG),
  }
}

const count = async () => ((await (await get('/healthz')).json()) as { articles: number }).articles

const everywhere = (shown: boolean) =>
  Object.fromEntries(
    ['article', 'articleJson', 'card', 'oembed', 'home', 'api', 'rss', 'atom', 'jsonFeed', 'sitemap', 'newsSitemap'].map((route) => [
      route,
      shown,
    ]),
  )

let upcoming: string[]

beforeAll(async () => {
  await restoreKv(kv(), new Map())
  vi.useFakeTimers({ toFake: ['Date'] })
  at(SEEDED)
  upcoming = (await seedDocuments([...archive, embargoed, later], { now: toTimestamp(new Date(SEEDED)) })).summary.upcoming
  vi.useRealTimers()
})

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  at(SEEDED)
})

afterEach(() => {
  vi.useRealTimers()
})

describe('a scheduled article', () => {
  it('is counted by the seed as scheduled, the soonest first', () => {
    expect(upcoming).toEqual([embargoed.published_at, later.published_at])
  })

  it('is served nowhere and not counted before its time', async () => {
    isolateCache.clear()
    expect(await appearances()).toEqual(everywhere(false))
    expect(await count()).toBe(archive.length)
  })

  it('appears everywhere at its time, without a re-seed, even where an answer was kept from before', async () => {
    isolateCache.clear()
    // Every answer prepared and kept a second before the release...
    at(RELEASE - 1000)
    expect(await appearances()).toEqual(everywhere(false))
    const home = await get('/')
    // ...is not served after it.
    at(RELEASE + 1000)
    expect(await appearances()).toEqual(everywhere(true))
    expect(await count()).toBe(archive.length + 1)
    // A client that saw the page before gets the new one, not a 304: the release dates the change.
    const since = await get('/', { 'if-none-match': home.headers.get('etag')!, 'if-modified-since': home.headers.get('last-modified')! })
    expect(since.status).toBe(200)
    expect(Date.parse(since.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(home.headers.get('last-modified')!))
    expect(await text('/')).not.toContain('embargoed-until-later')
  })

  it('keeps answers that cannot show it for the usual time', async () => {
    isolateCache.clear()
    const first = await get('/robots.txt')
    expect(first.headers.get('cache-control')).not.toMatch(/max-age=0\b/)
    const list = await get('/')
    // The home page lists a scheduled article's neighbours: its max-age counts down to the release.
    const maxAge = Number(/max-age=(\d+)/.exec(list.headers.get('cache-control') ?? '')?.[1])
    expect(maxAge).toBeLessThanOrEqual((RELEASE - SEEDED) / 1000)
  })
})
