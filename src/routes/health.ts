/** /healthz: article count and data version, the one answer never prepared nor cached (ROUTES.health). */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { BASE_HEADERS } from '../http/representation'
import { isReleased } from '../shared/order'
import { readHead } from '../store/read'
import { cacheControlOf, mediaType, ROUTES } from './table'

export const health = new Hono<AppEnv>()

health.get(ROUTES.health.path, async (c) => {
  const head = await readHead(c.env.ARTICLES)
  // Scheduled articles are not counted until they are out.
  const now = Date.now()
  const articles = (head?.count ?? 0) - (head?.upcoming.filter((at) => !isReleased({ published_at: at }, now)).length ?? 0)
  return c.json({ status: 'ok' as const, articles, version: head?.version ?? '' }, 200, {
    // Hono's own spelling, so this replaces its default rather than joining it.
    'Content-Type': mediaType(ROUTES.health),
    'cache-control': cacheControlOf(ROUTES.health),
    ...BASE_HEADERS,
  })
})
