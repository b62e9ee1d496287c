/**
 * The route table (src/routes/table.ts) as tests walk it: for a seeded
 * article's slug, an address where each route answers 200, and a value each
 * declared query parameter accepts.
 */
import { encodeCursor } from '../../src/routes/cursor'
import { ROUTES, type Route } from '../../src/routes/table'
import { ORIGIN } from './http'

/** Every query parameter some route declares. */
export type QueryParam = Extract<(typeof ROUTES)[keyof typeof ROUTES], { query: readonly string[] }>['query'][number]

// Hono's parameter syntax: `:name`, with an optional `{pattern}` that may hold a `{n,m}` of its own.
const PARAMETER = /:(\w+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?/g

/**
 * A route's path for an article's slug (empty for the bare prefix): `:slug` filled in, the first
 * sitemap file, any other `:file` the article's own (its preview image), and the oldest archive
 * page (which answers 200 once the seed has sealed a page).
 */
export function pathOf(route: Route, slug: string): string {
  const file = route === ROUTES.sitemapFile ? 'sitemap-1.xml' : `${slug}.png`
  const values: Record<string, string> = { slug, file, n: '1' }
  return route.path.replace(PARAMETER, (_, name: string) => values[name])
}

/** Where a route answers 200 for a seeded article: its path, and the one required parameter of oEmbed (which article) and of search (what words). */
export function examplePath(route: Route, slug: string): string {
  if (route === ROUTES.oembed) return `${pathOf(route, slug)}?${new URLSearchParams({ url: `${ORIGIN}/articles/${slug}` })}`
  if (route === ROUTES.search || route === ROUTES.searchPage)
    return `${pathOf(route, slug)}?${new URLSearchParams({ q: slug.split('-')[0] })}`
  return pathOf(route, slug)
}

/**
 * A value other than the default for every declared parameter. `page` is the old offset pagination,
 * answered with a 301; its fourth page leads past a full head (40–59 entries) into the archive.
 * `cursor` starts from the newest, in the head, as a client holding one made before any seal would.
 */
export const exampleQuery = (slug: string): Record<QueryParam, string> => ({
  page: '4',
  limit: '3',
  cursor: encodeCursor({ page: 0, head: true }),
  theme: 'dark',
  url: `${ORIGIN}/articles/${slug}`,
  format: 'xml',
  maxwidth: '300',
  maxheight: '200',
  // More words than a search uses: its answer says it was cut, so it differs from examplePath's even with nothing found.
  q: 'one two three four five six seven eight nine ten eleven',
  sort: 'date',
  // An empty parameter is as if absent: the whole list, as the walkers' corpora file nothing (FACET_ROUTES).
  topic: '',
  author: '',
})

/** A route's path with every parameter it declares set, in the table's order. */
export function pathWithQuery(route: Route, slug: string): string {
  // A search's cursor is an offset into its ranking, not a position in the list.
  const values = { ...exampleQuery(slug), ...(route === ROUTES.search || route === ROUTES.searchPage ? { cursor: '1' } : {}) }
  const query = new URLSearchParams((route.query ?? []).map((name): [string, string] => [name, values[name as QueryParam]]))
  return query.size ? `${pathOf(route, slug)}?${query}` : pathOf(route, slug)
}

/**
 * The topics' and authors' routes (issue 24): a facet's answer only for a facet the corpus files
 * articles under, which the walkers' corpora do not, and the directories have no date before one;
 * a facet's feed reads two keys cold (its head, then its articles). tests/facets.test.ts walks
 * them over a corpus that has facets.
 */
export const FACET_ROUTES: ReadonlySet<Route> = new Set(
  Object.values(ROUTES).filter((route) => /^(\/api)?\/(topics|authors)(\/|$)/.test(route.path)),
)
/** The table without them. */
export const walkable = (table: readonly Route[]): Route[] => table.filter((route) => !FACET_ROUTES.has(route))
