/**
 * The application: the handlers of src/routes mounted on the paths of the
 * route table (src/routes/table.ts, which says what each route is), and one
 * error path. Every 200 but /healthz is a prepared representation with a
 * strong ETag, answered from the isolate cache on the next request (see index.ts).
 */
import { type Context, Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from './env'
import { siteFor } from './env'
import { NO_STORE } from './http/cache-control'
import { corsMiddleware } from './http/cors'
import { problem, problemResponse, titleOf } from './http/problem'
import { BASE_HEADERS } from './http/representation'
import { answerFromStale } from './http/serve'
import { ErrorPage } from './render/error-page'
import { renderDocument } from './render/html'
import openApiDocument from './openapi.json'
import { api } from './routes/api'
import { discovery } from './routes/discovery'
import { embed } from './routes/embed'
import { facets } from './routes/facets'
import { feeds } from './routes/feeds'
import { health } from './routes/health'
import { identity } from './routes/identity'
import { images } from './routes/images'
import { indexNowKey } from './routes/indexnow-key'
import { pages } from './routes/pages'
import { pageHeaders, respond } from './routes/respond'
import { searchRoutes } from './routes/search'
import { errorsAsProblem, KINDS, readableAnywhere, ROUTES, routeAt } from './routes/table'
import { StoreError } from './store/read'

export const ALLOW = 'GET, HEAD, OPTIONS'

/** In the route's own format: problem+json for programs, a page for people (table.ts says which). */
async function errorResponse(c: Context<AppEnv>, status: number, detail: string, headers: HeadersInit = {}): Promise<Response> {
  if (errorsAsProblem(c.var.route)) return problemResponse(problem(status, detail, c.req.path), headers)
  const html = await renderDocument(<ErrorPage site={c.var.site} title={titleOf(status)} detail={detail} />)
  return new Response(html, {
    status,
    headers: {
      'content-type': KINDS.page.type,
      'cache-control': NO_STORE,
      ...BASE_HEADERS,
      ...(await pageHeaders()),
      ...Object.fromEntries(new Headers(headers)),
    },
  })
}

const routes = new Hono<AppEnv>()

// Settled once per request, for handlers and the error path alike: the route and the site.
// Routes readable anywhere get Hono's cors too, for preflights and on errors.
routes.use('*', async (c, next) => {
  const route = routeAt(c.req.path)
  c.set('route', route)
  c.set('site', siteFor(c.env, c.req.url))
  return readableAnywhere(route) ? corsMiddleware(c, next) : next()
})

export const app = routes
  .route('/', api)
  .route('/', searchRoutes)
  .route('/', pages)
  .route('/', facets)
  .route('/', feeds)
  .route('/', embed)
  .route('/', discovery)
  .route('/', indexNowKey)
  .route('/', identity)
  .route('/', images)
  .route('/', health)

// Written from the API's schemas by scripts/openapi.ts (`npm run check` fails when it is out of date).
app.get(ROUTES.openapi.path, (c) => respond(c, JSON.stringify({ ...openApiDocument, servers: [{ url: c.var.site.url }] })))

// CORS preflights were answered above; any other OPTIONS learns what we allow.
app.options('*', (c) => c.body(null, 204, { allow: ALLOW, ...BASE_HEADERS }))

app.notFound((c) => errorResponse(c, 404, 'There is nothing at this address.'))

app.onError((error, c) => {
  // Only the headers a route attached (`fail(..., headers)`): getResponse() would add its own text/plain content-type.
  if (error instanceof HTTPException) return errorResponse(c, error.status, error.message, error.res?.headers)
  // Storage trouble is ours, not the client's: log it as one JSON line (what a log search filters on),
  // serve the last good copy if the isolate has one, else say so and suggest a retry. Never cached.
  const storage = error instanceof StoreError
  const line = { level: 'error', event: storage ? 'storage' : 'unexpected', message: error.message, path: c.req.path }
  // Anything else is a bug: its stack goes to the log too, never to the client.
  console.error(JSON.stringify(storage ? line : { ...line, stack: error.stack }))
  return (
    answerFromStale(c.req.raw) ??
    errorResponse(c, 503, 'The articles are unavailable for a moment. Please try again.', { 'retry-after': '10' })
  )
})

export type AppType = typeof app
