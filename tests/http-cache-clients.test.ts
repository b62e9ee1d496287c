/**
 * What an HTTP cache makes of our answers, asked of http-cache-semantics (the
 * RFC 9111 logic many caches and fetch libraries use) with the real request
 * and response headers the Worker exchanges: a gzip answer it stored, small or large, is never
 * handed to a client that did not ask for gzip, and the validators it keeps
 * get a 304 when it revalidates, in whatever coding it stored.
 */
import { SELF } from 'cloudflare:test'
import CachePolicy from 'http-cache-semantics'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import { isolateCache } from '../src/http/serve'
import { ROUTES } from '../src/routes/table'
import { datedDocuments } from './support/documents'
import { ORIGIN } from './support/http'
import { everySlug, examplePath } from './support/routes'
import { seedDocuments } from './support/seed'

const DOCUMENTS = datedDocuments(3)
const slug = slugify(DOCUMENTS[1].title)
/** Large answers, and small ones (oEmbed, the sitemap), which are compressed for a client that asks all the same. */
const PATHS = [ROUTES.article, ROUTES.rss, ROUTES.home, ROUTES.oembed, ROUTES.sitemap].map((route) => examplePath(route, everySlug(slug)))

type Exchange = { request: CachePolicy.Request; response: CachePolicy.Response }

/** A request as the library reads it. */
const asked = (path: string, headers: Record<string, string> = {}): CachePolicy.Request => ({
  url: path,
  method: 'GET',
  headers: { host: new URL(ORIGIN).host, ...headers },
})

/** Sends the request to the Worker; the exchange as the library reads it. */
async function exchange(request: CachePolicy.Request): Promise<Exchange> {
  const response = await SELF.fetch(new URL(request.url!, ORIGIN), {
    headers: request.headers as Record<string, string>,
    encodeResponseBody: 'manual',
  })
  await response.arrayBuffer()
  return { request, response: { status: response.status, headers: Object.fromEntries(response.headers) } }
}

const GZIP = { 'accept-encoding': 'gzip' }
/** A shared cache, as a CDN is. */
const stored = ({ request, response }: Exchange) => new CachePolicy(request, response, { shared: true })

beforeAll(() => seedDocuments(DOCUMENTS))
afterAll(() => isolateCache.clear())

describe.each(PATHS)('%s', (path) => {
  it('a stored gzip answer is served to gzip clients only, never to one that did not ask for gzip', async () => {
    const first = await exchange(asked(path, GZIP))
    expect(first.response.headers['content-encoding']).toBe('gzip')
    const policy = stored(first)
    expect(policy.storable()).toBe(true)
    expect(policy.satisfiesWithoutRevalidation(asked(path, GZIP))).toBe(true)
    const others: Array<Record<string, string>> = [
      {},
      { 'accept-encoding': 'identity' },
      { 'accept-encoding': 'br' },
      { 'accept-encoding': 'gzip;q=0' },
    ]
    for (const other of others) expect(policy.satisfiesWithoutRevalidation(asked(path, other)), JSON.stringify(other)).toBe(false)
  })

  it('a stored identity answer is not served to a gzip client either', async () => {
    const policy = stored(await exchange(asked(path)))
    expect(policy.satisfiesWithoutRevalidation(asked(path))).toBe(true)
    expect(policy.satisfiesWithoutRevalidation(asked(path, GZIP))).toBe(false)
  })

  it.each([
    ['gzip', GZIP],
    ['identity', {}],
  ])('revalidating a stored %s answer with its validators gets a 304 that keeps it, naming the same coding', async (_, headers) => {
    const first = await exchange(asked(path, headers))
    const policy = stored(first)
    const again = asked(path, headers)
    const revalidation = policy.revalidationHeaders(again)
    expect(revalidation['if-none-match']).toBe(first.response.headers.etag)
    const answer = await exchange({ ...again, headers: revalidation })
    expect(answer.response.status).toBe(304)
    expect(answer.response.headers['content-encoding']).toBe(first.response.headers['content-encoding'])
    const { policy: updated, modified } = policy.revalidatedPolicy(again, answer.response)
    expect(modified).toBe(false)
    expect(updated.satisfiesWithoutRevalidation(again)).toBe(true)
    // The stored body keeps its own coding: the 304 changes nothing the cache would decode it by.
    expect(updated.responseHeaders()['content-encoding']).toBe(first.response.headers['content-encoding'])
  })

  it('revalidating with the tag a CDN weakened when it compressed also gets the 304', async () => {
    const first = await exchange(asked(path, GZIP))
    const weakened = {
      ...first,
      response: { ...first.response, headers: { ...first.response.headers, etag: `W/${first.response.headers.etag}` } },
    }
    const again = asked(path, GZIP)
    const revalidation = stored(weakened).revalidationHeaders(again)
    expect(revalidation['if-none-match']).toMatch(/^W\//)
    const answer = await exchange({ ...again, headers: revalidation })
    expect(answer.response.status).toBe(304)
    expect(stored(weakened).revalidatedPolicy(again, answer.response).modified).toBe(false)
  })
})
