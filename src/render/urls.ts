/** The site's URLs, absolute, from one place. */
import type { Site } from '../env'
import { mediaType, ROUTES, type Feed } from '../routes/table'

export const articleUrl = (site: Site, slug: string) => `${site.url}/articles/${slug}`
export const indexUrl = (site: Site) => `${site.url}/`
/** Archive page n, counted from the oldest (1): sealed page n − 1, whose address never changes. */
export const archiveUrl = (site: Site, n: number) => `${site.url}/archive/${n}`
export const embedUrl = (site: Site, slug: string, theme: string) => `${site.url}/embed/${slug}${theme === 'auto' ? '' : `?theme=${theme}`}`
export const oembedUrl = (site: Site, slug: string, format: 'json' | 'xml') =>
  `${site.url}/oembed?url=${encodeURIComponent(articleUrl(site, slug))}&format=${format}`
export const sitemapUrl = (site: Site, page?: number) => `${site.url}/sitemap${page === undefined ? '' : `-${page + 1}`}.xml`
export const newsSitemapUrl = (site: Site) => `${site.url}${ROUTES.newsSitemap.path}`

/**
 * The link-preview images (issue 12): one per article and one for the site,
 * 1200×630 PNG, made at seed time and served by the Worker. Open Graph, Twitter
 * cards, JSON-LD and the feeds all point at the same bytes.
 */
export const PREVIEW_IMAGE = { width: 1200, height: 630, type: 'image/png' } as const
export const imageUrl = (site: Site, slug: string) => `${site.url}/images/${slug}.png`
export const siteImageUrl = (site: Site) => `${site.url}/images/site.png`

/** The publisher's logo: PUBLISHER_LOGO_URL, or the one the Worker draws. */
export const logoUrl = (site: Site) => site.publisher.logoUrl ?? `${site.url}${ROUTES.logo.path}`
export const faviconUrl = (site: Site) => `${site.url}${ROUTES.favicon.path}`
/** The author's page: AUTHOR_URL; the publisher as author has its home page; else none. */
export const authorUrl = (site: Site): string | undefined =>
  site.author.url ?? (site.author.type === 'Organization' ? `${site.url}/` : undefined)

/** A feed of the route table, for autodiscovery and self links. */
export const feedUrl = (site: Site, feed: Feed) => `${site.url}${feed.path}`
/**
 * Whose feeds a page links and a feed describes: the site's, or a topic's or an author's (issue
 * 24), whose feeds are the site's three at the same paths under its page (`/topics/x/feed.xml`).
 */
export type FeedChannel = { title: string; home: string; feedUrl: (feed: Feed) => string }
export const siteChannel = (site: Site): FeedChannel => ({ title: site.name, home: `${site.url}/`, feedUrl: (feed) => feedUrl(site, feed) })
export const pageChannel = (title: string, home: string): FeedChannel => ({ title, home, feedUrl: (feed) => `${home}${feed.path}` })

/** Its media type as a link's type attribute names it: without parameters. */
export const feedLinkType = (feed: Feed) => mediaType(feed).split(';')[0]

/**
 * The slug of one of our article URLs however a consumer wrote it (oEmbed 1.0
 * section 2.2: `url` is "the URL to retrieve embedding information for"): over
 * http or https, with a trailing slash, a query or a fragment; or undefined for
 * any other URL. Only the site's host counts: it is SITE_URL's, or with SITE_URL
 * empty the request's own, and with SITE_URL set a request on any other host
 * was moved to it before routing (index.ts).
 */
export function slugOfArticleUrl(site: Site, url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  const base = new URL(site.url)
  if (parsed.host !== base.host || !/^https?:$/.test(parsed.protocol)) return undefined
  const prefix = `${base.pathname.replace(/\/$/, '')}/articles/`
  if (!parsed.pathname.startsWith(prefix)) return undefined
  const slug = parsed.pathname.slice(prefix.length).replace(/\/$/, '')
  return slug && !slug.includes('/') ? slug : undefined
}
