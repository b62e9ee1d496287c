/** /healthz: article count and data version, the one answer never prepared nor cached (ROUTES.health). */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { BASE_HEADERS } from '../http/representation'
import { readMeta } from '../store/read'
import { cacheControlOf, mediaType, ROUTES } from './table'

export const health = new Hono<AppEnv>()

health.get(ROUTES.health.path, async (c) => {
  const meta = await readMeta(c.env.ARTICLES)
  return c.json({ status: 'ok' as const, articles: meta?.count ?? 0, version: meta?.version ?? '' }, 200, {
    // Hono's own spelling, so this replaces its default rather than joining it.
    'Content-Type': mediaType(ROUTES.health),
    'cache-control': cacheControlOf(ROUTES.health),
    ...BASE_HEADERS,
  })
})
