/**
 * The sitemaps, over real local KV through the Worker. They list every topic's and author's page
 * (issue 24): dated by the facet's newest article's modified date (its Updated: line when it has
 * one), none whose articles are all scheduled, each one answering 200; a small site's /sitemap.xml
 * holds them beside the articles, a larger site's index names a file of them after the articles'
 * files. A cold /sitemap.xml still reads one multi-key get.
 *
 * The Google News sitemap (issue 25), named by robots.txt and the index: Google's schema for it
 * (sitemap-news.xsd) as this file's own checks, the last 48 hours, newest first, at most 1,000, a
 * scheduled article from its time on, kept no longer than the next change, and dated by age-outs
 * too. The clock is moved instead of waited for.
 */
import { env } from 'cloudflare:test'
import { seed } from '../scripts/publish/seed-run'
import { bindingTarget, type Target } from '../scripts/publish/target'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { KV_CACHE_TTL } from '../src/store/read'
import { isolateCache } from '../src/http/serve'
import { HEAD_KEY, HEAD_SEAL_AT, SITEMAP_PAGES } from '../src/shared/keys'
import type { Document } from '../src/shared/records'
import { slugify } from '../src/shared/slug'
import { toTimestamp } from '../src/shared/timestamp'
import { datedDocument, datedDocuments } from './support/documents'
import { callWorker } from './support/entry'
import { fetchPath, ORIGIN } from './support/http'
import { restoreKv } from './support/kv-snapshot'
import { measured } from './support/measured'
import { kv, seedDocuments } from './support/seed'
import { parseXml, parseXmlInOrder, type XmlElement, xmlProblem } from './support/xml'

type Url = { loc: string; lastmod?: string }

