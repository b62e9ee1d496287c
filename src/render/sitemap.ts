/** Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html). */
import type { Site } from '../env'
import { newsSitemapUrl, sitemapUrl } from './urls'
import { el, renderXml } from './xml'

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** One <url>: lastmod is optional in the protocol, left out where nothing dates the page. */
export type SitemapUrl = { loc: string; lastmod: string | undefined }

export function renderUrlset(urls: readonly SitemapUrl[]): string {
  return renderXml(
    el(
      'urlset',
      { xmlns: SITEMAP_NS },
      ...urls.map(({ loc, lastmod }) => el('url', null, el('loc', null, loc), ...(lastmod ? [el('lastmod', null, lastmod)] : []))),
    ),
  )
}

/**
 * Once any page is sealed, /sitemap.xml is an index of /sitemap-N.xml files (see routes/discovery.ts),
 * then of the news sitemap (issue 25), so a crawler given the index alone finds it too.
 */
export function renderSitemapIndex(count: number, site: Site): string {
  const locs = [...Array.from({ length: count }, (_, n) => sitemapUrl(site, n)), newsSitemapUrl(site)]
  return renderXml(el('sitemapindex', { xmlns: SITEMAP_NS }, ...locs.map((loc) => el('sitemap', null, el('loc', null, loc)))))
}

/** Both sitemaps: robots.txt may name more than one (https://www.sitemaps.org/protocol.html#submit_robots). */
export const renderRobots = (site: Site) => `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl(site)}\nSitemap: ${newsSitemapUrl(site)}\n`
