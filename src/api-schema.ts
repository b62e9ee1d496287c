/**
 * The JSON the API answers with, extending the stored records' schemas. Their
 * names double as OpenAPI component names, so validation and the OpenAPI
 * description are one thing.
 */
import { z } from '@hono/zod-openapi'
import { ListEntrySchema, StoredArticleSchema } from './shared/records'

export const ArticleSummarySchema = ListEntrySchema.extend({
  url: z.url(),
}).openapi('ArticleSummary')
export type ArticleSummary = z.infer<typeof ArticleSummarySchema>

export const ArticleListSchema = z
  .object({
    items: z.array(ArticleSummarySchema),
    next_cursor: z.string().nullable(),
  })
  .openapi('ArticleList')
export type ArticleList = z.infer<typeof ArticleListSchema>

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
  .extend({ url: z.url() })
  .openapi('Article')
export type Article = z.infer<typeof ArticleSchema>

/** RFC 9457 problem details. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
  })
  .openapi('Problem')
export type Problem = z.infer<typeof ProblemSchema>

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    articles: z.number().int().nonnegative(),
    version: z.string(),
  })
  .openapi('Health')
