/**
 * The JSON the API answers with, extending the stored records' schemas. Their
 * ids (zod's own metadata) name the OpenAPI components that scripts/openapi.ts
 * writes from these same schemas, so validation and the description are one thing.
 */
import { z } from 'zod'
import { FacetRefSchema, ListEntrySchema, StoredArticleSchema, TimestampSchema } from './shared/records'

/** A topic or an author as an article names it, with the page that lists its articles. */
export const FacetLinkSchema = FacetRefSchema.extend({ url: z.url() }).meta({ id: 'FacetLink' })
export type FacetLink = z.infer<typeof FacetLinkSchema>

// A list item as before bylines: its stored authors carry no URL, and the article answers with them (Article.authors).
export const ArticleSummarySchema = ListEntrySchema.omit({ authors: true })
  .extend({
    url: z.url(),
  })
  .meta({ id: 'ArticleSummary' })
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>

/** A page of a list the API pages by cursor: its items, and where the next page starts (null: the end). */
const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() })

export const ArticleListSchema = pageOf(ArticleSummarySchema).meta({ id: 'ArticleList' })
export type ArticleList = z.infer<typeof ArticleListSchema>

/** A topic or an author in the directory (issue 24): its articles out now, its page and its RSS feed. */
export const FacetSchema = FacetLinkSchema.extend({
  count: z.number().int().nonnegative().meta({ description: 'Its articles out now; scheduled ones count from their time.' }),
  feed_url: z.url(),
}).meta({ id: 'Facet' })
export type Facet = z.infer<typeof FacetSchema>

export const FacetListSchema = pageOf(FacetSchema).meta({ id: 'FacetList' })
export type FacetList = z.infer<typeof FacetListSchema>

export const ArticleSchema = StoredArticleSchema.pick({
  slug: true,
  id: true,
  title: true,
  summary: true,
  published_at: true,
  paragraphs: true,
  word_count: true,
  reading_time_minutes: true,
})
  .extend({
    url: z.url(),
    authors: z.array(FacetLinkSchema).meta({
      description:
        "Who wrote it: the `By:` line's names, in order; without one, the site's AUTHOR_NAME (its url AUTHOR_URL when set), or none. A name's url is its author page, `/authors/{slug}`.",
    }),
    topics: z
      .array(FacetLinkSchema)
      .meta({ description: "The `Topics:` line's names, in order, each with its topic page, `/topics/{slug}`; none without one." }),
    updated_at: TimestampSchema.nullable().meta({
      description: 'When it was last corrected, as its `Updated:` line says; null without one.',
    }),
  })
  .meta({ id: 'Article' })
export type Article = z.infer<typeof ArticleSchema>

export const SnippetSchema = z
  .object({
    text: z.string().meta({
      description:
        "Plain text, not HTML: about 180 characters of the body around the best match (the most distinct query words close together), `…` where it is cut; the body's opening when the body has no match.",
    }),
    marks: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])).meta({
      description:
        "Each word the query matched, as [start, end) in `text`, counted in UTF-16 code units as JavaScript's String.prototype.slice counts: ascending, none overlapping. Case and accents are folded (`montreal` marks `Montréal`) and the last word, as a prefix, marks the words it begins.",
    }),
  })
  .meta({ id: 'Snippet' })
export type Snippet = z.infer<typeof SnippetSchema>

export const SearchResultSchema = ArticleSummarySchema.extend({
  authors: z.array(FacetLinkSchema).meta({ description: "The article's byline, as the article's own `authors`." }),
  snippet: SnippetSchema,
  score: z.number().meta({ description: 'BM25 relevance: higher is better; comparable only within one answer.' }),
}).meta({ id: 'SearchResult' })
export type SearchResult = z.infer<typeof SearchResultSchema>

export const SearchResultsSchema = pageOf(SearchResultSchema)
  .extend({
    /** Every article the query matched, across pages. */
    total: z.number().int().nonnegative(),
    partial: z.boolean().meta({ description: 'No article matched every word: these match some of them, best first.' }),
    cut: z.boolean().meta({
      description: 'The query was cut to fit the work allowed: words past the tenth, or the oldest matches of common words, were left out.',
    }),
  })
  .meta({ id: 'SearchResults' })
export type SearchResults = z.infer<typeof SearchResultsSchema>

/** RFC 9457 problem details. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof ProblemSchema>

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    articles: z.number().int().nonnegative(),
    version: z.string(),
  })
  .meta({ id: 'Health' })
