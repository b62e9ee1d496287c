/** The soak's mix of requests, found on the running Worker: real articles, every kind of route, conditional and failing requests. */
import type { ArticleList } from '../../src/api-schema'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../../src/shared/keys'

/** One request of the mix, and the status it gets from an idle Worker. */
export type SoakRequest = { path: string; headers: Record<string, string>; status: number }

export async function soakRequests(base: URL, articles: number): Promise<SoakRequest[]> {
  const probe = async (path: string, headers: Record<string, string> = {}): Promise<SoakRequest & { response: Response }> => {
    const response = await fetch(new URL(path, base), { headers })
    await response.arrayBuffer()
    return { path, headers, status: response.status, response }
  }
  // Archive pages counted from the oldest: at least the first exists once the head has sealed one.
  const archived = Math.max(1, Math.floor((articles - HEAD_SEAL_AT + PAGE_SIZE) / PAGE_SIZE))
  const list = (await (await fetch(new URL('/api/articles?limit=100', base))).json()) as ArticleList
  const slugs = list.items.map((item) => item.slug)
  const fixed = [
    '/',
    '/archive/1',
    `/archive/${archived}`,
    '/api/articles',
    '/api/articles?limit=100',
    `/api/articles?cursor=${list.next_cursor}`,
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    '/sitemap.xml',
    '/robots.txt',
    '/openapi.json',
    '/embed.js',
    '/healthz',
    '/articles/no-such-article',
    '/api/articles/no-such-article',
    '/?page=x',
    '/oembed?url=https://elsewhere.example/',
  ]
  const requests: SoakRequest[] = []
  for (const path of fixed) requests.push(await probe(path))
  for (const slug of slugs) {
    const page = await probe(`/articles/${slug}`)
    const json = await probe(`/api/articles/${slug}`)
    requests.push(
      page,
      json,
      await probe(`/embed/${slug}?theme=dark`),
      await probe(`/oembed?url=${encodeURIComponent(new URL(`/articles/${slug}`, base).href)}`),
    )
    // Revalidations: a matching ETag, a matching date, and an ETag from before a change.
    requests.push(await probe(page.path, { 'if-none-match': page.response.headers.get('etag') ?? '' }))
    requests.push(await probe(json.path, { 'if-modified-since': json.response.headers.get('last-modified') ?? '' }))
    requests.push(await probe(json.path, { 'if-none-match': '"an-older-version"' }))
  }
  const failing = requests.find((request) => request.status >= 500)
  if (failing) throw new Error(`${failing.path} answers ${failing.status} before any load`)
  return requests.map(({ path, headers, status }) => ({ path, headers, status }))
}
