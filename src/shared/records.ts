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

/** What a seed document says, after parsing: nothing derived yet. */
export const DocumentSchema = z.object({
  id: DocumentIdSchema,
  title: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  published_at: TimestampSchema,
})
export type Document = z.infer<typeof DocumentSchema>

/** One article as stored under `article:<slug>`: the document plus what the seed derived once. */
export const StoredArticleSchema = DocumentSchema.extend({
  slug: SlugSchema,
  summary: z.string(),
  word_count: z.number().int().nonnegative(),
  reading_time_minutes: z.number().int().positive(),
  /** SHA-256 of the document's content: the change detector. */
  content_hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The document's published time until an edit, then the time of the seed that stored the edit; the article's Last-Modified. */
  modified_at: TimestampSchema,
})
export type StoredArticle = z.infer<typeof StoredArticleSchema>

export const ListEntrySchema = StoredArticleSchema.pick({
  slug: true,
  title: true,
  summary: true,
  published_at: true,
})
export type ListEntry = z.infer<typeof ListEntrySchema>

/** What a list page shows of an article (any record with more fields is cut down to these). */
export const toListEntry = ({ slug, title, summary, published_at }: ListEntry): ListEntry => ({ slug, title, summary, published_at })

/** One fixed-size page of the newest-first index, stored under `list:<n>`. */
export const ListPageSchema = z.object({
  entries: z.array(ListEntrySchema),
  has_next: z.boolean(),
  /** When this page's content last changed: monotonic across seeds. */
  modified_at: TimestampSchema,
})
export type ListPage = z.infer<typeof ListPageSchema>

/** The latest articles in full, stored under `feed`: everything the feeds render. */
export const FeedSourceSchema = z.object({
  articles: z.array(StoredArticleSchema),
  modified_at: TimestampSchema,
})
export type FeedSource = z.infer<typeof FeedSourceSchema>

/** One sitemap file's worth of articles, stored under `sitemap:<n>`: [slug, modified_at] pairs. */
export const SitemapPageSchema = z.object({
  urls: z.array(z.tuple([SlugSchema, TimestampSchema])),
  /** How many sitemap files there are: /sitemap.xml decides from the first page alone. */
  files: z.number().int().positive(),
  modified_at: TimestampSchema,
})
export type SitemapPage = z.infer<typeof SitemapPageSchema>

/** Site-wide facts stored under `meta`. */
export const MetaSchema = z.object({
  /** SHA-256 over every document's id and content hash: the data version. */
  version: z.string(),
  count: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  sitemaps: z.number().int().nonnegative(),
  modified_at: TimestampSchema,
})
export type Meta = z.infer<typeof MetaSchema>
