/** Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html). */
import type { Site } from '../env'
import type { PageEntry } from '../shared/records'
import { articleUrl, sitemapUrl } from './urls'
import { el, renderXml } from './xml'

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

export function renderUrlset(entries: ReadonlyArray<Pick<PageEntry, 'slug' | 'modified_at'>>, site: Site): string {
  return renderXml(
    el(
      'urlset',
      { xmlns: NS },
      ...entries.map(({ slug, modified_at }) => el('url', null, el('loc', null, articleUrl(site, slug)), el('lastmod', null, modified_at))),
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