const xmlOf = async (path: string) => {
  const response = await fetchPath(path)
  expect(response.status, path).toBe(200)
  const text = await response.text()
  expect(xmlProblem(text), path).toBeUndefined()
  return parseXml(text)
}
const urlsOf = async (path: string): Promise<Url[]> => [(await xmlOf(path)).urlset.url ?? []].flat()
const facetUrls = (urls: Url[]) => urls.filter(({ loc }) => /\/(topics|authors)\//.test(loc))
const lastmodOf = (urls: Url[], path: string) => urls.find(({ loc }) => loc === `${ORIGIN}${path}`)?.lastmod

const older = datedDocument(1, { topics: ['Politics'], authors: ['Jane Doe'] })
// The newest in Politics and Economy, dated by its Updated: line.
const updated = datedDocument(2, { topics: ['Politics', 'Economy'], updated_at: '2024-06-01T12:00:00Z' })
// Out in 2099: its topic is nobody's until then.
const scheduled = datedDocument(3, { topics: ['Later'], published_at: '2099-01-01T00:00:00Z' })

afterAll(() => isolateCache.clear())

describe('a site with no sealed page', () => {
  beforeAll(() => seedDocuments([older, updated, scheduled]))

  it("lists each facet's page beside the articles, dated by its newest article's modified date", async () => {
    const urls = await urlsOf('/sitemap.xml')
    expect(facetUrls(urls).map(({ loc }) => loc)).toEqual(
      ['/topics/economy', '/topics/politics', '/authors/jane-doe'].map((path) => `${ORIGIN}${path}`),
    )
    expect(lastmodOf(urls, '/topics/politics')).toBe(updated.updated_at)
    expect(lastmodOf(urls, '/topics/economy')).toBe(updated.updated_at)
    expect(lastmodOf(urls, '/authors/jane-doe')).toBe(older.published_at)
    expect(urls).toHaveLength(2 + 3)
  })

  it('lists no facet whose articles are all scheduled, and each one it lists answers 200', async () => {
    const urls = facetUrls(await urlsOf('/sitemap.xml'))
    expect(urls.map(({ loc }) => loc)).not.toContain(`${ORIGIN}/topics/later`)
    for (const { loc } of urls) expect((await fetchPath(loc)).status, loc).toBe(200)
  })

  it('has robots.txt name both sitemaps, and /sitemap.xml stay a urlset', async () => {
    const robots = (await (await fetchPath('/robots.txt')).text()).split('\n')
    expect(robots.filter((line) => line.startsWith('Sitemap: '))).toEqual([
      `Sitemap: ${ORIGIN}/sitemap.xml`,
      `Sitemap: ${ORIGIN}/news-sitemap.xml`,
    ])
    expect(Object.keys(await xmlOf('/sitemap.xml'))).toContain('urlset')
  })

  it('reads the head and the directory in one multi-key get when cold', async () => {
    isolateCache.clear()
    const { status, operations } = await measured('/sitemap.xml')
    expect(status).toBe(200)
    expect(operations).toHaveLength(1)
    expect(operations[0]).toMatchObject({ method: 'get', options: { cacheTtl: KV_CACHE_TTL } })
  })
})

describe('a site with sealed pages', () => {
  // Every article about politics, every third by Jane Doe: enough to seal a page.
  const documents = datedDocuments(HEAD_SEAL_AT + 5).map((doc, n) => ({
    ...doc,
    topics: ['Politics'],
    ...(n % 3 === 0 ? { authors: ['Jane Doe'] } : {}),
  }))
  beforeAll(() => seedDocuments(documents))

  it("names a file of the facets' pages after the articles' files, and no file after it but the news sitemap", async () => {
    const index = await xmlOf('/sitemap.xml')
    const files: string[] = [index.sitemapindex.sitemap].flat().map(({ loc }: { loc: string }) => loc)
    // One file of sealed pages (fewer than SITEMAP_PAGES of them), the head's, then the facets'.
    expect(SITEMAP_PAGES).toBeGreaterThan(1)
    expect(files).toEqual([...[1, 2, 3].map((n) => `${ORIGIN}/sitemap-${n}.xml`), `${ORIGIN}/news-sitemap.xml`])
    const facets = await urlsOf('/sitemap-3.xml')
    const newest = documents.at(-1)!
    const janes = documents.filter((doc) => doc.authors)
    expect(facets).toEqual([
      { loc: `${ORIGIN}/topics/politics`, lastmod: newest.published_at },
      { loc: `${ORIGIN}/authors/jane-doe`, lastmod: janes.at(-1)!.published_at },
    ])
    expect((await fetchPath('/sitemap-4.xml')).status).toBe(404)
  })

  it("keeps the articles in the articles' files, each once", async () => {
    const articles = [...(await urlsOf('/sitemap-1.xml')), ...(await urlsOf('/sitemap-2.xml'))]
    expect(facetUrls(articles)).toEqual([])
    expect(new Set(articles.map(({ loc }) => loc)).size).toBe(documents.length)
  })
})

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
// sitemap-news.xsd: <news:news> is the sequence publication, access?, genres?, publication_date, title, keywords?, stock_tickers?.
const NEWS_SEQUENCE = /^publication (access )?(genres )?publication_date title (keywords )?(stock_tickers )?$/
// Its language: an ISO 639 code of two or three letters, or zh-cn or zh-tw.
const NEWS_LANGUAGE = /^(zh-cn|zh-tw|[a-z]{2,3})$/
// Its publication_date: a W3C datetime (https://www.w3.org/TR/NOTE-datetime), the complete date with an optional time and its zone.
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/

type NewsUrl = { loc: string; title: string; date: string }

/** The pattern, and a day the calendar has. */
function isW3cDatetime(text: string): boolean {
  const day = new Date(`${text.slice(0, 10)}T00:00:00Z`)
  return W3C_DATETIME.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text.slice(0, 10)
}

/**
 * The news sitemap's URLs, once its text has passed the schema's rules and the sitemaps protocol's
 * for urlset and url. Breaches are collected, not asserted one by one: a thousand URLs are checked
 * in a few milliseconds.
 */
function newsUrls(text: string): NewsUrl[] {
  expect(xmlProblem(text)).toBeUndefined()
  const root = parseXmlInOrder(text)
  const problems: string[] = []
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem)
    return ok
  }
  // The namespaces are declared on the root alone: every other element is bare, as the schemas give them no attributes.
  const namespaces: Record<string, string> = {}
  for (const [name, value] of Object.entries(root.attributes)) if (/^xmlns(:|$)/.test(name)) namespaces[name.slice(6)] = value
  const is = (element: XmlElement | undefined, namespace: string, name: string): element is XmlElement => {
    const [prefix, local] = element?.name.includes(':') ? element.name.split(':') : ['', element?.name]
    const ok = check(
      element !== undefined && namespaces[prefix] === namespace && local === name,
      `${element?.name} where ${namespace} ${name} belongs`,
    )
    if (ok && element !== root) check(Object.keys(element!.attributes).length === 0, `${element!.name} has attributes`)
    return ok
  }
  /** A simple-typed element's text: it has no child elements. */
  const simpleText = (element: XmlElement | undefined, namespace: string, name: string) => {
    if (!is(element, namespace, name)) return ''
    check(element.children.length === 0, `${element.name} has child elements`)
    return element.text
  }
  const localNames = (element: XmlElement) => element.children.map((child) => `${child.name.replace(/^news:/, '')} `).join('')

  expect(is(root, SITEMAP_NS, 'urlset')).toBe(true)
  const urls = root.children.map((url) => {
    is(url, SITEMAP_NS, 'url')
    check(url.children.length === 2, `a url of ${url.children.length} elements, not loc and news:news`)
    const [loc, news] = url.children
    check(simpleText(loc, SITEMAP_NS, 'loc').startsWith(`${ORIGIN}/`), `loc ${loc?.text} is not one of the site's URLs`)
    if (!is(news, NEWS_NS, 'news')) return { loc: loc?.text ?? '', title: '', date: '' }
    // Each child's namespace is checked below, as it is read: here, their order.
    check(NEWS_SEQUENCE.test(localNames(news)), `news:news holds ${localNames(news)}`)
    const part = (name: string) => news.children.find((child) => child.name === `news:${name}`)
    const publication = part('publication')
    if (is(publication, NEWS_NS, 'publication')) {
      check(publication.children.length === 2, `news:publication holds ${localNames(publication)}`)
      check(simpleText(publication.children[0], NEWS_NS, 'name') === env.SITE_NAME, 'news:name is not the site name')
      const language = simpleText(publication.children[1], NEWS_NS, 'language')
      check(NEWS_LANGUAGE.test(language) && language === env.SITE_LANGUAGE.split('-')[0].toLowerCase(), `news:language ${language}`)
    }
    const date = simpleText(part('publication_date'), NEWS_NS, 'publication_date')
    check(isW3cDatetime(date), `publication_date ${date}`)
    const title = simpleText(part('title'), NEWS_NS, 'title')
    check(title !== '', 'an empty news:title')
    return { loc: loc.text, title, date }
  })
  expect(problems).toEqual([])
  return urls
}

