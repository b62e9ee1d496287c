/** Answers from a freshly prepared representation and keeps it for the next request. */
import type { Context } from 'hono'
import { type AppEnv, freshnessMs } from '../env'
import { answer, type Representation } from './representation'
import { ResponseCache } from './response-cache'

/** One per isolate; see ResponseCache. */
export const isolateCache = new ResponseCache()

/**
 * Keyed by the request's URL, which the entry has made the cache key (see cache-key.ts),
 * and fresh for the Worker's FRESHNESS_SECONDS (settled per isolate, read only on a miss),
 * or only until the representation's deadline when that comes first.
 */
export function serve(c: Context<AppEnv>, rep: Representation): Response {
  const freshness = freshnessMs(c.env)
  const ttl = rep.deadline ? Math.max(0, Math.min(freshness, rep.deadline.until - Date.now())) : freshness
  isolateCache.set(c.req.url, rep, ttl)
  return answer(c.req.raw, rep)
}

/** Yesterday's answer when today's cannot be made (stale-if-error): better than none. */
export function answerFromStale(request: Request): Response | undefined {
  const rep = isolateCache.stale(request.url)
  return rep && answer(request, rep)
}

/** The hot path, before any routing: a prepared answer under this key, if the isolate has one. */
export function answerFromCache(request: Request, key: string): Response | undefined {
  const rep = isolateCache.get(key)
  return rep && answer(request, rep)
}
