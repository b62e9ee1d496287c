/**
 * The Worker's entry. A request the isolate has already answered is served
 * from the prepared representation before any routing; everything else goes
 * to the app. Only GET, HEAD and OPTIONS are served; request bodies are never read.
 */
import { ALLOW, app } from './app'
import { cacheKey } from './http/cache-key'
import { problem, problemResponse } from './http/problem'
import { answerFromCache } from './http/serve'
import { queryAt } from './routes/table'

export default {
  fetch(request, env, ctx) {
    const { method } = request
    if (method === 'GET' || method === 'HEAD') {
      const key = cacheKey(request, queryAt)
      // The app gets the request as the key names it, so what it renders is what the key stands for.
      return answerFromCache(request, key) ?? app.fetch(key === request.url ? request : new Request(key, request), env, ctx)
    }
    if (method === 'OPTIONS') return app.fetch(request, env, ctx)
    const path = new URL(request.url).pathname
    return problemResponse(problem(405, `${method} is not allowed here; this service only reads.`, path), { allow: ALLOW })
  },
} satisfies ExportedHandler<Env>
