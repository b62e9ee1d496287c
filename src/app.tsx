/**
 * The application: every route, one error path.
 *
 *   GET /                        HTML index of the newest articles (?page=N)
 *   GET /articles/:slug          HTML article
 *   GET /api/articles            JSON list (?limit=1..100&cursor=)
 *   GET /api/articles/:slug      JSON article
 *   GET /feed.xml                RSS 2.0, the 50 newest
 *   GET /healthz                 article count and data version, no-store
 *
 * Every 200 but /healthz is a prepared representation with a strong ETag,
 * answered from the isolate cache on the next request (see index.ts).
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { Context } from 'hono'
import type { AppEnv } from './env'
import { siteFor } from './env'
import { problem, problemResponse, titleOf } from './http/problem'
import { BASE_HEADERS } from './http/representation'
import { ErrorPage } from './render/error-page'
import { renderDocument } from './render/html'
import { api } from './routes/api'
import { feeds } from './routes/feeds'
import { health } from './routes/health'
import { HTML_TYPE, pages } from './routes/pages'
import { CorruptValueError } from './store/read'

/** Machine clients get problem+json; people get a page. */
const wantsProblem = (path: string) => path.startsWith('/api/') || path === '/api' || path === '/healthz'

async function errorResponse(c: Context<AppEnv>, status: number, detail: string, headers: HeadersInit = {}): Promise<Response> {
  if (wantsProblem(c.req.path)) return problemResponse(problem(status, detail, c.req.path), headers)
  const html = await renderDocument(<ErrorPage site={siteFor(c.env, c.req.url)} title={titleOf(status)} detail={detail} />)
  return new Response(html, {
    status,
    headers: { 'content-type': HTML_TYPE, 'cache-control': 'no-store', ...BASE_HEADERS, ...Object.fromEntries(new Headers(headers)) },
  })
}

export const app = new OpenAPIHono<AppEnv>()
  .route('/', api)
  .route('/', pages)
  .route('/', feeds)
  .route('/', health)

app.notFound((c) => errorResponse(c, 404, 'There is nothing at this address.'))

app.onError((error, c) => {
  if (error instanceof HTTPException) return errorResponse(c, error.status, error.message, error.getResponse().headers)
  // Storage trouble is ours, not the client's: log it, say so, and suggest a retry.
  if (error instanceof CorruptValueError) console.error(error.message)
  else console.error('unexpected error', error)
  return errorResponse(c, 503, 'The articles are unavailable for a moment. Please try again.', { 'retry-after': '10' })
})

export type AppType = typeof app
