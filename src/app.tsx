/**
 * The application: every route, one error path.
 *
 *   GET /                        HTML index of the newest articles (?page=N)
 *   GET /articles/:slug          HTML article
 *   GET /api/articles            JSON list (?limit=1..100&cursor=)
 *   GET /api/articles/:slug      JSON article
 *   GET /feed.xml                RSS 2.0, the 50 newest
 *   GET /atom.xml                Atom 1.0, the same items
 *   GET /feed.json               JSON Feed 1.1, the same items
 *   GET /embed/:slug             the embeddable card (?theme=auto|light|dark)
 *   GET /oembed                  oEmbed 1.0 (?url=&format=json|xml&maxwidth=&maxheight=&theme=)
 *   GET /embed.js                the host page's embed script
 *   GET /sitemap.xml             sitemap (an index beyond 50,000 articles)
 *   GET /robots.txt              crawl rules
 *   GET /openapi.json            OpenAPI 3.1 description of the JSON API
 *   GET /healthz                 article count and data version, no-store
 *
 * Every 200 but /healthz is a prepared representation with a strong ETag,
 * answered from the isolate cache on the next request (see index.ts).
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'
import { siteFor } from './env'
import { API_CACHE } from './http/cache-control'
import { CORS_PATHS, corsMiddleware, READABLE_ANYWHERE } from './http/cors'
import { problem, problemResponse, titleOf } from './http/problem'
import { BASE_HEADERS, represent } from './http/representation'
import { answerFromStale, serve } from './http/serve'
import { ErrorPage } from './render/error-page'
import { renderDocument } from './render/html'
import { api } from './routes/api'
import { discovery } from './routes/discovery'
import { embed } from './routes/embed'
import { feeds } from './routes/feeds'
import { health } from './routes/health'
import { HTML_TYPE, pageHeaders, pages } from './routes/pages'
import { StoreError } from './store/read'

export const ALLOW = 'GET, HEAD, OPTIONS'

/** Programs get problem+json; people get a page. */
const wantsProblem = (path: string) => /^\/(api(\/|$)|oembed$|healthz$|openapi\.json$|feed\.json$)/.test(path)

async function errorResponse(c: Context<AppEnv>, status: number, detail: string, headers: HeadersInit = {}): Promise<Response> {
  if (wantsProblem(c.req.path)) return problemResponse(problem(status, detail, c.req.path), headers)
  const html = await renderDocument(<ErrorPage site={siteFor(c.env, c.req.url)} title={titleOf(status)} detail={detail} />)
  return new Response(html, {
    status,
    headers: {
      'content-type': HTML_TYPE,
      'cache-control': 'no-store',
      ...BASE_HEADERS,
      ...(await pageHeaders()),
      ...Object.fromEntries(new Headers(headers)),
    },
  })
}

const routes = new OpenAPIHono<AppEnv>()
for (const path of CORS_PATHS) routes.use(path, corsMiddleware)

export const app = routes
  .route('/', api)
  .route('/', pages)
  .route('/', feeds)
  .route('/', embed)
  .route('/', discovery)
  .route('/', health)

const openApiDocument = () =>
  app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Articles API', version: '1.0.0', description: 'Read-only JSON API of the published articles.' },
  })

app.get('/openapi.json', async (c) => {
  const document = { ...openApiDocument(), servers: [{ url: siteFor(c.env, c.req.url).url }] }
  return serve(c, await represent(JSON.stringify(document), { type: 'application/json; charset=utf-8', cacheControl: API_CACHE, headers: READABLE_ANYWHERE }))
})

// CORS preflights were answered above; any other OPTIONS learns what we allow.
app.options('*', (c) => c.body(null, 204, { allow: ALLOW, ...BASE_HEADERS }))

app.notFound((c) => errorResponse(c, 404, 'There is nothing at this address.'))

app.onError((error, c) => {
  // Only the headers a route attached (`fail(..., headers)`): getResponse() would add its own text/plain content-type.
  if (error instanceof HTTPException) return errorResponse(c, error.status, error.message, error.res?.headers)
  // Storage trouble is ours, not the client's: log it, serve the last good copy
  // if the isolate has one, else say so and suggest a retry. Never cached.
  console.error(error instanceof StoreError ? error.message : error)
  return answerFromStale(c.req.raw) ?? errorResponse(c, 503, 'The articles are unavailable for a moment. Please try again.', { 'retry-after': '10' })
})

export type AppType = typeof app
