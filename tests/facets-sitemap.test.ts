/**
 * The sitemaps list every topic's and author's page (issue 24), over real local KV through the
 * Worker: dated by the facet's newest article's modified date (its Updated: line when it has one),
 * none whose articles are all scheduled, each one answering 200; a small site's /sitemap.xml holds
 * them beside the articles, a larger site's index names a file of them after the articles' files.
 * A cold /sitemap.xml still reads one multi-key get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KV_CACHE_TTL } from '../src/store/read'
import { isolateCache } from '../src/http/serve'
import { HEAD_SEAL_AT, SITEMAP_PAGES } from '../src/shared/keys'
import { datedDocument, datedDocuments } from './support/documents'
import { fetchPath, ORIGIN } from './support/http'
import { measured } from './support/measured'
import { seedDocuments } from './support/seed'
import { parseXml, xmlProblem } from './support/xml'

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

  it("names a file of the facets' pages after the articles' files, and no file after it", async () => {
    const index = await xmlOf('/sitemap.xml')
    const files: string[] = [index.sitemapindex.sitemap].flat().map(({ loc }: { loc: string }) => loc)
    // One file of sealed pages (fewer than SITEMAP_PAGES of them), the head's, then the facets'.
    expect(SITEMAP_PAGES).toBeGreaterThan(1)
    expect(files).toEqual([1, 2, 3].map((n) => `${ORIGIN}/sitemap-${n}.xml`))
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
