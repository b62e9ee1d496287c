/** Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html). */
import type { Site } from '../env'
import { sitemapUrl } from './urls'
import { el, renderXml } from './xml'

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** One <url>: lastmod is optional in the protocol, left out where nothing dates the page. */
export type SitemapUrl = { loc: string; lastmod: string | undefined }

export function renderUrlset(urls: readonly SitemapUrl[]): string {
  return renderXml(
    el(
      'urlset',
      { xmlns: NS },
      ...urls.map(({ loc, lastmod }) => el('url', null, el('loc', null, loc), ...(lastmod ? [el('lastmod', null, lastmod)] : []))),
    ),
  )
}

/** Once any page is sealed, /sitemap.xml is an index of /sitemap-N.xml files (see routes/discovery.ts). */
export function renderSitemapIndex(count: number, site: Site): string {
  return renderXml(
    el(
      'sitemapindex',
      { xmlns: NS },
      ...Array.from({ length: count }, (_, n) => el('sitemap', null, el('loc', null, sitemapUrl(site, n)))),
    ),
  )
}

export const renderRobots = (site: Site) => `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl(site)}\n`
