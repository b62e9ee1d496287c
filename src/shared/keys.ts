/**
 * Shared contract, run by both the Worker and the publisher: the KV layout.
 * Every request reads at most one key (or one multi-key get), and no value
 * grows with the corpus beyond a fixed page: see docs/architecture.md.
 *
 *   article:<slug>     StoredArticle          one per document
 *   head               Head                   the newest articles not yet sealed into a page, and site-wide counts
 *   page:<k>           SealedPage             sealed pages, numbered from the oldest (0); a page's key range never moves
 *   feed               FeedSource             the FEED_SIZE newest released articles and the scheduled ones, in full
 *   image:site         SiteImage              the site's own preview image; an article's is inside its value (records.ts)
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
