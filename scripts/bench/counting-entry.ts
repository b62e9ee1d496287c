/**
 * The benchmark's counting build: the real Worker with its KV binding wrapped
 * to count operations, plus two control paths. Bundled only by the benchmark,
 * never deployed; throughput is measured on the unwrapped build.
 *
 *   GET /__bench/kv-operations   {"operations": n} since the last reset
 *   GET /__bench/reset           zero the count and empty the isolate cache, so the next request is cold
 */
import worker from '../../src/index'
import { isolateCache } from '../../src/http/serve'
import { KV_OPERATIONS_PATH, RESET_PATH } from './control-paths'
import { countingKv } from './counting-kv'

let operations = 0
const count = () => {
  operations++
}

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url)
    if (pathname === KV_OPERATIONS_PATH) return Response.json({ operations })
    if (pathname === RESET_PATH) {
      operations = 0
      isolateCache.clear()
      return new Response(null, { status: 204 })
    }
    return worker.fetch(request, { ...env, ARTICLES: countingKv(env.ARTICLES, count) }, ctx)
  },
} satisfies ExportedHandler<Env>
