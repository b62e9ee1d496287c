/**
 * The JSON API. Routes are declared with zod-openapi so that validation and
 * the OpenAPI description are one thing; their paths and query parameters
 * are ROUTES.articles and ROUTES.articleJson in table.ts.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from '../env'
import { problem, problemResponse } from '../http/problem'
import { toArticle, toArticleSummary } from '../render/api'
import type { ListPage } from '../shared/records'
import { ArticleListSchema, ArticleSchema, ProblemSchema, type ArticleList } from '../api-schema'
import { LIST_PAGE_SIZE } from '../shared/keys'
import { readListPages } from '../store/read'
import { CursorSchema, encodeCursor } from './cursor'
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
  summary: 'The newest articles, newest first',
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
    const { limit = 20, cursor: offset = 0 } = c.req.valid('query')
    const first = Math.floor(offset / LIST_PAGE_SIZE)
    const last = Math.floor((offset + limit - 1) / LIST_PAGE_SIZE)
    const pages = await readListPages(c.env.ARTICLES, first, last - first + 1)
    // The list ends at a missing page, or after a page that says it is the last: a page beyond that
    // is surplus a cut-short seed has not deleted yet, and may name articles already removed.
    const present: ListPage[] = []
    for (const page of pages) {
      if (!page) break
      present.push(page)
      if (!page.has_next) break
    }
    const entries = present.flatMap((p) => p.entries)
    const start = offset - first * LIST_PAGE_SIZE
    const items = entries.slice(start, start + limit)
    const more = entries.length > start + limit || (present.length === pages.length && present[present.length - 1]?.has_next === true)
    const body: ArticleList = {
      items: items.map((entry) => toArticleSummary(c.var.site, entry)),
      next_cursor: items.length === limit && more ? encodeCursor(offset + limit) : null,
    }
    const lastModified = present
      .map((p) => p.modified_at)
      .sort()
      .pop()
    return respondJson(c, body, { lastModified })
  })
  .openapi(articleRoute, async (c) => {
    const { slug } = c.req.valid('param')
    const article = await findArticle(c, slug, `No article with the slug "${slug.slice(0, 200)}".`)
    return respondJson(c, toArticle(c.var.site, article), { lastModified: article.modified_at })
  })
