/**
 * A Google News sitemap (issue 25): a sitemaps 0.9 urlset whose every <url> carries <news:news>, in
 * the order and with the required children of Google's schema
 * (http://www.google.com/schemas/sitemap-news/0.9/sitemap-news.xsd): publication (name, then
 * language), publication_date, title. The schema's optional access, genres, keywords and
 * stock_tickers are left out: articles are open to all, and Google's documentation of the format
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap) names only the required tags.
 */
import type { Site } from '../env'
import type { PageEntry } from '../shared/records'
import { SITEMAP_NS } from './sitemap'
import { articleUrl } from './urls'
import { el, renderXml } from './xml'

const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'

/**
 * The schema's language: an ISO 639 code of two or three letters, or for Chinese zh-cn (Simplified)
 * or zh-tw (Traditional), from the site's BCP 47 tag (`en-GB` is `en`; `zh-Hant`, `zh-TW`, `zh-HK` are zh-tw).
 */
function newsLanguage(tag: string): string {
  const [language, ...subtags] = tag.toLowerCase().split('-')
  if (language !== 'zh') return language
  return subtags.some((subtag) => ['hant', 'tw', 'hk', 'mo'].includes(subtag)) ? 'zh-tw' : 'zh-cn'
}

/**
 * One <url> per entry, in their order. publication_date is the article's published_at as stored,
 * RFC 3339 in UTC: a W3C datetime (https://www.w3.org/TR/NOTE-datetime), the complete date with
 * hours, minutes, seconds and zone, one of the forms the schema takes.
 */
export function renderNewsSitemap(site: Site, entries: readonly Pick<PageEntry, 'slug' | 'title' | 'published_at'>[]): string {
  const publication = el('news:publication', null, el('news:name', null, site.name), el('news:language', null, newsLanguage(site.language)))
  return renderXml(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      ...entries.map(({ slug, title, published_at }) =>
        el(
          'url',
          null,
          el('loc', null, articleUrl(site, slug)),
          el('news:news', null, publication, el('news:publication_date', null, published_at), el('news:title', null, title)),
        ),
      ),
    ),
  )
}
