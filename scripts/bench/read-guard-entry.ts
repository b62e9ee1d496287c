/**
 * What a miss's read costs beyond KV's own work: each request reads one key
 * from the ARTICLES namespace as `/<way>/<slug>` says, cuts it at its header
 * line, and answers `ok` with no headers, so the ways differ only in how they read. `bare` is
 * the KV get alone; `guarded` wraps it in the Worker's read guard (the 2 s
 * timeout and its race, src/store/read.ts); `header` is the Worker's own
 * readArticleValue (the guard, then the header line checked against its
 * schema). Bundled only by `scripts/bench-read-guard.ts`.
 */
import { splitArticleValue } from '../../src/shared/article-value'
import { KV_CACHE_TTL, guarded, readArticleValue } from '../../src/store/read'

export const WAYS = ['bare', 'guarded', 'header'] as const
export type Way = (typeof WAYS)[number]

const read = (kv: KVNamespace, key: string) => kv.get(key, { type: 'arrayBuffer', cacheTtl: KV_CACHE_TTL })

export default {
  async fetch(request, env) {
    const [, way, slug] = new URL(request.url).pathname.split('/')
    const key = `article:${slug}`
    if (way === 'bare' || way === 'guarded') {
      const bytes = await (way === 'bare' ? read(env.ARTICLES, key) : guarded(key, () => read(env.ARTICLES, key)))
      if (!bytes) return new Response('no such key', { status: 404 })
      splitArticleValue(new Uint8Array(bytes))
      return new Response('ok')
    }
    if (way === 'header') {
      const article = await readArticleValue(env.ARTICLES, slug)
      return article ? new Response('ok') : new Response('no such key', { status: 404 })
    }
    return new Response('bare, guarded or header', { status: 400 })
  },
} satisfies ExportedHandler<Env>
