/**
 * Search (issue 13): the API's ranked results, the results page, and the
 * OpenSearch description. Paths and headers: ROUTES.search, ROUTES.searchPage
 * and ROUTES.opensearch in table.ts; the ranking is src/search/.
 */
import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail, problem, problemResponse } from '../http/problem'
import { renderDocument } from '../render/html'
import { renderOpenSearch } from '../render/opensearch'
import { SearchPage } from '../render/search-page'
import { search } from '../search/answer'
import { DEFAULT_LIMIT, SearchPageQuerySchema, SearchQuerySchema } from '../search/params'
import { respond, respondJson } from './respond'
import { ROUTES } from './table'

/** Results a page shows. */
const PAGE_LIMIT = 10

export const searchRoutes = new Hono<AppEnv>()
  .get(
    ROUTES.search.path,
    zValidator('query', SearchQuerySchema, (result, c) => {
      if (!result.success) {
        const issue = result.error.issues[0]
        return problemResponse(problem(400, `${issue?.path.join('.') || 'q'}: ${issue?.message ?? 'invalid request'}`, c.req.path))
      }
    }),
    async (c) => {
      const { q, limit = DEFAULT_LIMIT, cursor = 0, sort = 'relevance' } = c.req.valid('query')
      const { body, freshUntil } = await search(c.env.ARTICLES, c.var.site, { q, limit, offset: cursor, sort }, Date.now())
      return respondJson(c, body, { freshUntil })
    },
  )
  .get(ROUTES.searchPage.path, async (c) => {
    const parsed = SearchPageQuerySchema.safeParse(c.req.query())
    if (!parsed.success) fail(400, parsed.error.issues[0]?.message ?? 'That is not a search this site can run.')
    const { q = '', cursor = 0, sort = 'relevance' } = parsed.data
    const site = c.var.site
    if (q === '') return respond(c, await renderDocument(<SearchPage site={site} q="" sort={sort} offset={0} />))
    const { body, freshUntil } = await search(c.env.ARTICLES, site, { q, limit: PAGE_LIMIT, offset: cursor, sort }, Date.now())
    return respond(c, await renderDocument(<SearchPage site={site} q={q} sort={sort} results={body} offset={cursor} />), { freshUntil })
  })
  .get(ROUTES.opensearch.path, (c) => respond(c, renderOpenSearch(c.var.site)))