const HOUR = 3_600_000
const NOW = Date.parse('2026-06-01T12:00:00Z')
const at = (ms: number) => vi.setSystemTime(ms)
const atDate = (ms: number) => toTimestamp(new Date(ms))
const getNews = (headers?: Record<string, string>) => callWorker(new Request(`${ORIGIN}/news-sitemap.xml`, { headers }))
const listed = (docs: Document[]): NewsUrl[] =>
  docs.map((doc) => ({ loc: `${ORIGIN}/articles/${slugify(doc.title)}`, title: doc.title, date: doc.published_at }))

/**
 * Clears the store, then seeds the documents as a seed run at `seededAt` would, writing only what the
 * news sitemap reads (the head and the sealed pages): a tenth of the time of a whole seed of 1,000.
 */
async function seedIndexAt(seededAt: number, documents: Document[]) {
  await restoreKv(kv(), new Map())
  const target = bindingTarget(kv())
  const indexOnly: Target = { ...target, put: (batch) => target.put(batch.filter(({ key }) => key === HEAD_KEY || /^page:\d+$/.test(key))) }
  vi.useFakeTimers({ toFake: ['Date'] })
  at(seededAt)
  await seed(documents, indexOnly, { now: atDate(seededAt), backoffMs: 1 })
  vi.useRealTimers()
  isolateCache.clear()
}

