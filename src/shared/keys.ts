/**
 * Shared contract, run by both the Worker and the publisher: the KV layout.
 * Every request reads at most one key (or one multi-key get), and no value
 * grows with the corpus beyond a fixed page: see the README.
 *
 *   article:<slug>     StoredArticle          one per document
 *   list:<n>           ListPage               newest first, LIST_PAGE_SIZE entries each
 *   feed               FeedSource             the FEED_SIZE newest articles, in full
 *   meta               Meta                   count, pages, sitemaps, data version
 *   sitemap:<n>        SitemapPage            up to SITEMAP_SIZE [slug, modified_at] pairs
 *   manifest:…         the publisher's own memory (scripts/publish/manifest.ts); the Worker never reads it
 */

export const LIST_PAGE_SIZE = 20
export const FEED_SIZE = 50
/** The sitemaps protocol's limit of URLs per file. */
export const SITEMAP_SIZE = 50_000

export const META_KEY = 'meta'
export const FEED_KEY = 'feed'

export const articleKey = (slug: string) => `article:${slug}`
export const listKey = (page: number) => `list:${page}`
export const sitemapKey = (page: number) => `sitemap:${page}`
