/**
 * Content codings the Worker negotiates itself (RFC 9110 section 12.5.3): every
 * representation in identity and in each coding the runtime makes (gzip in
 * workerd today; brotli joins the list where CompressionStream has it), each
 * made the first time a client asks for it and kept, under its own strong ETag,
 * with `Vary: Accept-Encoding`. Bodies are read as they leave the Worker
 * (`encodeResponseBody: 'manual'`: workerd's fetch would otherwise decode
 * them), decoded here, and compared with the identity bytes.
 */
import { SELF } from 'cloudflare:test'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { contentCodings } from '../src/http/content-coding'
import { isolateCache } from '../src/http/serve'
import { FEEDS, mediaType, ROUTES, TABLE } from '../src/routes/table'
import { sameBytes } from './support/byte-equality'
import { datedDocuments, filedAsExample } from './support/documents'
import { callWorker } from './support/entry'
import { ORIGIN } from './support/http'
import { examplePath, walkAt } from './support/routes'
import { seedDocuments } from './support/seed'

// Enough for a sealed archive page besides the newest, the site's and each topic's and author's.
const DOCUMENTS = datedDocuments(130).map((doc) => filedAsExample({ ...doc, paragraphs: [...doc.paragraphs, 'More words. '.repeat(100)] }))
const walk = walkAt(DOCUMENTS[20])

/**
 * Every route that answers in text from a prepared representation: all but /healthz, the images
 * (sent as they are, below), and the numbered sitemap files, which exist only past 50,000 articles.
 */
const PATHS = TABLE.filter(
  (route) => route.kind !== 'health' && route !== ROUTES.sitemapFile && !mediaType(route).startsWith('image/'),
).map((route) => examplePath(route, walk))
const ARTICLE = examplePath(ROUTES.article, walk)
const ARTICLE_JSON = examplePath(ROUTES.articleJson, walk)
// Made from settings alone: well under the size worth compressing.
const SMALL = examplePath(ROUTES.robots, walk)

// RFC 9110 section 8.8.3: a strong entity-tag has no W/.
const STRONG_ETAG = /^"[\x21\x23-\x7e\x80-\xff]*"$/
const CODINGS = contentCodings()
/** Text from this size on always compresses: a check that the coding is really made. */
const KILOBYTE = 1024

const withBytes = async (response: Response) => ({
  status: response.status,
  headers: response.headers,
  body: new Uint8Array(await response.arrayBuffer()),
})

/** The response as the Worker sent it, its body's bytes undecoded. */
const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  withBytes(await SELF.fetch(new URL(path, ORIGIN), { method, headers, encodeResponseBody: 'manual' }))

/**
 * The same from the Worker's entry, without the loopback hop (support/entry.ts), for the walk over
 * every route: it sends about a thousand requests, and each SELF.fetch in a file is slower than the
 * one before. The bytes are those sent: the Worker makes its codings itself and has the runtime send
 * them as they are (encodeBody 'manual'), which the requests over SELF below hold it to.
 */
const call = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  withBytes(await callWorker(new Request(new URL(path, ORIGIN), { method, headers })))

