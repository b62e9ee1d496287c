/**
 * The route table (src/routes/table.ts) as tests walk it: for a seeded
 * article, an address where each route answers 200, and a value each declared
 * query parameter accepts.
 */
import { encodeCursor } from '../../src/routes/cursor'
import { ROUTES, type Route } from '../../src/routes/table'
import type { FacetKind } from '../../src/shared/keys'
import type { Document } from '../../src/shared/records'
import { facetSlug, slugify } from '../../src/shared/slug'
import { ORIGIN } from './http'
import { TEST_VARS } from './test-settings'

/** Every query parameter some route declares. */
export type QueryParam = Extract<(typeof ROUTES)[keyof typeof ROUTES], { query: readonly string[] }>['query'][number]

/** Where a walk fills the routes in: an article's slug, and the slugs of its first topic and first author (issue 24). */
export type Walk = { slug: string } & Record<FacetKind, string>

/** The walk at a seeded article, whose document must name a topic and an author, so each facet route has one to answer for. */
export function walkAt(article: Document): Walk {
  const [topic] = article.topics ?? []
  const [author] = article.authors ?? []
  if (topic === undefined || author === undefined) throw new Error(`"${article.title}" names no topic or no author to walk`)
  return { slug: slugify(article.title), topic: facetSlug(topic), author: facetSlug(author) }
}

/** A walk with one text in every `:slug`, an article's and a facet's alike: for requests that need no facet to answer. */
export const everySlug = (slug: string): Walk => ({ slug, topic: slug, author: slug })

// Hono's parameter syntax: `:name`, with an optional `{pattern}` that may hold a `{n,m}` of its own.
const PARAMETER = /:(\w+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?/g

/** The facet a route serves: a topic's or an author's page, archive and feeds, or the directory of either. */
const facetOf = (route: Route): FacetKind | undefined =>
  /^(?:\/api)?\/(topic|author)s(?:\/|$)/.exec(route.path)?.[1] as FacetKind | undefined

/**
 * A route's path on a walk: `:slug` the article's, or on a facet's route its first topic's or
 * author's; the first sitemap file, IndexNow's key file (the tests' key), any other `:file` the
 * article's own (its preview image); and the oldest archive page, the site's or the facet's (which
 * answers 200 once the seed has sealed one).
 */
export function pathOf(route: Route, walk: Walk): string {
  const facet = facetOf(route)
  const file =
    route === ROUTES.sitemapFile ? 'sitemap-1.xml' : route === ROUTES.indexNowKey ? `${TEST_VARS.INDEXNOW_KEY}.txt` : `${walk.slug}.png`
  const values: Record<string, string> = { slug: facet ? walk[facet] : walk.slug, file, n: '1' }
  return route.path.replace(PARAMETER, (_, name: string) => values[name])
}

/** Where a route answers 200 on a walk: its path, and the one required parameter of oEmbed (which article) and of search (what words). */
export function examplePath(route: Route, walk: Walk): string {
  if (route === ROUTES.oembed) return `${pathOf(route, walk)}?${new URLSearchParams({ url: `${ORIGIN}/articles/${walk.slug}` })}`
  if (route === ROUTES.search || route === ROUTES.searchPage)
    return `${pathOf(route, walk)}?${new URLSearchParams({ q: walk.slug.split('-')[0] })}`
  return pathOf(route, walk)
}

/**
 * A value other than the default for every declared parameter. `page` is the old offset pagination,
 * answered with a 301; its fourth page leads past a full head (40–59 entries) into the archive.
 * `cursor` starts from the newest, in the head, as a client holding one made before any seal would.
 */
export const exampleQuery = (walk: Walk): Record<QueryParam, string> => ({
  page: '4',
  limit: '3',
  cursor: encodeCursor({ page: 0, head: true }),
  theme: 'dark',
  url: `${ORIGIN}/articles/${walk.slug}`,
  format: 'xml',
  maxwidth: '300',
  maxheight: '200',
  // More words than a search uses: its answer says it was cut, so it differs from examplePath's even with nothing found.
  q: 'one two three four five six seven eight nine ten eleven',
  sort: 'date',
  // The list of one facet: both at once is a 400, and an empty parameter is as if absent.
  topic: walk.topic,
  author: '',
})

/** A route's cursor: a search's is an offset into its ranking; a directory's the slug its page starts after. */
function cursorOf(route: Route, walk: Walk): string | undefined {
  if (route === ROUTES.search || route === ROUTES.searchPage) return '1'
  const facet = facetOf(route)
  return facet && walk[facet]
}

/** A route's path with every parameter it declares set, in the table's order. */
export function pathWithQuery(route: Route, walk: Walk): string {
  const cursor = cursorOf(route, walk)
  const values = { ...exampleQuery(walk), ...(cursor === undefined ? {} : { cursor }) }
  const query = new URLSearchParams((route.query ?? []).map((name): [string, string] => [name, values[name as QueryParam]]))
  return query.size ? `${pathOf(route, walk)}?${query}` : pathOf(route, walk)
}
