/**
 * The benchmarked requests, found on the running Worker: a real article's
 * slug from the list, that article's ETag for the conditional request, a
 * word of its title for a search, and its first topic's page and feed;
 * and, for the long tail, every article's path, from the sitemap.
 */
import type { Article, ArticleList } from '../../src/api-schema'

export type BenchPath = {
  name: string
  path: string
  headers: Record<string, string>
  status: number
  /** A wrk script that picks each request's path instead (the long tail's). */
  script?: string
}

export async function benchPaths(base: URL): Promise<BenchPath[]> {
  const list = (await (await fetch(new URL('/api/articles', base))).json()) as ArticleList
  const slug = list.items[0]?.slug
  if (!slug) throw new Error('the store has no articles')
  // A repeated search (issue 13): a word of the newest title, as someone searching for it would type it.
  const word = list.items[0].title.split(/\s+/).find((w) => /^\p{L}{4,}$/u.test(w)) ?? list.items[0].title.split(/\s+/)[0]
  const search = `/api/search?q=${encodeURIComponent(word.toLowerCase())}`
  const articleJson = `/api/articles/${slug}`
  const answer = await fetch(new URL(articleJson, base))
  const etag = answer.headers.get('etag')
  if (!etag) throw new Error(`${articleJson} has no ETag`)
  // Issue 24: the newest article's first topic, as a reader following its link reaches it, and its feed.
  const topic = ((await answer.json()) as Article).topics[0]
  if (!topic) throw new Error(`${articleJson} is filed under no topic: seed a corpus with Topics: lines (npm run generate writes them)`)
  const topicPage = new URL(topic.url).pathname
  return [
    { name: 'article JSON', path: articleJson, headers: {}, status: 200 },
    { name: 'list JSON', path: '/api/articles', headers: {}, status: 200 },
    { name: 'article HTML', path: `/articles/${slug}`, headers: {}, status: 200 },
    { name: 'home HTML', path: '/', headers: {}, status: 200 },
    { name: 'RSS', path: '/feed.xml', headers: {}, status: 200 },
    { name: 'topic HTML', path: topicPage, headers: {}, status: 200 },
    { name: 'topic RSS', path: `${topicPage}/feed.xml`, headers: {}, status: 200 },
    { name: '304 (If-None-Match)', path: articleJson, headers: { 'if-none-match': etag }, status: 304 },
    { name: 'search JSON, repeated query', path: search, headers: {}, status: 200 },
    // As browsers and feed readers ask: the limit then repeats our gzip bytes.
    { name: 'article HTML, gzip', path: `/articles/${slug}`, headers: GZIP, status: 200 },
    { name: 'RSS, gzip', path: '/feed.xml', headers: GZIP, status: 200 },
  ]
}

const GZIP = { 'accept-encoding': 'gzip' }

/** Every article's slug, as the sitemaps list them: /sitemap.xml, or the files its index names. */
export async function articleSlugs(base: URL): Promise<string[]> {
  const text = async (path: string) => (await fetch(new URL(path, base))).text()
  const sitemap = await text('/sitemap.xml')
  const files = [...sitemap.matchAll(/<loc>[^<]*(\/sitemap-\d+\.xml)<\/loc>/g)].map(([, path]) => path)
  const urlsets = files.length > 0 ? await Promise.all(files.map(text)) : [sitemap]
  const slugs = urlsets.flatMap((urlset) => [...urlset.matchAll(/<loc>[^<]*\/articles\/([^<]+)<\/loc>/g)].map(([, slug]) => slug))
  if (slugs.length === 0) throw new Error('the sitemaps list no articles')
  return slugs
}

/** The long tail: one path pattern for every article, each request to one of them at random. */
export type LongTailPath = { name: string; prefix: string }

export const LONG_TAIL_PATHS: readonly LongTailPath[] = [
  { name: 'article JSON', prefix: '/api/articles/' },
  { name: 'article HTML', prefix: '/articles/' },
]
