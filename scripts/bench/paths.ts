/**
 * The benchmarked requests, found on the running Worker: a real article's
 * slug from the list, and that article's ETag for the conditional request.
 */
import type { ArticleList } from '../../src/api-schema'

export type BenchPath = {
  name: string
  path: string
  headers: Record<string, string>
  status: number
}

export async function benchPaths(base: URL): Promise<BenchPath[]> {
  const list = (await (await fetch(new URL('/api/articles', base))).json()) as ArticleList
  const slug = list.items[0]?.slug
  if (!slug) throw new Error('the store has no articles')
  const articleJson = `/api/articles/${slug}`
  const etag = (await fetch(new URL(articleJson, base))).headers.get('etag')
  if (!etag) throw new Error(`${articleJson} has no ETag`)
  return [
    { name: 'article JSON', path: articleJson, headers: {}, status: 200 },
    { name: 'list JSON', path: '/api/articles', headers: {}, status: 200 },
    { name: 'article HTML', path: `/articles/${slug}`, headers: {}, status: 200 },
    { name: 'home HTML', path: '/', headers: {}, status: 200 },
    { name: 'RSS', path: '/feed.xml', headers: {}, status: 200 },
    { name: '304 (If-None-Match)', path: articleJson, headers: { 'if-none-match': etag }, status: 304 },
  ]
}
