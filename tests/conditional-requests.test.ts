/**
 * HTTP caching, RFC 9110 sections 8.8 and 13: strong ETags over the exact
 * bytes, Last-Modified, If-None-Match before If-Modified-Since, 304s that
 * carry the 200's validators, and HEAD. Each rule is checked on a cold isolate
 * (rendered from KV) and a warm one (answered from the prepared representation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isolateCache } from '../src/http/serve'
import { type Route, ROUTES as TABLE_ROUTES, TABLE } from '../src/routes/table'
import { HEAD_SEAL_AT } from '../src/shared/keys'
import type { Document } from '../src/shared/records'
import { datedDocuments, filedAsExample } from './support/documents'
import { callWorker } from './support/entry'
import { ORIGIN } from './support/http'
import { examplePath, walkAt } from './support/routes'
import { seedDocuments } from './support/seed'

// A sealed page, the site's and each topic's and author's, so the archive pages are among the routes.
const docs = datedDocuments(HEAD_SEAL_AT + 3).map(filedAsExample)
// Among the newest: on the home page, in the list and in the feeds.
const article = docs[docs.length - 2]
// On the oldest sealed page, /archive/1.
const archived = docs[1]
const walk = walkAt(article)

/**
 * Every page, API and feed route of the table that serves dated stored content: openapi.json is made
 * from code, and a search's answer is a ranking with no date of its own, validated by its ETag alone
 * (RFC 9110 section 8.8.3; tests/search.test.ts revalidates it), whose first results need not move
 * when an article changes.
 */
const UNDATED = new Set<Route>([TABLE_ROUTES.openapi, TABLE_ROUTES.search, TABLE_ROUTES.searchPage])
const ROUTES = TABLE.filter((route) => ['page', 'api', 'feed'].includes(route.kind) && !UNDATED.has(route)).map(
  (route) => [route.path, examplePath(route, walk)] as const,
)

// RFC 9110 section 8.8.3: entity-tag = [ weak ] opaque-tag; a strong one has no W/.
const STRONG_ETAG = /^"[\x21\x23-\x7e\x80-\xff]*"$/
const SECOND_MS = 1000
const shifted = (httpDate: string, ms: number) => new Date(Date.parse(httpDate) + ms).toUTCString()

beforeAll(async () => {
  await seedDocuments(docs)
})
afterAll(() => isolateCache.clear())

/**
 * Straight into the Worker's entry (support/entry.ts): the walk sends a few thousand requests, and each
 * SELF.fetch in a file is slower than the one before.
 */
const fetchPath = (path: string, init?: RequestInit) => callWorker(new Request(`${ORIGIN}${path}`, init))

/** A request to a cold isolate (nothing prepared) or a warm one (the representation is cached). */
async function send(temperature: 'cold' | 'warm', path: string, init?: RequestInit): Promise<Response> {
  if (temperature === 'cold') isolateCache.clear()
  else await (await fetchPath(path)).arrayBuffer()
  return fetchPath(path, init)
}

const conditional = (headers: Record<string, string>) => ({ headers })

