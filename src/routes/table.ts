/**
 * The route table: what each route is, said once. A route names its kind, its
 * path (a Hono pattern) and the query parameters it reads; its kind says how
 * its answers are typed, cached, framed and shared. Everything else reads it:
 * the handlers mount on its paths and answer through `respond` (type,
 * Cache-Control, CORS, CSP); the isolate cache keys by its parameters
 * (src/http/cache-key.ts); the error path picks problem+json or a page by it;
 * the feeds' autodiscovery and self links come from it; and tests walk it,
 * the README's route table included.
 */
import { TrieRouter } from 'hono/router/trie-router'
import { API_CACHE, EMBED_CACHE, FEED_CACHE, NO_STORE, PAGE_CACHE } from '../http/cache-control'

const HTML = 'text/html; charset=utf-8'
const JSON_TYPE = 'application/json; charset=utf-8'
const XML = 'application/xml; charset=utf-8'
/**
 * Link-preview images: unfurlers fetch one per shared link and keep it, so a day, and a week stale
 * while revalidating (RFC 5861 section 3). A title edit makes other bytes under another strong ETag.
 */
const IMAGE_CACHE = 'public, max-age=86400, stale-while-revalidate=604800, stale-if-error=604800'

export type Kind = {
  /** The media type of every route of the kind; kinds without one leave it to each route. */
  type?: string
  cacheControl: string
  /** HTML kinds: who may frame them (CSP frame-ancestors). */
  frameAncestors?: "'self'" | '*'
  /** HTML kinds: where their forms may submit (CSP form-action). */
  formAction?: "'self'" | "'none'"
  /** JSON that scripts on other origins may not read (see readableAnywhere below). */
  readableAnywhere?: false
}

export const KINDS = {
  /** The site, for people: the index and articles. Framed only by us. */
  page: { type: HTML, cacheControl: PAGE_CACHE, frameAncestors: "'self'", formAction: "'self'" },
  /** The embeddable card: any site may frame it. */
  card: { type: HTML, cacheControl: EMBED_CACHE, frameAncestors: '*', formAction: "'none'" },
  /** The JSON API and its description. */
  api: { type: JSON_TYPE, cacheControl: API_CACHE },
  /** RSS, Atom and JSON Feed, each with its own media type. */
  feed: { cacheControl: FEED_CACHE },
  /** What other sites' pages load: oEmbed answers and embed.js. */
  embed: { cacheControl: EMBED_CACHE },
  /** What crawlers read: sitemaps and robots.txt. */
  discovery: { cacheControl: FEED_CACHE },
  /** The site's icon and logo, drawn from its settings alone: they change only with a deploy, so an hour. */
  identity: { cacheControl: EMBED_CACHE },
  /** The link-preview images the seed drew and stored. */
  image: { type: 'image/png', cacheControl: IMAGE_CACHE },
  /** For the operator's monitors: never stored, so it always tells the store as it is. */
  health: { type: 'application/json', cacheControl: NO_STORE, readableAnywhere: false },
} as const satisfies Record<string, Kind>

type KindName = keyof typeof KINDS
/** Kinds that fix their routes' media type. */
type Typed = { [K in KindName]: (typeof KINDS)[K] extends { type: string } ? K : never }[KindName]

export type Route = {
  path: string
  /** The query parameters the route reads, in the order the isolate cache's key lists them; it reads no other. */
  query?: readonly string[]
} & (
  | { kind: Typed; type?: undefined }
  /** A feed's label names it in autodiscovery links and the footer. */
  | { kind: 'feed'; type: string; label: string }
  | {
      kind: Exclude<KindName, Typed | 'feed'>
      type: string
      /** Instead of the kind's. */
      cacheControl?: string
    }
)

