/**
 * Shared contract, run by both the Worker and the publisher: the records the
 * seed stores in KV and the Worker reads back, as zod schemas. These schemas
 * are the single source of truth for those shapes (the API's own shapes in
 * src/api-schema.ts extend them); types are inferred, never written twice.
 */
import { z } from 'zod'

/** Lowercase ASCII words joined by single hyphens: safe in any URL. */
export const SlugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)

export const DocumentIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/)

/** An RFC 3339 date-time in UTC, as the API and the store carry it. */
export const TimestampSchema = z.iso.datetime()

/**
 * The limits of a document's optional lines (issue 24), in characters (code points, so a name in
 * an astral script is not held to half the length): 1–10 names a line, an author's name up to 100,
 * a topic's up to 60, a summary up to 300.
 */
export const LINE_LIMITS = { names: 10, author: 100, topic: 60, summary: 300 } as const

/** Text of 1 to `max` characters. */
const text = (max: number) =>
  z
    .string()
    .min(1)
    .refine((value) => [...value].length <= max, `is longer than ${max} characters`)

/**
 * What a seed document says, after parsing: nothing derived yet. The lines `By:`, `Topics:`,
 * `Summary:` and `Updated:` are optional, and their fields absent without them, so a document
 * written before them is the same object it always was.
 */
export const DocumentSchema = z.object({
  id: DocumentIdSchema,
  title: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  published_at: TimestampSchema,
  authors: z.array(text(LINE_LIMITS.author)).min(1).max(LINE_LIMITS.names).optional(),
  topics: z.array(text(LINE_LIMITS.topic)).min(1).max(LINE_LIMITS.names).optional(),
  /** Written by hand: it replaces the summary derived from the first paragraph. */
  summary: text(LINE_LIMITS.summary).optional(),
  /** When the article was last corrected, as its `Updated:` line says: not before published_at. */
  updated_at: TimestampSchema.optional(),
})
export type Document = z.infer<typeof DocumentSchema>

/**
 * A topic or an author as an article names it: its name as this article spells it, and the slug
 * of its facet (src/shared/slug.ts's facetSlug), made at publish time so no request folds a name.
 */
export const FacetRefSchema = z.object({ name: z.string().min(1), slug: SlugSchema })
export type FacetRef = z.infer<typeof FacetRefSchema>

/** One article as stored under `article:<slug>`: the document plus what the seed derived once. */
export const StoredArticleSchema = DocumentSchema.extend({
  slug: SlugSchema,
  /** The document's `Summary:` line, or else one derived from its first paragraph. */
  summary: z.string(),
  /** From the `By:` line, in its order; absent without one (the site's AUTHOR_NAME is then the author). */
  authors: z.array(FacetRefSchema).min(1).optional(),
  /** From the `Topics:` line, in its order; absent without one. */
  topics: z.array(FacetRefSchema).min(1).optional(),
  word_count: z.number().int().nonnegative(),
  reading_time_minutes: z.number().int().positive(),
  /** SHA-256 of the document's content: the change detector. */
  content_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * The article's Last-Modified: its `Updated:` time when it has one (updated_at); else its published
   * time until an edit, then the time of the seed that stored the edit.
   */
  modified_at: TimestampSchema,
  /**
   * The link-preview image (issue 12), a 1200×630 PNG in base64; absent when the seed drew none
   * (`--no-images`). It lives in the article's own value, not a key of its own: issue 11 bounds a new
   * article at 8 KV writes and 1,000 new ones at 1,100, so an image key per article would double the
   * writes of a busy day. About 25 KB, read only with the article that shows it. Not validated as
   * base64 here: that would scan it on every read of the article; the image route decodes it.
   */
  preview_png: z.string().optional(),
})
export type StoredArticle = z.infer<typeof StoredArticleSchema>

/** What a list page shows of an article: its byline too, when its document has a `By:` line. */
export const ListEntrySchema = StoredArticleSchema.pick({
  slug: true,
  title: true,
  summary: true,
  published_at: true,
  authors: true,
})
export type ListEntry = z.infer<typeof ListEntrySchema>

/** The authors, when there are any: an entry without stays the value it was before bylines. */
const withAuthors = <T extends object>(entry: T, authors: FacetRef[] | undefined) => (authors ? { ...entry, authors } : entry)

/** What a list page shows of an article (any record with more fields is cut down to these). */
export const toListEntry = ({ slug, title, summary, published_at, authors }: ListEntry): ListEntry =>
  withAuthors({ slug, title, summary, published_at }, authors)

/**
 * An article as a page stores it: what a list shows, plus its id (the key's tie-break, so a
 * cursor names a position) and modified_at (a sitemap's lastmod).
 */
export const PageEntrySchema = StoredArticleSchema.pick({
  id: true,
  slug: true,
  title: true,
  summary: true,
  published_at: true,
  modified_at: true,
  authors: true,
})
export type PageEntry = z.infer<typeof PageEntrySchema>

export const toPageEntry = ({ id, slug, title, summary, published_at, modified_at, authors }: PageEntry): PageEntry =>
  withAuthors({ id, slug, title, summary, published_at, modified_at }, authors)

