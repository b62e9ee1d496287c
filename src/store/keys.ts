/**
 * The KV layout. Every request reads at most one key (or one multi-key get),
 * and no value grows with the corpus beyond a fixed page: see the README.
 *
 *   article:<slug>     StoredArticle          one per document
 *   list:<n>           ListPage               newest first, LIST_PAGE_SIZE entries each
 *   feed               FeedSource             the FEED_SIZE newest articles, in full
 *   meta               Meta                   count, pages, sitemaps, data version
 *   sitemap:<n>        SitemapPage            up to SITEMAP_SIZE [slug, modified_at] pairs
 *   manifest:<nn>      ManifestShard          seed-side: id → slug, hash, modified_at
 *   manifest:index     IndexState             seed-side: fingerprints of list pages and feed
 */

export const LIST_PAGE_SIZE = 20
export const FEED_SIZE = 50
export const MANIFEST_SHARDS = 16
/** The sitemaps protocol's limit of URLs per file. */
export const SITEMAP_SIZE = 50_000

export const META_KEY = 'meta'
export const FEED_KEY = 'feed'
export const MANIFEST_INDEX_KEY = 'manifest:index'

export const articleKey = (slug: string) => `article:${slug}`
export const listKey = (page: number) => `list:${page}`
export const sitemapKey = (page: number) => `sitemap:${page}`
export const manifestShardKey = (shard: number) => `manifest:${shard.toString().padStart(2, '0')}`
export const manifestShardKeys = Array.from({ length: MANIFEST_SHARDS }, (_, shard) => manifestShardKey(shard))

/** FNV-1a: a cheap, stable spread of ids over the manifest shards. */
export function manifestShardOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % MANIFEST_SHARDS
}