/** In the README's order; `TABLE` lists them. */
export const ROUTES = {
  home: { kind: 'page', path: '/', query: ['page'] },
  // Sealed pages, counted from the oldest (1): an archive page's address and its articles never move.
  archive: { kind: 'page', path: '/archive/:n{[1-9][0-9]{0,6}}' },
  article: { kind: 'page', path: '/articles/:slug' },
  articles: { kind: 'api', path: '/api/articles', query: ['limit', 'cursor', 'topic', 'author'] },
  articleJson: { kind: 'api', path: '/api/articles/:slug' },
  search: { kind: 'api', path: '/api/search', query: ['q', 'limit', 'cursor', 'sort'] },
  searchPage: { kind: 'page', path: '/search', query: ['q', 'cursor', 'sort'] },
  rss: { kind: 'feed', path: '/feed.xml', type: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  atom: { kind: 'feed', path: '/atom.xml', type: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  jsonFeed: { kind: 'feed', path: '/feed.json', type: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
  // Topics and authors (issue 24): each the site's index with a filter, with its archive pages and
  // its three feeds at the site's feed paths under its page; and the directory of each, A–Z.
  topics: { kind: 'page', path: '/topics', query: ['cursor'] },
  topic: { kind: 'page', path: '/topics/:slug' },
  topicArchive: { kind: 'page', path: '/topics/:slug/archive/:n{[1-9][0-9]{0,6}}' },
  topicRss: { kind: 'feed', path: '/topics/:slug/feed.xml', type: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  topicAtom: { kind: 'feed', path: '/topics/:slug/atom.xml', type: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  topicJsonFeed: { kind: 'feed', path: '/topics/:slug/feed.json', type: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
  authors: { kind: 'page', path: '/authors', query: ['cursor'] },
  author: { kind: 'page', path: '/authors/:slug' },
  authorArchive: { kind: 'page', path: '/authors/:slug/archive/:n{[1-9][0-9]{0,6}}' },
  authorRss: { kind: 'feed', path: '/authors/:slug/feed.xml', type: 'application/rss+xml; charset=utf-8', label: 'RSS' },
  authorAtom: { kind: 'feed', path: '/authors/:slug/atom.xml', type: 'application/atom+xml; charset=utf-8', label: 'Atom' },
  authorJsonFeed: { kind: 'feed', path: '/authors/:slug/feed.json', type: 'application/feed+json; charset=utf-8', label: 'JSON Feed' },
  apiTopics: { kind: 'api', path: '/api/topics', query: ['limit', 'cursor'] },
  apiAuthors: { kind: 'api', path: '/api/authors', query: ['limit', 'cursor'] },
  card: { kind: 'card', path: '/embed/:slug', query: ['theme'] },
  // JSON unless ?format=xml asks for oEmbed's XML (section 2.3.4); the handler says which.
  oembed: { kind: 'embed', path: '/oembed', type: JSON_TYPE, query: ['url', 'format', 'maxwidth', 'maxheight', 'theme'] },
  embedScript: { kind: 'embed', path: '/embed.js', type: 'text/javascript; charset=utf-8' },
  sitemap: { kind: 'discovery', path: '/sitemap.xml', type: XML },
  // Beyond 50,000 articles /sitemap.xml is an index of these files.
  sitemapFile: { kind: 'discovery', path: '/:file{sitemap-[1-9][0-9]{0,4}\\.xml}', type: XML },
  // Google News (issue 25): the articles of the last 48 hours, fresh until the next release or age-out.
  newsSitemap: { kind: 'discovery', path: '/news-sitemap.xml', type: XML },
  // OpenSearch 1.1's own media type, so browsers offer the site's search in their address bar.
  opensearch: { kind: 'discovery', path: '/opensearch.xml', type: 'application/opensearchdescription+xml; charset=utf-8' },
  // Settings alone make it, so a seed never changes it: it keeps the minute it has always had.
  robots: { kind: 'discovery', path: '/robots.txt', type: 'text/plain; charset=utf-8', cacheControl: PAGE_CACHE },
  // IndexNow's key file at the root (INDEXNOW_KEY), which proves the site's submissions are its own; settings alone make it.
  indexNowKey: {
    kind: 'discovery',
    path: '/:file{[A-Za-z0-9-]{8,128}\\.txt}',
    type: 'text/plain; charset=utf-8',
    cacheControl: PAGE_CACHE,
  },
  // image/vnd.microsoft.icon: the type IANA registered for ICO files.
  favicon: { kind: 'identity', path: '/favicon.ico', type: 'image/vnd.microsoft.icon' },
  logo: { kind: 'identity', path: '/logo.png', type: 'image/png' },
  // Before articleImage, which its path matches too: the first in the table wins.
  siteImage: { kind: 'image', path: '/images/site.png' },
  articleImage: { kind: 'image', path: '/images/:file{[a-z0-9-]+\\.png}' },
  openapi: { kind: 'api', path: '/openapi.json' },
  health: { kind: 'health', path: '/healthz' },
} as const satisfies Record<string, Route>

export const TABLE: readonly Route[] = Object.values(ROUTES)

export type Feed = Extract<Route, { kind: 'feed' }>
/** The site's three feeds; a facet's are the same at the same paths under its page. */
export const FEEDS: readonly Feed[] = [ROUTES.rss, ROUTES.atom, ROUTES.jsonFeed]

export function mediaType(route: Route): string {
  return route.type === undefined ? KINDS[route.kind].type : route.type
}

export const cacheControlOf = (route: Route): string =>
  ('cacheControl' in route ? route.cacheControl : undefined) ?? KINDS[route.kind].cacheControl

// application/json and every +json type (RFC 6839 section 3.1), such as application/feed+json.
const isJson = (type: string) => /^application\/([\w.-]+\+)?json\b/.test(type)

/**
 * Our JSON is for programs: their errors are RFC 9457 problem details, which
 * they can parse. Everything else is for people, feed readers and crawlers,
 * who get an HTML page.
 */
export const errorsAsProblem = (route: Route | undefined): boolean => route !== undefined && isJson(mediaType(route))

/** And scripts on any origin may read it (CORS), unless its kind says otherwise. */
export function readableAnywhere(route: Route | undefined): boolean {
  if (route === undefined || !errorsAsProblem(route)) return false
  const kind: Kind = KINDS[route.kind]
  return kind.readableAnywhere !== false
}

/**
 * Not a route: an address under /api that names none is still the API's, so its
 * 404 is a problem a script on any origin can read.
 */
const API_SCOPE: Route = { kind: 'api', path: '/api/*' }

// Hono's trie router is the app's own (its RegExpRouter cannot take the sitemap pattern), so both find the same route.
const router = new TrieRouter<Route>()
for (const route of [...TABLE, API_SCOPE]) router.add('GET', route.path, route)

/** The route at a path as Hono decodes it (`c.req.path`); the first in the table when two match. */
export const routeAt = (path: string): Route | undefined => router.match('GET', path)[0][0]?.[0]

/** The query parameters read at a path: none where no route is. */
export const queryAt = (path: string): readonly string[] => routeAt(path)?.query ?? []