/**
 * An article as a facet's page lists it: a page entry without modified_at, which only the site's
 * sitemaps read, so an edit a list does not show rewrites no facet page.
 */
export const IndexEntrySchema = PageEntrySchema.omit({ modified_at: true })
export type IndexEntry = z.infer<typeof IndexEntrySchema>

export const toIndexEntry = ({ id, slug, title, summary, published_at, authors }: IndexEntry): IndexEntry =>
  withAuthors({ id, slug, title, summary, published_at }, authors)

/** A facet's sealed page, stored under `topic:<slug>:<k>` or `author:<slug>:<k>`. */
export const FacetPageSchema = z.object({ entries: z.array(IndexEntrySchema), modified_at: TimestampSchema })
export type FacetPage = z.infer<typeof FacetPageSchema>

/** A sealed page, stored under `page:<k>`: newest first, every key within the page's fixed range. */
export const SealedPageSchema = z.object({
  entries: z.array(PageEntrySchema),
  /** When this page's content last changed: monotonic across seeds. */
  modified_at: TimestampSchema,
})
export type SealedPage = z.infer<typeof SealedPageSchema>

/** The newest articles not yet sealed, and the site-wide facts, stored under `head`. */
export const HeadSchema = SealedPageSchema.extend({
  /** The input hash of the site's own preview image, stored under `image:site`; absent: there is none, so no page names it. */
  site_image: z.string().optional(),
  /** How many pages are sealed: page:0 … page:<sealed − 1>. */
  sealed: z.number().int().nonnegative(),
  /** Every article stored, scheduled ones included. */
  count: z.number().int().nonnegative(),
  /** The publication times, oldest first, of the articles that were scheduled when the seed ran. */
  upcoming: z.array(TimestampSchema),
  /** SHA-256 over every document's id and content hash: the data version. */
  version: z.string(),
})
export type Head = z.infer<typeof HeadSchema>

/**
 * An article as the feed stores it: in full but for its preview image, whose bytes 50 and more
 * articles would make the feed over a megabyte; the feeds only link to it.
 */
export const FeedArticleSchema = StoredArticleSchema.omit({ preview_png: true }).extend({
  /** The article has a preview image (at /images/<slug>.png); absent: it has none. */
  has_preview_image: z.literal(true).optional(),
})
export type FeedArticle = z.infer<typeof FeedArticleSchema>

/** The latest articles in full, stored under `feed`: everything the feeds render. */
export const FeedSourceSchema = z.object({
  /** Newest first: the FEED_SIZE newest released when the seed ran, after every scheduled one. */
  articles: z.array(FeedArticleSchema),
  modified_at: TimestampSchema,
})
export type FeedSource = z.infer<typeof FeedSourceSchema>

/** The site's own preview image, stored under `image:site`: a 1200×630 PNG in base64, for the home page. */
export const SiteImageSchema = z.object({ png: z.string() })
export type SiteImage = z.infer<typeof SiteImageSchema>

/**
 * A topic's or an author's index head (issue 24), stored under `topic:<slug>` or `author:<slug>`:
 * the site's head over the articles filed under it, with the facet's name (as its newest article
 * spells it), the bounds its pages were sealed at (the publisher places an article by them, as
 * it does by the site's, so a facet page's range never moves either), and its feed's articles.
 */
export const FacetHeadSchema = HeadSchema.omit({ site_image: true, version: true }).extend({
  entries: z.array(IndexEntrySchema),
  name: z.string().min(1),
  /** Each sealed page's newest key, oldest page first: sealed pages are bounds.length. */
  bounds: z.array(z.tuple([TimestampSchema, DocumentIdSchema])),
  /**
   * The feed's articles, newest first, as the site's feed picks them: the scheduled ones (up to
   * FEED_SIZE), then the FEED_SIZE newest released when the seed ran. Slugs and times only: a
   * feed reads the articles themselves in one multi-key get (routes/facets.ts).
   */
  feed: z.array(z.tuple([SlugSchema, TimestampSchema])),
})
export type FacetHead = z.infer<typeof FacetHeadSchema>

/** A facet as the directory lists it: its articles released when the seed ran, and when each scheduled one goes out. */
export const FacetSummarySchema = z.object({
  name: z.string().min(1),
  slug: SlugSchema,
  count: z.number().int().nonnegative(),
  upcoming: z.array(TimestampSchema),
  /**
   * Its newest released article's modified date when the seed ran: its sitemap lastmod. Absent in a
   * directory written before sitemaps listed facets, until the next seed rewrites it.
   */
  modified_at: TimestampSchema.optional(),
})
export type FacetSummary = z.infer<typeof FacetSummarySchema>

/** Every topic and author, each A–Z by slug, stored under `facets`; modified_at dates the list. */
export const FacetDirectorySchema = z.object({
  topic: z.array(FacetSummarySchema),
  author: z.array(FacetSummarySchema),
  modified_at: TimestampSchema,
})
export type FacetDirectory = z.infer<typeof FacetDirectorySchema>
