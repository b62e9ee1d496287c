/** Answers from a freshly prepared representation and keeps it for the next request. */
import type { Context } from 'hono'
import { type AppEnv, freshnessMs } from '../env'
import { answer } from './answer'
import { fail } from './problem'
import type { Representation } from './representation'
import { ResponseCache } from './response-cache'

/** One per isolate; see ResponseCache. */
export const isolateCache = new ResponseCache()

/** The answer from the entry under `key`; a coding made for it now is counted in the cache's budget. */
function answerKept(request: Request, rep: Representation, key: string): Response | Promise<Response> | undefined {
  const response = answer(request, rep)
  if (!(response instanceof Promise)) return response
  return response.then((made) => {
    isolateCache.recount(key)
    return made
  })
}

/**
 * Keyed by the request's URL, which the entry has made the cache key (see cache-key.ts),
 * and fresh for the Worker's FRESHNESS_SECONDS (settled per isolate, read only on a miss),
 * or only until the representation's deadline when that comes first.
 */
export function serve(c: Context<AppEnv>, rep: Representation): Response | Promise<Response> {
  // RFC 9110 section 12.5.3: identity refused and no coding we make accepted. The hot path leaves such a
  // request to this one, so the 406 comes from the one error path, in the route's format.
  return (
    keep(c.req.raw, c.env, rep) ??
    fail(406, 'This content is sent as it is or gzip-compressed, and the request accepts neither.', { vary: 'Accept-Encoding' })
  )
}

/** Keeps the representation under the request's URL and answers from it; undefined when the request accepts no coding we make. */
export function keep(request: Request, env: Env, rep: Representation): Response | Promise<Response> | undefined {
  const freshness = freshnessMs(env)
  const ttl = rep.deadline ? Math.max(0, Math.min(freshness, rep.deadline.until - Date.now())) : freshness
  isolateCache.set(request.url, rep, ttl)
  return answerKept(request, rep, request.url)
}

/** Yesterday's answer when today's cannot be made (stale-if-error): better than none. */
export function answerFromStale(request: Request): Response | Promise<Response> | undefined {
  const rep = isolateCache.stale(request.url)
  return rep && answerKept(request, rep, request.url)
}

/** The hot path, before any routing: a prepared answer under this key, if the isolate has one. */
export function answerFromCache(request: Request, key: string): Response | Promise<Response> | undefined {
  const rep = isolateCache.get(key)
  return rep && answerKept(request, rep, key)
}
