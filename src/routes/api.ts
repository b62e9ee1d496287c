/**
 * The JSON API. Routes are declared with zod-openapi so that validation and
 * the OpenAPI description are one thing; their paths and query parameters
 * are ROUTES.articles and ROUTES.articleJson in table.ts.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { problem, problemResponse } from '../http/problem'
import { toArticle, toArticleSummary } from '../render/api'
import { ArticleListSchema, ArticleSchema, ProblemSchema, type ArticleList } from '../api-schema'
import { readIndex } from '../store/read'
import { CursorSchema, encodeCursor } from './cursor'
import { takeFrom, windowFor } from './list-window'
import { findArticle } from './find-article'
import { respondJson } from './respond'
import { ROUTES } from './table'

/** A Hono path in OpenAPI's form, `:slug` as `{slug}`, its literal type kept for `hc` clients. */
type OpenApiPath<P extends string> = P extends `${infer Head}:${infer Name}/${infer Rest}`
  ? `${Head}{${Name}}/${OpenApiPath<Rest>}`
  : P extends `${infer Head}:${infer Name}`
    ? `${Head}{${Name}}`
    : P
const openApiPath = <P extends string>(path: P) => path.replace(/:(\w+)/g, '{$1}') as OpenApiPath<P>

const problemContent = { 'application/problem+json': { schema: ProblemSchema } }

// Exactly the parameters the table declares: the compiler refuses one more or one fewer.
const ListQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(100, 'limit must be at most 100'))
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: 'Items per page, 1–100 (default 20).', type: 'integer' }),
  cursor: CursorSchema.optional().openapi({
    param: { name: 'cursor', in: 'query' },
    description: 'The `next_cursor` of the previous page.',
    type: 'string',
  }),
} satisfies Record<(typeof ROUTES.articles.query)[number], z.ZodType>)

const listRoute = createRoute({
  method: 'get',
  path: openApiPath(ROUTES.articles.path),
  summary: 'The articles, newest first',
  description:
    'Pages by position, not by offset: following `next_cursor` while articles are added, edited and deleted returns every article that exists throughout exactly once, in order. A page may hold fewer than `limit` items (even none) and still have a `next_cursor`; the list ends where `next_cursor` is null.',
  request: { query: ListQuerySchema },
  responses: {
    200: { description: 'A page of articles', content: { 'application/json': { schema: ArticleListSchema } } },
    400: { description: 'A bad limit or cursor', content: problemContent },
  },
})

const articleRoute = createRoute({
  method: 'get',
  path: openApiPath(ROUTES.articleJson.path),
  summary: 'One article in full',
  request: { params: z.object({ slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'pyongyang-opens-museum' }) }) },
  responses: {
    200: { description: 'The article', content: { 'application/json': { schema: ArticleSchema } } },
    404: { description: 'No such article', content: problemContent },
  },
})

export const api = new OpenAPIHono<AppEnv>({
  // Every validation error has the same shape: an RFC 9457 problem.
  defaultHook: (result, c) => {
    if (!result.success) {
      const issue = result.error.issues[0]
      const where = issue?.path.join('.')
      return problemResponse(problem(400, `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid request'}`, c.req.path))
    }
  },
})
  .openapi(listRoute, async (c) => {
    const { limit = 20, cursor } = c.req.valid('query')
    const read = await readIndex(c.env.ARTICLES, windowFor(cursor))
    const { items, next, lastModified, freshUntil } = takeFrom(read, cursor, limit, Date.now())
    const body: ArticleList = {
      items: items.map((entry) => toArticleSummary(c.var.site, entry)),
      next_cursor: next && encodeCursor(next),
    }
    return respondJson(c, body, { lastModified, freshUntil })
  })
  .openapi(articleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const article = await findArticle(c, slug, `No article with the slug "${slug.slice(0, 200)}".`)
    return respondJson(c, toArticle(c.var.site, article), { lastModified: article.modified_at })
  })
