/**
 *   GET /healthz   article count and data version; never cached, no ETag
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { NO_STORE } from '../http/cache-control'
import { BASE_HEADERS } from '../http/representation'
import { readMeta } from '../store/read'

export const health = new Hono<AppEnv>()

health.get('/healthz', async (c) => {
  const meta = await readMeta(c.env.ARTICLES)
  return c.json({ status: 'ok' as const, articles: meta?.count ?? 0, version: meta?.version ?? '' }, 200, {
    'cache-control': NO_STORE,
    ...BASE_HEADERS,
  })
})
