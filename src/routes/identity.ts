/**
 * Who the site is, as images: /favicon.ico, which browsers ask for on every
 * visit and pages link, and /logo.png, the publisher's logo in JSON-LD unless
 * PUBLISHER_LOGO_URL names another. Drawn from the site's settings; paths and
 * headers: ROUTES.favicon and ROUTES.logo in table.ts.
 */
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../env'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { renderFavicon, renderLogo } from '../render/site-mark'
import { cacheControlOf, mediaType, ROUTES } from './table'

export const identity = new Hono<AppEnv>()

/**
 * As `respond` does, for bytes rather than text: typed and cached by the route's
 * line in the table, prepared once with a strong ETag and kept in the isolate
 * cache. No CSP or CORS applies to an image kind, and a drawing has no
 * Last-Modified: its bytes change only with the settings.
 */
async function respondBytes(c: Context<AppEnv>, body: Uint8Array): Promise<Response> {
  const route = c.var.route!
  return serve(c, await represent(body, { type: mediaType(route), cacheControl: cacheControlOf(route) }))
}

identity.get(ROUTES.favicon.path, async (c) => respondBytes(c, await renderFavicon(c.var.site)))

identity.get(ROUTES.logo.path, async (c) => respondBytes(c, await renderLogo(c.var.site)))
