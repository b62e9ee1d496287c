/**
 * The JSON API: its paths and query parameters are ROUTES.articles and
 * ROUTES.articleJson in table.ts, its answers' shapes src/api-schema.ts, and
 * its description /openapi.json, written from both by scripts/openapi.ts.
 */
import { zValidator } from '@hono/zod-validator'
import { Hono, type TypedResponse, type ValidationTargets } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { problem, problemResponse } from '../http/problem'
import { toArticleSummary } from '../render/api'
import type { Article, ArticleList } from '../api-schema'
import { readIndex } from '../store/read'
import { CursorSchema, encodeCursor } from './cursor'
import { takeFrom, windowFor } from './list-window'
import { articleAnswer } from './article-answer'
import { findArticle } from './find-article'
import { respondJson } from './respond'
import { ROUTES } from './table'

// Exactly the parameters the table declares: the compiler refuses one more or one fewer.
const ListQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(100, 'limit must be at most 100'))
    .optional(),
  cursor: CursorSchema.optional(),
} satisfies Record<(typeof ROUTES.articles.query)[number], z.ZodType>)

const SlugParamSchema = z.object({ slug: z.string() })

/** Every validation error has the same shape: an RFC 9457 problem. */
const valid = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0]
      const where = issue?.path.join('.')
      return problemResponse(problem(400, `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid request'}`, c.req.path))
    }
  })

export const api = new Hono<AppEnv>()
  .get(ROUTES.articles.path, valid('query', ListQuerySchema), async (c) => {
    const { limit = 20, cursor } = c.req.valid('query')
    const read = await readIndex(c.env.ARTICLES, windowFor(cursor))
    const { items, next, lastModified, freshUntil } = takeFrom(read, cursor, limit, Date.now())
    const body: ArticleList = {
      items: items.map((entry) => toArticleSummary(c.var.site, entry)),
      next_cursor: next && encodeCursor(next),
    }
    return respondJson(c, body, { lastModified, freshUntil })
  })
  .get(ROUTES.articleJson.path, valid('param', SlugParamSchema), async (c) => {
    const { slug } = c.req.valid('param')
    const article = await findArticle(c, slug, `No article with the slug "${slug.slice(0, 200)}".`)
    // Typed as the route's 200, so `hc` clients see the body's shape.
    return articleAnswer(c, article, 'json') as Promise<Response & TypedResponse<Article, 200, 'json'>>
  })
