/**
 * The JSON API: its paths and query parameters are ROUTES.articles and
 * ROUTES.articleJson in table.ts, its answers' shapes src/api-schema.ts, and
 * its description /openapi.json, written from both by scripts/openapi.ts.
 */
import { zValidator } from '@hono/zod-validator'
import { type Context, Hono, type TypedResponse, type ValidationTargets } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../env'
import { problem, problemResponse } from '../http/problem'
import { toArticleSummary } from '../render/api'
import type { Article, ArticleList, FacetList } from '../api-schema'
import type { FacetKind } from '../shared/keys'
import { facetStore, type IndexHead, type IndexPage, type IndexRead, readIndex } from '../store/read'
import { facetSlugOf, releasedFacet } from './facet-view'
import { facetPage } from './facets'
import { CURSOR_TEXT, CursorSchema, encodeCursor } from './cursor'
import { takeFrom, windowFor } from './list-window'
import { articleAnswer } from './article-answer'
import { findArticle } from './find-article'
import { respondJson } from './respond'
import { ROUTES } from './table'

/** A facet's slug as a query parameter: empty, as a form sends it, is absent. */
const OptionalSlugSchema = z
  .string()
  .optional()
  .transform((slug) => slug || undefined)

// Exactly the parameters the table declares: the compiler refuses one more or one fewer.
const ListQuerySchema = z
  .object({
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
      .transform(Number)
      .pipe(z.number().int().min(1, 'limit must be at least 1').max(100, 'limit must be at most 100'))
      .optional(),
    cursor: CursorSchema.optional(),
    // A topic's or an author's articles (issue 24): the same list over the facet's index. Empty, as a form sends it: absent.
    topic: OptionalSlugSchema,
    author: OptionalSlugSchema,
  } satisfies Record<(typeof ROUTES.articles.query)[number], z.ZodType>)
  .refine((query) => !(query.topic && query.author), {
    message: 'give topic or author, not both',
    path: ['author'],
  })

const FacetListQuerySchema = z.object({
  limit: ListQuerySchema.shape.limit,
  // The last slug of the page before: the next page lists the slugs after it.
  cursor: z.string().regex(CURSOR_TEXT, 'not a cursor from this API (start again without one)').optional(),
} satisfies Record<(typeof ROUTES.apiTopics.query)[number], z.ZodType>)

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
    const { limit = 20, cursor, topic, author } = c.req.valid('query')
    const now = Date.now()
    const facet = topic !== undefined ? (['topic', topic] as const) : author !== undefined ? (['author', author] as const) : undefined
    const store = facet && facetStore(facet[0], facetSlugOf(facet[0], facet[1]))
    const window = windowFor(cursor)
    let read: IndexRead<IndexHead, IndexPage>
    if (store) {
      // A facet's head is read in the same get whatever the window, since it tells whether the facet exists.
      const withHead = await readIndex(c.env.ARTICLES, { ...window, head: true }, store)
      const head = releasedFacet(store.kind, withHead.head, now)
      read = { ...withHead, head: window.head ? head : null }
    } else read = await readIndex(c.env.ARTICLES, window)
    const { items, next, lastModified, freshUntil } = takeFrom(read, cursor, limit, now)
    const body: ArticleList = {
      items: items.map((entry) => toArticleSummary(c.var.site, entry)),
      next_cursor: next && encodeCursor(next),
    }
    return respondJson(c, body, { lastModified, freshUntil })
  })
  .get(ROUTES.apiTopics.path, valid('query', FacetListQuerySchema), (c) => facetList(c, 'topic', c.req.valid('query')))
  .get(ROUTES.apiAuthors.path, valid('query', FacetListQuerySchema), (c) => facetList(c, 'author', c.req.valid('query')))
  .get(ROUTES.articleJson.path, valid('param', SlugParamSchema), async (c) => {
    const { slug } = c.req.valid('param')
    const article = await findArticle(c, slug, `No article with the slug "${slug.slice(0, 200)}".`)
    // Typed as the route's 200, so `hc` clients see the body's shape.
    return articleAnswer(c, article, 'json') as Promise<Response & TypedResponse<Article, 200, 'json'>>
  })

/** Every topic or author, A–Z by slug, with its count, page and feed; keyset by slug, as the list is by position. */
async function facetList(c: Context<AppEnv>, kind: FacetKind, { limit = 100, cursor }: { limit?: number; cursor?: string }) {
  const { items, next, lastModified, freshUntil } = await facetPage(c, kind, cursor, limit)
  return respondJson<FacetList>(c, { items, next_cursor: next }, { lastModified, freshUntil })
}