/** The bytes a client reads: decoded by the runtime's own decoder. */
async function decode(body: Uint8Array, coding: string): Promise<Uint8Array> {
  const format = (coding === 'br' ? 'brotli' : coding) as 'gzip'
  const stream = new Response(body).body!.pipeThrough(new DecompressionStream(format))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

expect.addEqualityTesters([sameBytes])

const codingOf = (response: { headers: Headers }) => response.headers.get('content-encoding') ?? 'identity'

beforeAll(() => seedDocuments(DOCUMENTS))
afterAll(() => isolateCache.clear())

it('offers gzip, and brotli only where CompressionStream makes it (workerd does not, today)', () => {
  let makesBrotli = true
  try {
    new CompressionStream('brotli' as 'gzip')
  } catch {
    makesBrotli = false
  }
  expect(CODINGS).toEqual(makesBrotli ? ['br', 'gzip'] : ['gzip'])
})

describe.each(['cold', 'warm'] as const)('on a %s isolate', (temperature) => {
  /** The isolate as the test needs it: holding nothing, or the path's answer and its gzip already made. */
  const ready = async (path: string) => {
    isolateCache.clear()
    if (temperature === 'warm') await call(path, { 'accept-encoding': 'gzip' })
  }

  describe.each(CODINGS)('%s', (coding) => {
    it.each(PATHS)('%s: sent in the coding, decoding to the identity bytes, under its own strong ETag, with Vary', async (path) => {
      await ready(path)
      const identity = await call(path)
      // identity refused, so small answers come in the coding too.
      const encoded = await call(path, { 'accept-encoding': `${coding}, identity;q=0` })
      expect([identity.status, encoded.status]).toEqual([200, 200])
      expect(codingOf(identity)).toBe('identity')
      expect(codingOf(encoded)).toBe(coding)
      expect(await decode(encoded.body, coding)).toEqual(identity.body)
      expect(encoded.headers.get('content-length')).toBe(String(encoded.body.byteLength))
      for (const response of [identity, encoded]) {
        expect(response.headers.get('vary')).toBe('Accept-Encoding')
        expect(response.headers.get('etag')).toMatch(STRONG_ETAG)
      }
      expect(encoded.headers.get('etag')).not.toBe(identity.headers.get('etag'))
      // Everything else the same: type, caching, CORS, CSP.
      const rest = (h: Headers) => [...h].filter(([name]) => !['etag', 'content-length', 'content-encoding'].includes(name))
      expect(rest(encoded.headers)).toEqual(rest(identity.headers))
    })

    it.each(PATHS)(`%s: asked for ${coding} alone, sent in it whatever its size, smaller from a kilobyte`, async (path) => {
      await ready(path)
      const identity = await call(path)
      const encoded = await call(path, { 'accept-encoding': coding })
      expect(codingOf(encoded)).toBe(coding)
      if (identity.body.byteLength >= KILOBYTE) expect(encoded.body.byteLength).toBeLessThan(identity.body.byteLength)
    })
  })

  it.each(PATHS)('%s: HEAD in gzip has the GET headers and no body', async (path) => {
    await ready(path)
    const getResponse = await call(path, { 'accept-encoding': 'gzip' })
    const head = await call(path, { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.byteLength).toBe(0)
    expect([...head.headers]).toEqual([...getResponse.headers])
  })
})

describe('Accept-Encoding, weighed as RFC 9110 section 12.5.3 says', () => {
  beforeAll(() => isolateCache.clear())

  it.each([
    ['none at all', undefined, 'identity'],
    ['empty: no coding wanted', '', 'identity'],
    ['gzip', 'gzip', 'gzip'],
    ['a browser', 'gzip, deflate, br, zstd', 'gzip'],
    ['in capitals', 'GZIP', 'gzip'],
    ['x-gzip, the same coding (section 8.4.1.3)', 'x-gzip', 'gzip'],
    ['*', '*', 'gzip'],
    ['gzip refused', 'gzip;q=0', 'identity'],
    ['gzip refused among others', 'deflate, gzip;q=0, br;q=0', 'identity'],
    ['identity weighed above gzip', 'gzip;q=0.5, identity;q=0.8', 'identity'],
    ['gzip weighed above identity', 'identity;q=0.3, gzip;q=0.9', 'gzip'],
    ['gzip at a low weight, identity not named: never preferred over what was asked for', 'gzip;q=0.1', 'gzip'],
    ['only codings we do not make', 'compress, zstd', 'identity'],
    ['*;q=0 with identity allowed by name', '*;q=0, identity', 'identity'],
    ['a q that is not a qvalue drops its element', 'gzip;q=2', 'identity'],
    ['spaces around the weight', 'gzip ; q=0.7 , identity ; q=0.2', 'gzip'],
    ['gzip wanted and identity refused', 'gzip, identity;q=0', 'gzip'],
  ] as const)('%s (%j): %s', async (_, header, expected) => {
    const response = await get(ARTICLE, header === undefined ? {} : { 'accept-encoding': header })
    expect(response.status).toBe(200)
    expect(codingOf(response)).toBe(expected)
  })

  // A layer in front (Cloudflare's edge, wrangler dev) compresses small identity answers for such a client,
  // which would put gzip bytes under the identity's strong ETag: the Worker sends the coding itself.
  it('a small answer goes in gzip to a client that accepts gzip, under the gzip ETag, and as it is to one that prefers identity', async () => {
    const identity = await get(SMALL)
    expect(identity.body.byteLength).toBeLessThan(KILOBYTE)
    for (const header of ['gzip, deflate, br', 'gzip, identity;q=0.5', 'gzip, identity;q=0']) {
      const response = await get(SMALL, { 'accept-encoding': header })
      expect(codingOf(response)).toBe('gzip')
      expect(response.headers.get('etag')).toBe(`${identity.headers.get('etag')!.slice(0, -1)}-gzip"`)
      expect(response.headers.get('vary')).toBe('Accept-Encoding')
      expect(await decode(response.body, 'gzip')).toEqual(identity.body)
    }
    expect(codingOf(await get(SMALL, { 'accept-encoding': 'gzip;q=0.5, identity' }))).toBe('identity')
  })

  // Section 12.5.3 asks for identity "unless the identity coding is indicated as unacceptable"; when it is, and
  // nothing we make is acceptable either, no representation would be: 406 (section 15.5.7), not bytes the client refused.
  describe.each([['identity;q=0'], ['*;q=0'], ['compress, identity;q=0'], ['gzip;q=0, identity;q=0']])(
    '%j accepts nothing we send',
    (header) => {
      it('on a page: 406, an HTML error page, never stored, with Vary', async () => {
        const response = await get(ARTICLE, { 'accept-encoding': header })
        expect(response.status).toBe(406)
        expect(response.headers.get('content-type')).toMatch(/^text\/html/)
        expect(response.headers.get('cache-control')).toBe('no-store')
        expect(response.headers.get('vary')).toBe('Accept-Encoding')
        expect(codingOf(response)).toBe('identity')
      })

      it('on the API: 406 as problem+json, whether or not the isolate holds the answer', async () => {
        for (const temperature of ['cold', 'warm']) {
          if (temperature === 'cold') isolateCache.clear()
          const response = await get(ARTICLE_JSON, { 'accept-encoding': header })
          expect(response.status).toBe(406)
          expect(response.headers.get('content-type')).toBe('application/problem+json')
          expect(JSON.parse(new TextDecoder().decode(response.body))).toMatchObject({ status: 406, title: 'Not Acceptable' })
        }
      })
    },
  )
})

describe('If-None-Match across codings', () => {
  let tags: Record<'identity' | 'gzip', string>

  beforeAll(async () => {
    isolateCache.clear()
    tags = {
      identity: (await get(ARTICLE)).headers.get('etag')!,
      gzip: (await get(ARTICLE, { 'accept-encoding': 'gzip' })).headers.get('etag')!,
    }
  })

  it.each([
    ['the gzip tag, asking for gzip', 'gzip', (t: typeof tags) => t.gzip],
    ['the gzip tag a CDN weakened, asking for gzip', 'gzip', (t: typeof tags) => `W/${t.gzip}`],
    ['the gzip tag weakened by a CDN that decoded it, asking for identity', 'identity', (t: typeof tags) => `W/${t.gzip}`],
    ['the identity tag, asking for gzip', 'gzip', (t: typeof tags) => t.identity],
    ['a list holding the gzip tag', 'identity', (t: typeof tags) => `"other", ${t.gzip}`],
  ] as const)('%s: 304 with the ETag and Content-Encoding a 200 to this request would carry', async (_, wants, tag) => {
    for (const temperature of ['cold', 'warm']) {
      if (temperature === 'cold') isolateCache.clear()
      const response = await get(ARTICLE, { 'if-none-match': tag(tags), ...(wants === 'gzip' ? { 'accept-encoding': 'gzip' } : {}) })
      expect(response.status).toBe(304)
      expect(response.body.byteLength).toBe(0)
      expect(response.headers.get('etag')).toBe(tags[wants])
      // RFC 9110 section 15.4.5: metadata that guides a cache's update; it names the coding the ETag validates.
      expect(response.headers.get('content-encoding')).toBe(wants === 'gzip' ? 'gzip' : null)
      expect(response.headers.get('vary')).toBe('Accept-Encoding')
    }
  })

  it('a tag of other content is not a match: 200', async () => {
    const response = await get(ARTICLE, { 'if-none-match': '"not-ours-gzip", W/"not-ours"', 'accept-encoding': 'gzip' })
    expect(response.status).toBe(200)
  })
})

describe("behind Cloudflare's edge or wrangler dev, which rewrite Accept-Encoding to br, gzip", () => {
  // They keep the client's own header in cf.clientAcceptEncoding: "" when it sent none.
  const behindProxy = async (client: string) => {
    const request = new Request(new URL(ARTICLE, ORIGIN), {
      headers: { 'accept-encoding': 'br, gzip' },
      cf: { clientAcceptEncoding: client },
    })
    const response = await SELF.fetch(request, { encodeResponseBody: 'manual' })
    await response.arrayBuffer()
    return response.headers.get('content-encoding')
  }

  it("answers the client's own Accept-Encoding, not the proxy's", async () => {
    expect(await behindProxy('')).toBeNull()
    expect(await behindProxy('identity')).toBeNull()
    expect(await behindProxy('gzip, deflate')).toBe('gzip')
  })
})

describe('made once, only when asked for', () => {
  const key = new URL(ARTICLE, ORIGIN).href
  beforeEach(() => isolateCache.clear())

  it('an identity answer makes no coding; the first gzip request makes it, and later ones reuse it', async () => {
    await get(ARTICLE)
    const rep = isolateCache.stale(key)!
    expect(rep.encodings).toEqual({})
    await get(ARTICLE, { 'accept-encoding': 'gzip' })
    const made = rep.encodings.gzip
    expect(made).toBeDefined()
    expect(made).not.toBeInstanceOf(Promise)
    await get(ARTICLE, { 'accept-encoding': 'gzip' })
    expect(rep.encodings.gzip).toBe(made)
  })

  it('a 304 to a gzip client makes no coding: its ETag is known without compressing', async () => {
    const etag = (await get(ARTICLE)).headers.get('etag')!
    expect((await get(ARTICLE, { 'if-none-match': etag, 'accept-encoding': 'gzip' })).status).toBe(304)
    expect(isolateCache.stale(key)!.encodings).toEqual({})
  })

  it('requests that arrive together while it is being made each get the same bytes, and one coding is kept', async () => {
    await get(ARTICLE)
    const rep = isolateCache.stale(key)!
    const bodies = await Promise.all([1, 2, 3].map(() => get(ARTICLE, { 'accept-encoding': 'gzip' })))
    for (const { body } of bodies) expect(body).toEqual(bodies[0].body)
    expect(rep.encodings.gzip).toMatchObject({ body: bodies[0].body })
  })

  it("the isolate cache counts the coding's bytes in its budget", async () => {
    await get(ARTICLE)
    const before = isolateCache.bytes
    const { body } = await get(ARTICLE, { 'accept-encoding': 'gzip' })
    expect(isolateCache.bytes).toBeGreaterThan(before + body.byteLength)
    expect(isolateCache.bytes).toBe(isolateCache.stale(key)!.size + key.length)
  })
})

it('an image goes as it is, whatever is asked, with no Vary: it is compressed already', async () => {
  const identity = await get('/logo.png')
  for (const header of ['gzip', 'gzip, identity;q=0', '*']) {
    const response = await get('/logo.png', { 'accept-encoding': header })
    expect(response.status).toBe(200)
    expect(codingOf(response)).toBe('identity')
    expect(response.body).toEqual(identity.body)
    expect(response.headers.get('vary')).toBeNull()
  }
})

describe('the feeds', () => {
  it.each(FEEDS.map((feed) => feed.path))('%s is compressed like the rest', async (path) => {
    const response = await get(path, { 'accept-encoding': 'gzip' })
    expect(codingOf(response)).toBe('gzip')
  })

  it('JSON Feed carries each body once, as content_html: no content_text', async () => {
    const feed = JSON.parse(new TextDecoder().decode((await get(examplePath(ROUTES.jsonFeed, walk))).body)) as {
      items: Array<Record<string, unknown>>
    }
    expect(feed.items.length).toBeGreaterThan(0)
    for (const item of feed.items) {
      expect(item.content_html).toEqual(expect.any(String))
      expect(item).not.toHaveProperty('content_text')
    }
  })
})