describe.each(['cold', 'warm'] as const)('on a %s isolate', (temperature) => {
  describe.each(ROUTES)('%s', (_, path) => {
    let ok: Response

    beforeAll(async () => {
      ok = await send(temperature, path)
      await ok.arrayBuffer()
    })

    it('answers 200 with a strong ETag, Cache-Control and a Last-Modified date', () => {
      expect(ok.status).toBe(200)
      expect(ok.headers.get('etag')).toMatch(STRONG_ETAG)
      expect(ok.headers.get('cache-control')).toMatch(/\bmax-age=\d+/)
      const lastModified = ok.headers.get('last-modified')!
      // An IMF-fixdate (RFC 9110 section 5.6.7), which toUTCString writes.
      expect(new Date(lastModified).toUTCString()).toBe(lastModified)
    })

    it.each([
      ['the exact tag', (etag: string) => etag],
      ['the tag weakened with W/ (weak comparison, section 13.1.2)', (etag: string) => `W/${etag}`],
      ['a list that holds the tag', (etag: string) => `"something-else", ${etag}, W/"another"`],
      ['*', () => '*'],
    ])('If-None-Match with %s answers 304 with no body and the same validators', async (_, ifNoneMatch) => {
      const response = await send(temperature, path, conditional({ 'if-none-match': ifNoneMatch(ok.headers.get('etag')!) }))
      expect(response.status).toBe(304)
      expect(await response.text()).toBe('')
      for (const name of ['etag', 'cache-control', 'last-modified']) expect(response.headers.get(name)).toBe(ok.headers.get(name))
    })

    it('If-None-Match with another tag answers 200 with the body', async () => {
      const response = await send(temperature, path, conditional({ 'if-none-match': '"not-this-one", W/"nor-this"' }))
      expect(response.status).toBe(200)
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0)
    })

    it.each([
      ['the same date', 0, 304],
      ['a later date', SECOND_MS * 60 * 60 * 24, 304],
      ['an earlier date', -SECOND_MS, 200],
    ])('If-Modified-Since with %s answers %i', async (_, offset, status) => {
      const since = shifted(ok.headers.get('last-modified')!, offset)
      const response = await send(temperature, path, conditional({ 'if-modified-since': since }))
      expect(response.status).toBe(status)
      if (status === 304) expect(response.headers.get('etag')).toBe(ok.headers.get('etag'))
      await response.arrayBuffer()
    })

    it('If-Modified-Since is ignored when If-None-Match is present (section 13.1.3)', async () => {
      const response = await send(
        temperature,
        path,
        conditional({
          'if-none-match': '"not-this-one"',
          'if-modified-since': shifted(ok.headers.get('last-modified')!, SECOND_MS * 60 * 60 * 24),
        }),
      )
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    })

    it.each(['yesterday', '2099-01-01', ''])('If-Modified-Since %j, not an HTTP-date, is ignored', async (since) => {
      const response = await send(temperature, path, conditional({ 'if-modified-since': since }))
      expect(response.status).toBe(200)
      await response.arrayBuffer()
    })

    it('HEAD answers the GET headers and no body', async () => {
      const response = await send(temperature, path, { method: 'HEAD' })
      expect(response.status).toBe(200)
      expect(Object.fromEntries(response.headers)).toEqual(Object.fromEntries(ok.headers))
      expect(await response.text()).toBe('')
    })
  })
})

describe('ETags follow the bytes', () => {
  async function etagAndBody(path: string) {
    const response = await fetchPath(path)
    return { etag: response.headers.get('etag'), body: await response.text() }
  }

  it.each(ROUTES)('%s keeps its ETag across isolate cache clears while the bytes are the same', async (_, path) => {
    isolateCache.clear()
    const first = await etagAndBody(path)
    isolateCache.clear()
    const second = await etagAndBody(path)
    expect(second.body).toBe(first.body)
    expect(second.etag).toBe(first.etag)
  })

  it('every route changes its ETag when a re-seed changes its bytes', async () => {
    const before = new Map(await Promise.all(ROUTES.map(async ([, path]) => [path, await etagAndBody(path)] as const)))

    // One article in the head and one in a sealed page, so every list route shows a change; each filed
    // under one more topic and author too, since the directories show names and counts, not titles.
    const corrected = (doc: Document): Document => ({
      ...doc,
      title: `${doc.title}, corrected`,
      topics: [...(doc.topics ?? []), 'Corrections'],
      authors: [...(doc.authors ?? []), 'Copy Desk'],
    })
    await seedDocuments(docs.map((doc) => (doc === article || doc === archived ? corrected(doc) : doc)))

    for (const [, path] of ROUTES) {
      const after = await etagAndBody(path)
      expect({ path, changed: after.body !== before.get(path)!.body }).toEqual({ path, changed: true })
      expect({ path, etag: after.etag }).not.toEqual({ path, etag: before.get(path)!.etag })
    }
  })
})
