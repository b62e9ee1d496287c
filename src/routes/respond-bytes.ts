/**
 * As `respond` does, for bytes rather than text: typed and cached by the route's
 * line in the table, prepared once with a strong ETag over the bytes and kept in
 * the isolate cache. No CSP or CORS applies to an image kind, and no
 * Last-Modified is claimed: the ETag alone validates (RFC 9110 section 8.8.3).
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { cacheControlOf, mediaType } from './table'

export async function respondBytes(c: Context<AppEnv>, body: Uint8Array): Promise<Response> {
  // A handler runs only where the table has a route.
  const route = c.var.route!
  return serve(c, await represent(body, { type: mediaType(route), cacheControl: cacheControlOf(route) }))
}