describe('the news sitemap', () => {
  const aged = (ms: number, n: number, title: string) => datedDocument(n, { title, published_at: atDate(NOW - ms) })
  const fresh = aged(2 * HOUR, 1001, 'Two hours old')
  const in47 = aged(47 * HOUR, 1002, 'Forty-seven hours old')
  // Out of the window 90 s from now.
  const edge = aged(48 * HOUR - 90_000, 1003, 'Ninety seconds left')
  const out49 = aged(49 * HOUR, 1004, 'Forty-nine hours old')
  const due = datedDocument(1005, { title: 'Due in two hundred seconds', published_at: atDate(NOW + 200_000) })
  // Months older, and enough to seal a page: the window ends in the head.
  const older = datedDocuments(HEAD_SEAL_AT)

  beforeAll(() => seedIndexAt(NOW - HOUR / 2, [...older, out49, edge, in47, fresh, due]))
  beforeEach(() => {
    isolateCache.clear()
    vi.useFakeTimers({ toFake: ['Date'] })
    at(NOW)
  })
  afterEach(() => vi.useRealTimers())

  it('follows sitemap-news.xsd, as XML', async () => {
    const response = await getNews()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(newsUrls(await response.text())).toHaveLength(3)
  })

  it('lists the released articles of the last 48 hours, newest first: 47 hours old in, 49 out, a scheduled one not yet', async () => {
    expect(newsUrls(await (await getNews()).text())).toEqual(listed([fresh, in47, edge]))
  })

  it('reads the head alone when the window ends inside it', async () => {
    const { status, operations } = await measured('/news-sitemap.xml')
    expect(status).toBe(200)
    expect(operations.map(({ keys }) => keys)).toEqual(['head'])
  })

  it('is kept until the oldest entry turns 48 hours old, then until the next release, and dated by both', async () => {
    const first = await getNews()
    // The edge article ages out in 90 s, before the scheduled one's release in 200 s.
    expect(first.headers.get('cache-control')).toBe('public, max-age=90, stale-if-error=86400')
    const since = first.headers.get('last-modified')!
    at(NOW + 89_000)
    const kept = await getNews({ 'if-modified-since': since })
    expect(kept.status).toBe(304)

    at(NOW + 90_000)
    const agedOut = await getNews({ 'if-modified-since': since })
    expect(agedOut.status).toBe(200)
    expect(newsUrls(await agedOut.text())).toEqual(listed([fresh, in47]))
    expect(agedOut.headers.get('last-modified')).toBe(new Date(NOW + 90_000).toUTCString())
    expect(agedOut.headers.get('cache-control')).toBe('public, max-age=110, stale-if-error=86400')

    at(NOW + 200_000)
    const released = await getNews()
    expect(newsUrls(await released.text())).toEqual(listed([due, fresh, in47]))
    expect(released.headers.get('last-modified')).toBe(new Date(NOW + 200_000).toUTCString())
  })

  it('is an empty urlset once nothing is 48 hours old or newer', async () => {
    at(NOW + 49 * HOUR)
    const response = await getNews()
    expect(response.status).toBe(200)
    expect(newsUrls(await response.text())).toEqual([])
  })
})

describe('the news sitemap of a busy site', () => {
  // 1,050 articles in the last 47 hours, one every 160 s, oldest first: the head holds 40 to 59, sealed pages the rest.
  const busy = Array.from({ length: 1050 }, (_, i) => datedDocument(2000 + i, { published_at: atDate(NOW - (1050 - i) * 160_000) }))

  beforeAll(() => seedIndexAt(NOW, busy))
  afterEach(() => vi.useRealTimers())

  beforeEach(() => {
    isolateCache.clear()
    vi.useFakeTimers({ toFake: ['Date'] })
  })

  /** The news sitemap at `now`, and the keys of each read it made: the head, then multi-key gets of pages. */
  async function newsAt(now: number) {
    at(now)
    const { status, headers, body, operations } = await measured('/news-sitemap.xml')
    expect(status).toBe(200)
    expect(operations[0].keys).toBe('head')
    const gets = operations.slice(1).map(({ keys }) => keys)
    for (const keys of gets) expect(keys.length).toBeLessThanOrEqual(50)
    return { urls: newsUrls(new TextDecoder().decode(body)), headers: new Map(headers), gets }
  }

  it('lists the newest 1,000, newest first, reading the pages below the head in one multi-key get', async () => {
    const { urls, gets } = await newsAt(NOW)
    expect(urls).toEqual(listed(busy.slice(-1000).reverse()))
    expect(gets).toHaveLength(1)
  })

  it('40 hours on, lists the last 8, read in one multi-key get sized by the head, dated by the last age-out', async () => {
    const later = NOW + 40 * HOUR
    const { urls, headers, gets } = await newsAt(later)
    // Published every 160 s: 179 within the last 8 hours, and the 180th turning 48 hours old right now.
    expect(urls).toEqual(listed(busy.slice(-179).reverse()))
    expect(gets).toHaveLength(1)
    expect(headers.get('last-modified')).toBe(new Date(later).toUTCString())
    expect(headers.get('cache-control')).toBe('public, max-age=160, stale-if-error=86400')
  })
})
