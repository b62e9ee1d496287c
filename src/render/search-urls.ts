/** The search routes' URLs, absolute, from the route table. */
import type { Site } from '../env'
import { ROUTES } from '../routes/table'

export const searchUrl = (site: Site) => `${site.url}${ROUTES.searchPage.path}`
export const searchApiUrl = (site: Site) => `${site.url}${ROUTES.search.path}`
export const openSearchUrl = (site: Site) => `${site.url}${ROUTES.opensearch.path}`

/** A results page's address: the query, then a cursor and sort when they are not the first page by relevance. */
export function searchPageUrl(site: Site, q: string, options: { cursor?: string; sort?: 'date' | 'relevance' } = {}): string {
  const params = new URLSearchParams({ q })
  if (options.cursor) params.set('cursor', options.cursor)
  if (options.sort === 'date') params.set('sort', 'date')
  return `${searchUrl(site)}?${params}`
}
