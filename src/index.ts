/**
 * The Worker's entry. With SITE_URL set, a request on any other host or scheme
 * is sent there first; a request the isolate has already answered is served
 * from the prepared representation before any routing, and an article the
 * seed prepared an answer for from that answer (routes/article-lane.ts);
 * everything else goes to the app. Only GET, HEAD and OPTIONS are served; request bodies are never read.
 * The Cron Trigger tells hubs and search engines of scheduled releases (notify/released.ts).
 */
import { ALLOW, app } from './app'
import { type Canonical, canonicalSite } from './env'
import { cacheKey } from './http/cache-key'
import { problem, problemResponse } from './http/problem'
import { BASE_HEADERS } from './http/representation'
import { answerFromCache } from './http/serve'
import { tellReleased } from './notify/released'
import { answerFromLane, laneOf } from './routes/article-lane'
import { queryAt } from './routes/table'

/** A moved host stays moved; an hour lets a mistaken SITE_URL be corrected without stranding clients for long. */
const REDIRECT_CACHE_CONTROL = 'public, max-age=3600'

/**
 * Whether a request URL is on SITE_URL's origin. Both are serialized by the URL
 * standard (scheme and host lowercase, a default port dropped), so a prefix
 * compares them without parsing; the path's `/` must follow, or
 * `https://news.example.com.attacker.example/` and `…:8443/` would pass.
 */
const onOrigin = (url: string, origin: string) => url.startsWith(origin) && url.charCodeAt(origin.length) === 47

/**
 * 301 (RFC 9110 §15.4.2) to the same path and query on SITE_URL, so canonical
 * links, feed links and feed ids never take the Host a client sent, and the
 * isolate cache is never keyed on a host we do not serve. `*` because a
 * cross-origin read follows the redirect only if it passes the CORS check too
 * (Fetch standard, HTTP-redirect fetch), and it names nothing but a public URL.
 */
function moved(url: string, canonical: Canonical): Response {
  const { pathname, search } = new URL(url)
  return new Response(null, {
    status: 301,
    headers: {
      location: `${canonical.url}${pathname}${search}`,
      'cache-control': REDIRECT_CACHE_CONTROL,
      'access-control-allow-origin': '*',
      ...BASE_HEADERS,
    },
  })
}

export default {
  fetch(request, env, ctx) {
    const { method } = request
    if (method === 'GET' || method === 'HEAD') {
      const canonical = canonicalSite(env)
      if (canonical && !onOrigin(request.url, canonical.origin)) return moved(request.url, canonical)
      const key = cacheKey(request, queryAt)
      const hot = answerFromCache(request, key)
      if (hot) return hot
      // The app gets the request as the key names it, so what it renders is what the key stands for.
      const target = key === request.url ? request : new Request(key, request)
      const lane = laneOf(target)
      if (!lane) return app.fetch(target, env, ctx)
      return answerFromLane(target, env, lane).then((answered) => answered ?? app.fetch(target, env, ctx))
    }
    // Not redirected: a CORS preflight must answer with an ok status (Fetch standard, CORS-preflight fetch),
    // a redirect fails it. It renders nothing from the host; the request it clears is redirected as above.
    if (method === 'OPTIONS') return app.fetch(request, env, ctx)
    const path = new URL(request.url).pathname
    return problemResponse(problem(405, `${method} is not allowed here; this service only reads.`, path), { allow: ALLOW })
  },
  // The Cron Trigger (wrangler.toml): pings for the scheduled articles released within its minute.
  scheduled(controller, env) {
    return tellReleased(env, controller.scheduledTime)
  },
} satisfies ExportedHandler<Env>
