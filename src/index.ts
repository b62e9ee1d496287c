/**
 * The Worker's entry. A request the isolate has already answered is served
 * from the prepared representation before any routing; everything else goes
 * to the app. Only GET and HEAD are served (OPTIONS answers with Allow).
 */
import { app } from './app'
import { answerFromCache } from './http/serve'
import { problem, problemResponse } from './http/problem'

const ALLOW = 'GET, HEAD, OPTIONS'

export default {
  fetch(request, env, ctx) {
    const { method } = request
    if (method === 'GET' || method === 'HEAD') return answerFromCache(request) ?? app.fetch(request, env, ctx)
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { allow: ALLOW } })
    const path = new URL(request.url).pathname
    return problemResponse(problem(405, `${method} is not allowed here; this service only reads.`, path), { allow: ALLOW })
  },
} satisfies ExportedHandler<Env>
