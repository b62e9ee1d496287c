/**
 * The benchmark's instrumented build: the real Worker with its KV binding
 * wrapped to count operations, plus control paths. Bundled only by the
 * benchmark, never deployed; throughput is measured on the unwrapped build.
 *
 *   GET /__bench/kv-operations   {"operations": n} since the last reset
 *   GET /__bench/reset           zero the count and empty the isolate cache, so the next request is cold
 *   GET /__bench/handler-loop    the hot handler alone, many times over (see handler-loop.ts)
 */
import worker from '../../src/index'
import { isolateCache } from '../../src/http/serve'
import { HANDLER_LOOP_PATH, KV_OPERATIONS_PATH, RESET_PATH } from './control-paths'
import { countingKv } from './counting-kv'
import { handlerLoop } from './handler-loop'

let operations = 0
const count = () => {
  operations++
}

export default {
  fetch(request, env, ctx) {
    const counted = { ...env, ARTICLES: countingKv(env.ARTICLES, count) }
    const { pathname } = new URL(request.url)
    if (pathname === KV_OPERATIONS_PATH) return Response.json({ operations })
    if (pathname === RESET_PATH) {
      operations = 0
      isolateCache.clear()
      return new Response(null, { status: 204 })
    }
    if (pathname === HANDLER_LOOP_PATH) return handlerLoop(worker, request, counted, ctx)
    return worker.fetch(request, counted, ctx)
  },
} satisfies ExportedHandler<Env>
