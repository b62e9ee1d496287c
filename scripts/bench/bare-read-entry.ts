/**
 * The long tail's floor: a Worker that only reads the KV key an article's
 * request reads and returns its bytes, with nothing validated, rendered,
 * hashed or kept. It answers the article paths our Worker answers
 * (`/articles/<slug>`, `/api/articles/<slug>`), so one request script loads
 * both. Bundled only by the benchmark; runs in the same workerd, on the same store.
 */
import { articleKey } from '../../src/shared/keys'
import { KV_CACHE_TTL } from '../../src/store/read'

export default {
  async fetch(request, env) {
    const slug = request.url.slice(request.url.lastIndexOf('/') + 1)
    // As a stream: the fewest copies between the store and the socket.
    const value = await env.ARTICLES.get(articleKey(slug), { type: 'stream', cacheTtl: KV_CACHE_TTL })
    return value ? new Response(value) : new Response('no such article', { status: 404 })
  },
} satisfies ExportedHandler<Env>
