/**
 * The long tail's floor: a Worker that only reads the KV key an article's
 * request reads and returns the bytes the request asks for, with nothing
 * validated, rendered, hashed or kept. An article's value holds its record
 * and its prepared JSON and HTML answers (src/shared/article-value.ts), so the
 * floor too reads the whole value and sends the answer's slice of it, as ours
 * does on a miss. It answers the article paths our Worker answers
 * (`/articles/<slug>`, `/api/articles/<slug>`), so one request script loads
 * both. Bundled only by the benchmark; runs in the same workerd, on the same store.
 */
import { type ArticleHeader, splitArticleValue } from '../../src/shared/article-value'
import { articleKey } from '../../src/shared/keys'
import { KV_CACHE_TTL } from '../../src/store/read'

export default {
  async fetch(request, env) {
    const slug = request.url.slice(request.url.lastIndexOf('/') + 1)
    const value = await env.ARTICLES.get(articleKey(slug), { type: 'arrayBuffer', cacheTtl: KV_CACHE_TTL })
    if (!value) return new Response('no such article', { status: 404 })
    const { header, body } = splitArticleValue(new Uint8Array(value))
    const prepared = (header as ArticleHeader | null)?.prepared
    if (!prepared) return new Response('no prepared answer', { status: 500 })
    const [start, end] = request.url.includes('/api/') ? prepared.json : prepared.html
    return new Response(body.subarray(start, end))
  },
} satisfies ExportedHandler<Env>
