/**
 * The JSON API. Routes are declared with zod-openapi so that validation and
 * the OpenAPI description are one thing.
 *
 *   GET /api/articles?limit=&cursor=   newest first, paginated
 *   GET /api/articles/:slug            one article in full
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, TypedResponse } from 'hono'
import type { AppEnv } from '../env'
import { siteFor } from '../env'
import { API_CACHE } from '../http/cache-control'
import { READABLE_ANYWHERE } from '../http/cors'
import { fail, problem, problemResponse } from '../http/problem'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { toArticle, toArticleSummary } from '../render/api'
import { SlugSchema, type ListPage } from '../shared/records'
import { ArticleListSchema, ArticleSchema, ProblemSchema, type ArticleList } from '../api-schema'
import { LIST_PAGE_SIZE } from '../shared/keys'
import { readArticle, readListPages } from '../store/read'
import { CursorSchema, encodeCursor } from './cursor'

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * A prepared JSON representation, typed as the route's 200 so `hc` clients see the body's shape.
 * It carries the CORS headers itself: the isolate cache answers later requests before any middleware.
 */
async function serveJson<T>(c: Context<AppEnv>, body: T, lastModified: string | undefined) {
  const rep = await represent(JSON.stringify(body), { type: JSON_TYPE, cacheControl: API_CACHE, lastModified, headers: READABLE_ANYWHERE })
  return serve(c, rep) as Response & TypedResponse<T, 200, 'json'>
}

const problemContent = { 'application/problem+json': { schema: ProblemSchema } }

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
})

const listRoute = createRoute({
  method: 'get',
  path: '/api/articles',
  summary: 'The newest articles, newest first',
  request: { query: ListQuerySchema },
  responses: {
    200: { description: 'A page of articles', content: { 'application/json': { schema: ArticleListSchema } } },
    400: { description: 'A bad limit or cursor', content: problemContent },
  },
})

const articleRoute = createRoute({
  method: 'get',
  path: '/api/articles/{slug}',
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
  const site = siteFor(c.env, c.req.url)
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
    items: items.map((entry) => toArticleSummary(site, entry)),
    next_cursor: items.length === limit && more ? encodeCursor(offset + limit) : null,
  }
  const lastModified = present.map((p) => p.modified_at).sort().pop()
  return serveJson(c, body, lastModified)
  })
  .openapi(articleRoute, async (c) => {
  const { slug } = c.req.valid('param')
  const article = SlugSchema.safeParse(slug).success ? await readArticle(c.env.ARTICLES, slug) : null
  if (!article) fail(404, `No article with the slug "${slug.slice(0, 200)}".`)
  const site = siteFor(c.env, c.req.url)
  return serveJson(c, toArticle(site, article), article.modified_at)
  })
