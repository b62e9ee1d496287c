/**
 * The route table (src/routes/table.ts) against the Worker's real entry and
 * real local KV: each route answers at its path as its kind says, and reads
 * only the query parameters it declares, so one it does not declare (a
 * tracker, a cache buster) changes neither the answer nor the isolate cache.
 */
import { afterEach, afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { cacheKey } from '../src/http/cache-key'
import { isolateCache } from '../src/http/serve'
import {
  cacheControlOf,
  KINDS,
  mediaType,
  queryAt,
  readableAnywhere,
  ROUTES,
  routeAt,
  TABLE,
  type Kind,
  type Route,
} from '../src/routes/table'
import { HEAD_SEAL_AT } from '../src/shared/keys'
import { sameBytes } from './support/byte-equality'
import { datedDocuments, filedAsExample } from './support/documents'
import { attribute, elementsNamed, parseHtml } from './support/html'
import { fetchPath, ORIGIN } from './support/http'
import { measured, type Measured } from './support/measured'
import { examplePath, pathOf, pathWithQuery, walkAt } from './support/routes'
import { seedDocuments } from './support/seed'
import { standInImages } from './support/stand-in-images'

// A sealed page, the site's and each topic's and author's, so the archive pages have an answer and an old
// ?page=N address leads to the site's.
const documents = datedDocuments(HEAD_SEAL_AT + 5).map(filedAsExample)
const walk = walkAt(documents[documents.length - 1])
const { slug } = walk
const ELSEWHERE = 'https://elsewhere.example'

const named = (routes: readonly Route[]) => routes.map((route) => [route.path, route] as const)
/** Every route whose answers are prepared and kept: all but /healthz. */
const PREPARED = TABLE.filter((route) => route.kind !== 'health')
/** Every route that reads query parameters. */
const DECLARING = TABLE.filter((route) => route.query?.length)

const headerOf = (answer: Measured, name: string) => answer.headers.find(([header]) => header === name)?.[1]
const etagOf = (answer: Measured) => headerOf(answer, 'etag')
const themeOf = (card: Measured) => attribute(elementsNamed(parseHtml(new TextDecoder().decode(card.body)), 'html')[0], 'class')
const withParameter = (path: string, parameter: string) => `${path}${path.includes('?') ? '&' : '?'}${parameter}`

expect.addEqualityTesters([sameBytes])

// With preview images, so the image routes have one to serve.
beforeAll(() => seedDocuments(documents, { images: standInImages }))
afterAll(() => isolateCache.clear())

describe.each(named(TABLE))('%s', (_, route) => {
  it('is the route the table finds at its address', () => {
    expect(routeAt(new URL(examplePath(route, walk), ORIGIN).pathname)).toBe(route)
  })

  it("answers with its kind's media type, Cache-Control, CORS and framing", async () => {
    const response = await fetchPath(examplePath(route, walk), { headers: { origin: ELSEWHERE } })
    await response.arrayBuffer()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(mediaType(route))
    expect(response.headers.get('cache-control')).toBe(cacheControlOf(route))
    expect(response.headers.get('access-control-allow-origin')).toBe(readableAnywhere(route) ? '*' : null)
    const kind: Kind = KINDS[route.kind]
    expect(response.headers.get('content-security-policy')?.match(/frame-ancestors ([^;]+)/)?.[1]).toBe(kind.frameAncestors)
  })
})

describe('a query parameter no route declares', () => {
  it.each(named(DECLARING))('%s: anywhere in the query, it changes neither the bytes nor the ETag, rendered afresh', async (_, route) => {
    const path = pathWithQuery(route, walk)
    const [bare, query] = path.split('?')
    const answers: Measured[] = []
    for (const variant of [path, `${bare}?utm_source=newsletter&${query}`, withParameter(path, '_=1714000000')]) {
      isolateCache.clear()
      answers.push(await measured(variant))
    }
    // The home page reads `page` only to send an old offset address on to the archive page that holds its articles.
    const redirected = route === ROUTES.home
    for (const answer of answers) expect(answer.status).toBe(redirected ? 301 : 200)
    if (redirected) expect(headerOf(answers[0], 'location')).toBe(`${ORIGIN}/archive/1`)
    for (const answer of answers.slice(1)) {
      expect(headerOf(answer, 'location')).toBe(headerOf(answers[0], 'location'))
      expect(answer.body).toEqual(answers[0].body)
      expect(etagOf(answer)).toBe(etagOf(answers[0]))
    }
    // The declared ones do change it: the comparison above is not between answers that could not differ.
    isolateCache.clear()
    expect((await measured(examplePath(route, walk))).body).not.toEqual(answers[0].body)
  })

  it.each(named(PREPARED))(
    '%s, once served, answers ?anything=1 (and =2, and ?v=3) with no storage read and no new cache entry',
    async (_, route) => {
      const path = examplePath(route, walk)
      isolateCache.clear()
      const first = await measured(path)
      const entries = isolateCache.size
      for (const parameter of ['anything=1', 'anything=2', 'v=3']) {
        const again = await measured(withParameter(path, parameter))
        expect(again.operations).toEqual([])
        expect(isolateCache.size).toBe(entries)
        expect(again.body).toEqual(first.body)
        expect(etagOf(again)).toBe(etagOf(first))
      }
    },
  )

  it.each(named(PREPARED))('%s, first served with ?anything=1, answers its bare address from that entry', async (_, route) => {
    const path = examplePath(route, walk)
    isolateCache.clear()
    const first = await measured(withParameter(path, 'anything=1'))
    const bare = await measured(path)
    expect(bare.operations).toEqual([])
    expect(isolateCache.size).toBe(1)
    expect(bare.body).toEqual(first.body)
  })
})

describe('declared query parameters', () => {
  it('in another order share one cache entry', async () => {
    const url = `${ORIGIN}/articles/${slug}`
    isolateCache.clear()
    const first = await measured(`/oembed?${new URLSearchParams({ url, theme: 'dark', format: 'xml' })}`)
    const again = await measured(`/oembed?${new URLSearchParams({ format: 'xml', theme: 'dark', url })}`)
    expect(again.operations).toEqual([])
    expect(isolateCache.size).toBe(1)
    expect(again.body).toEqual(first.body)
  })

  it('are read as the app reads them: a percent-encoded name is that name, and its answer is not kept for the bare address', async () => {
    isolateCache.clear()
    expect(themeOf(await measured(`/embed/${slug}?%74heme=dark`))).toBe('dark')
    const bare = await measured(`/embed/${slug}`)
    expect(bare.operations).toHaveLength(1)
    expect(themeOf(bare)).toBe('auto')
    const spelled = await measured(`/embed/${slug}?theme=dark`)
    expect(spelled.operations).toEqual([])
    expect(themeOf(spelled)).toBe('dark')
  })

  it('keep every value when repeated, so a repeat is not mistaken for the single value', async () => {
    isolateCache.clear()
    expect((await measured('/api/articles?limit=3')).status).toBe(200)
    expect((await measured('/api/articles?limit=3&limit=4')).status).toBe(400)
  })
})

describe('the isolate cache key', () => {
  const keyOf = (path: string) => cacheKey(new Request(`${ORIGIN}${path}`), queryAt)

  it('is the URL itself when there is no query', () => {
    const request = new Request(`${ORIGIN}/articles/${slug}`)
    expect(cacheKey(request, queryAt)).toBe(request.url)
  })

  it.each([
    ['/feed.xml?v=1', '/feed.xml'],
    ['/feed.xml?', '/feed.xml'],
    ['/?utm_source=x&page=2', '/?page=2'],
    ['/oembed?theme=dark&x=1&url=u', '/oembed?url=u&theme=dark'],
    ['/api/articles?limit=3&limit=4', '/api/articles?limit=3&limit=4'],
    ['/embed/a?%74heme=dark', '/embed/a?theme=dark'],
    ['/embed/a?theme=a+b%26c', '/embed/a?theme=a%20b%26c'],
    ['/api/nothing-here?limit=3', '/api/nothing-here'],
    ['/no/such/page?page=2', '/no/such/page'],
  ])('of %s is that of %s', (path, canonical) => {
    expect(keyOf(path)).toBe(`${ORIGIN}${canonical}`)
  })

  it('is the same when remembered, and right for every URL after the memory starts afresh', () => {
    const urls = Array.from({ length: 600 }, (_, i) => [`/search?q=w${i}&utm_source=x`, `/search?q=w${i}`])
    for (let pass = 0; pass < 2; pass++) for (const [path, canonical] of urls) expect(keyOf(path)).toBe(`${ORIGIN}${canonical}`)
  })

  it('names every route with declared parameters by its path alone when they are absent', () => {
    for (const route of DECLARING) expect(keyOf(withParameter(pathOf(route, walk), 'utm_source=x'))).toBe(`${ORIGIN}${pathOf(route, walk)}`)
  })
})

describe('the hot path', () => {
  afterEach(() => vi.restoreAllMocks())

  it('logs nothing', async () => {
    const paths = PREPARED.map((route) => examplePath(route, walk))
    for (const path of paths) await measured(path)
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level))
    for (const path of paths) expect((await measured(path)).operations).toEqual([])
    for (const spy of spies) expect(spy).not.toHaveBeenCalled()
  })
})
