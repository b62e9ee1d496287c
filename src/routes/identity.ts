/**
 * Who the site is, as images: /favicon.ico, which browsers ask for on every
 * visit and pages link, and /logo.png, the publisher's logo in JSON-LD unless
 * PUBLISHER_LOGO_URL names another. Drawn from the site's settings; paths and
 * headers: ROUTES.favicon and ROUTES.logo in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { renderFavicon, renderLogo } from '../render/site-mark'
import { respondBytes } from './respond-bytes'
import { ROUTES } from './table'

export const identity = new Hono<AppEnv>()

identity.get(ROUTES.favicon.path, async (c) => respondBytes(c, await renderFavicon(c.var.site)))

identity.get(ROUTES.logo.path, async (c) => respondBytes(c, await renderLogo(c.var.site)))
