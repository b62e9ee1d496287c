/**
 * Shared contract, run by both the Worker and the publisher: the KV layout.
 * A request reads one key or one multi-key get (a facet's feed, a search and the
 * news sitemap a fixed few), and no value grows with the corpus beyond a fixed
 * page: see docs/architecture.md.
 *
 *   article:<slug>     StoredArticle          one per document
 *   head               Head                   the newest articles not yet sealed into a page, and site-wide counts
 *   page:<k>           SealedPage             sealed pages, numbered from the oldest (0); a page's key range never moves
 *   feed               FeedSource             the FEED_SIZE newest released articles and the scheduled ones, in full
 *   image:site         SiteImage              the site's own preview image; an article's is inside its value (records.ts)
 *   topic:<slug>       FacetHead              a topic's index head: the site's head over the articles filed under it (issue 24)
 *   topic:<slug>:<k>   SealedPage             its sealed pages, as page:<k> is the site's
 *   author:<slug>      FacetHead              an author's, the same way
 *   author:<slug>:<k>  SealedPage
 *   facets             FacetDirectory         every topic and author, A–Z by slug, with counts
 *   manifest:…         the publisher's own memory (scripts/publish/manifest.ts); the Worker never reads it
 *
 * Why pages count from the oldest: a new article goes into the head, so publishing the newest
 * article rewrites the head and never a page; only every PAGE_SIZE-th one seals a new page. A
 * sealed page holds a fixed range of (published_at, id) keys: an edit rewrites the page holding
 * it, a delete or a backdated article the one page whose range holds its key. Sitemaps are read
 * from the pages (SITEMAP_PAGES at a time), so they cost no writes of their own.
 */

/** Entries a page is sealed with. */
export const PAGE_SIZE = 20
/** The head seals its oldest PAGE_SIZE entries once it holds this many: it keeps 40 to 59. */
export const HEAD_SEAL_AT = 60
export const FEED_SIZE = 50
/** Sealed pages per sitemap file: about 1,000 URLs, far below the protocol's 50,000. */
export const SITEMAP_PAGES = 50

export const HEAD_KEY = 'head'
export const FEED_KEY = 'feed'
/** Written only when the image's input hash changes (the manifest's index remembers it). */
export const SITE_IMAGE_KEY = 'image:site'

export const articleKey = (slug: string) => `article:${slug}`
export const pageKey = (page: number) => `page:${page}`

/** The two facets of issue 24: an article's topics and its authors, each an index of its own. */
export const FACET_KINDS = ['topic', 'author'] as const
export type FacetKind = (typeof FACET_KINDS)[number]
export const FACETS_KEY = 'facets'

/**
 * Where an index's head and sealed pages live: the site's, or a facet's. A facet's index is the
 * site's with a filter (Hugo's taxonomies): the same layout, sealing and cursors over other keys.
 */
export type IndexKeys = { head: string; page: (k: number) => string }
export const SITE_INDEX: IndexKeys = { head: HEAD_KEY, page: pageKey }
export const facetIndex = (kind: FacetKind, slug: string): IndexKeys => ({
  head: `${kind}:${slug}`,
  page: (k) => `${kind}:${slug}:${k}`,
})
