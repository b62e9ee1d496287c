/**
 * What a Response's headers cost in workerd: one request makes `n` Responses
 * with the headers of an article's JSON answer, given as a list of pairs, as
 * the `Headers` of its representation, or as that representation is made on a
 * miss (a route's template copied, its own headers set). Bundled only by
 * `scripts/bench-headers.ts`.
 */
import { representFor } from '../../src/routes/respond'
import { ROUTES } from '../../src/routes/table'

const WAYS = ['no headers', 'pairs', 'Headers', 'made as on a miss'] as const
export type Way = (typeof WAYS)[number]

const body = new TextEncoder().encode(JSON.stringify({ title: 'An article', paragraphs: ['x'.repeat(2000)] }))
const options = { lastModified: '2026-11-30T12:00:00Z', etag: '"bench-headers"' }

export default {
  async fetch(request) {
    const params = new URL(request.url).searchParams
    const way = params.get('way') as Way
    const n = Number(params.get('n'))
    if (!WAYS.includes(way) || !Number.isSafeInteger(n) || n < 1) return new Response('way and n, please', { status: 400 })
    const made = await representFor(ROUTES.articleJson, body, options)
    const pairs = [...made.identity.headers]
    let statuses = 0
    for (let i = 0; i < n; i++) {
      if (way === 'no headers') statuses += new Response(body).status
      else if (way === 'pairs') statuses += new Response(body, { headers: pairs }).status
      else if (way === 'Headers') statuses += new Response(body, { headers: made.identity.headers }).status
      else statuses += new Response(body, { headers: (await representFor(ROUTES.articleJson, body, options)).identity.headers }).status
    }
    return new Response(String(statuses))
  },
} satisfies ExportedHandler<Env>
