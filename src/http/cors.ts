/**
 * Public, read-only resources any origin may read from script: the API, oEmbed
 * and the JSON Feed. The same values go on prepared representations (served
 * before routing) and to Hono's cors middleware (preflights and errors).
 */
import { cors } from 'hono/cors'

export const CORS_PATHS = ['/api/*', '/oembed', '/feed.json', '/openapi.json'] as const

const EXPOSED = ['ETag', 'Last-Modified']

export const READABLE_ANYWHERE: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': EXPOSED.join(', '),
}

export const corsMiddleware = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match', 'If-Modified-Since'],
  exposeHeaders: EXPOSED,
  maxAge: 86400,
})
