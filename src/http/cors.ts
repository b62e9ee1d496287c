/**
 * CORS for what the route table says is readable from any origin (our public
 * JSON: see readableAnywhere in src/routes/table.ts). The same values go on
 * prepared representations (served before routing) and to Hono's cors
 * middleware (preflights and errors).
 */
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { BASE_HEADERS } from './representation'

const EXPOSED = ['ETag', 'Last-Modified']

export const READABLE_ANYWHERE: Record<string, string> = {
  'access-control-allow-origin': '*',
  // Written as Hono's cors middleware writes it, so a rendered answer and its cached copy are identical.
  'access-control-expose-headers': EXPOSED.join(','),
}

const honoCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match', 'If-Modified-Since'],
  exposeHeaders: EXPOSED,
  maxAge: 86400,
})

/** Hono's cors, whose preflight answers also carry the headers every response carries. */
export const corsMiddleware: MiddlewareHandler = async (c, next) => {
  const preflight = await honoCors(c, next)
  if (preflight) for (const [name, value] of Object.entries(BASE_HEADERS)) preflight.headers.set(name, value)
  return preflight
}
