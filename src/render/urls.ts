/** The site's URLs, absolute, from one place. */
import type { Site } from '../env'
import { mediaType, type Feed } from '../routes/table'

export const articleUrl = (site: Site, slug: string) => `${site.url}/articles/${slug}`
export const indexUrl = (site: Site, page: number) => (page <= 1 ? `${site.url}/` : `${site.url}/?page=${page}`)
export const embedUrl = (site: Site, slug: string, theme: string) => `${site.url}/embed/${slug}${theme === 'auto' ? '' : `?theme=${theme}`}`
export const oembedUrl = (site: Site, slug: string, format: 'json' | 'xml') =>
  `${site.url}/oembed?url=${encodeURIComponent(articleUrl(site, slug))}&format=${format}`
export const sitemapUrl = (site: Site, page?: number) => `${site.url}/sitemap${page === undefined ? '' : `-${page + 1}`}.xml`

/** A feed of the route table, for autodiscovery and self links. */
export const feedUrl = (site: Site, feed: Feed) => `${site.url}${feed.path}`
/** Its media type as a link's type attribute names it: without parameters. */
export const feedLinkType = (feed: Feed) => mediaType(feed).split(';')[0]

/** The slug of one of our article URLs, or undefined for any other URL. */
export function slugOfArticleUrl(site: Site, url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  const base = new URL(site.url)
  if (parsed.origin !== base.origin) return undefined
  const prefix = `${base.pathname.replace(/\/$/, '')}/articles/`
  if (!parsed.pathname.startsWith(prefix)) return undefined
  const slug = parsed.pathname.slice(prefix.length)
  return slug && !slug.includes('/') ? slug : undefined
}
