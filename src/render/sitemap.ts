/** Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html). */
import type { Site } from '../env'
import type { SitemapPage } from '../shared/records'
import { articleUrl, sitemapUrl } from './urls'
import { el, renderXml } from './xml'

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

export function renderUrlset(page: Pick<SitemapPage, 'urls'>, site: Site): string {
  return renderXml(
    el(
      'urlset',
      { xmlns: NS },
      ...page.urls.map(([slug, modified]) => el('url', null, el('loc', null, articleUrl(site, slug)), el('lastmod', null, modified))),
    ),
  )
}

/** Beyond one file's 50,000 URLs, /sitemap.xml becomes an index of /sitemap-N.xml files. */
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
