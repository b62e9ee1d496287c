/**
 * Storage faults, with the real KV binding wrapped so its reads throw, never
 * answer, return stale data or return a corrupt value, and with corrupt bytes
 * written into the real store. The Worker answers from its last good copy when
 * it has one (stale-if-error), else 503 with Retry-After and a problem body (a
 * page on the site); it logs what failed, never caches an error, never serves
 * a corrupt value, and serves the article again as soon as storage recovers.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { titleOf } from '../src/http/problem'
import { DEFAULT_TTL_MS } from '../src/http/response-cache'
import { isolateCache } from '../src/http/serve'
import { errorsAsProblem, ROUTES as TABLE_ROUTES, TABLE, type Route } from '../src/routes/table'
import type { Document } from '../src/shared/records'
import { HEAD_SEAL_AT } from '../src/shared/keys'
import { ProblemSchema } from '../src/api-schema'
import { KV_READ_TIMEOUT_MS } from '../src/store/read'
import { countingKv } from '../scripts/bench/counting-kv'
import { datedDocuments, filedAsExample } from './support/documents'
import { callWorker } from './support/entry'
import { faultyKv, type Fault } from './support/faulty-kv'
import { elementsNamed, parseHtml, textOf } from './support/html'
import { ORIGIN } from './support/http'
import { restoreKv, snapshotKv } from './support/kv-snapshot'
import { examplePath, walkAt } from './support/routes'
import { kv, seedDocuments } from './support/seed'
import { standInImages } from './support/stand-in-images'
import { bodyProblems } from './support/well-formed'

// A sealed page, the site's and each topic's and author's, so the archive pages (the head and a page in
// one multi-key get) are among the routes.
const documents = datedDocuments(HEAD_SEAL_AT + 3).map(filedAsExample)
const walk = walkAt(documents[1])
const corrected = (doc: Document): Document => ({ ...doc, paragraphs: [...doc.paragraphs, 'Correction: the ferry left at noon.'] })

/** A route's address for the article, and whether the table says its errors are problem+json (else a page). */
const requestTo = (route: Route) => ({ route, path: examplePath(route, walk), problem: errorsAsProblem(route) })

/** What the table's routes make from code and settings alone, reading no storage; and /healthz, which is never prepared. */
const UNSTORED = new Set<Route>([
  TABLE_ROUTES.openapi,
  TABLE_ROUTES.embedScript,
  TABLE_ROUTES.robots,
  TABLE_ROUTES.indexNowKey,
  TABLE_ROUTES.opensearch,
  TABLE_ROUTES.favicon,
  TABLE_ROUTES.logo,
  TABLE_ROUTES.health,
])
/** Every route that reads the store and answers from a prepared representation. */
const ROUTES = TABLE.filter((route) => !UNSTORED.has(route)).map(requestTo)
const HEALTH = requestTo(TABLE_ROUTES.health)

const faulty = faultyKv(env.ARTICLES)
const send = (path: string, init?: RequestInit) => callWorker(new Request(`${ORIGIN}${path}`, init), { ...env, ARTICLES: faulty.kv })

/** A way storage fails, switched on and off, and what the log must then say. */
type Failure = { name: string; start(path: string): Promise<void>; stop(): Promise<void>; logged: RegExp }

const wrapperFault = (name: string, fault: Fault, logged: RegExp): Failure => ({
  name,
  logged,
  start: async () => faulty.set(fault),
  stop: async () => faulty.set(undefined),
})

let healthyStore: Map<string, string>
/** The keys each address asks for while storage is healthy. */
const keysRead = new Map<string, string[]>()
/** The keys unreadableStore has overwritten, to write back. */
let overwritten: string[] = []

/**
 * Bytes that are not JSON, as a torn write would leave them, under every key the route reads: a key it
 * never reads cannot change its answer, and writing each of the store's hundred-odd keys twice a test was
 * most of this file's time. A route that read some key only when another is broken would meet a good
 * value there and answer 200, not the 503 asked for.
 */
const unreadableStore: Failure = {
  name: 'the stored bytes are not JSON',
  // A multi-key get (an archive page, a sitemap file) is refused whole by KV itself, which says why.
  logged: /is not JSON|corresponds to a non-json value/,
  start: async (path) => {
    // Only those that hold a value: a sitemap file asks for every page it may list, sealed or not.
    overwritten = (keysRead.get(path) ?? []).filter((key) => healthyStore.has(key))
    await Promise.all(overwritten.map((key) => kv().put(key, '{"entries":[{"slug"')))
  },
  stop: async () => {
    await Promise.all(overwritten.map((key) => kv().put(key, healthyStore.get(key)!)))
    overwritten = []
  },
}

const FAILURES: Failure[] = [
  wrapperFault('reads throw', { kind: 'throws' }, /failed: KV GET failed/),
  wrapperFault('reads return values their schema refuses', { kind: 'corrupt' }, /does not match its schema/),
  unreadableStore,
]

/** What each route answers while storage is healthy. */
const healthy = new Map<string, { body: string; etag: string | null }>()
let errors: ReturnType<typeof vi.spyOn>

beforeAll(async () => {
  // With preview images, so the image routes read them from the store too.
  await seedDocuments(documents, { images: standInImages })
  healthyStore = await snapshotKv(kv())
  for (const { path } of [...ROUTES, HEALTH]) {
    const keys = new Set<string>()
    const counted = countingKv(faulty.kv, (operation) => {
      if (operation.method === 'get') for (const key of [operation.keys].flat()) keys.add(key)
    })
    const response = await callWorker(new Request(`${ORIGIN}${path}`), { ...env, ARTICLES: counted })
    expect(response.status, path).toBe(200)
    healthy.set(path, { body: await response.text(), etag: response.headers.get('etag') })
    keysRead.set(path, [...keys])
  }
})

beforeEach(() => {
  isolateCache.clear()
  faulty.set(undefined)
  errors = vi.spyOn(console, 'error').mockImplementation(() => {})
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

/** Lets every prepared representation in the isolate expire, as if its freshness lifetime had passed. */
function expireIsolateCache() {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() + DEFAULT_TTL_MS + 1)
}

/** The 503 the issue asks for: Retry-After, never stored, a well-formed problem or page, no validators. */
async function expectUnavailable(response: Response, problem: boolean) {
  expect(response.status).toBe(503)
  expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
  expect(response.headers.get('cache-control')).toBe('no-store')
  expect(response.headers.get('etag')).toBeNull()
  const body = new Uint8Array(await response.arrayBuffer())
  const contentType = response.headers.get('content-type')
  expect(bodyProblems(contentType, body)).toEqual([])
  const text = new TextDecoder().decode(body)
  if (problem) {
    expect(contentType).toBe('application/problem+json')
    expect(ProblemSchema.parse(JSON.parse(text))).toMatchObject({ status: 503, title: titleOf(503) })
  } else {
    expect(contentType).toMatch(/^text\/html/)
    expect(elementsNamed(parseHtml(text), 'h1').map(textOf)).toEqual([titleOf(503)])
  }
}

async function expectHealthy(path: string) {
  const response = await send(path)
  expect(response.status).toBe(200)
  expect(await response.text()).toBe(healthy.get(path)!.body)
}

describe.each(FAILURES)('when $name', (failure) => {
  afterEach(() => failure.stop())

  it.each([...ROUTES, HEALTH])(
    '$path with no copy in the isolate: 503, logged, nothing cached, then the article again',
    async ({ path, problem }) => {
      await failure.start(path)
      await expectUnavailable(await send(path), problem)
      expect(errors).toHaveBeenCalledWith(expect.stringMatching(failure.logged))
      expect(isolateCache.stale(`${ORIGIN}${path}`)).toBeUndefined()

      await failure.stop()
      await expectHealthy(path)
    },
  )

  it.each(ROUTES)('$path with an expired copy in the isolate: the copy, its validators and all', async ({ path }) => {
    await expectHealthy(path)
    expireIsolateCache()
    await failure.start(path)
    const readsBefore = faulty.reads

    const response = await send(path)

    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toBe(healthy.get(path)!.etag)
    expect(await response.text()).toBe(healthy.get(path)!.body)
    // The copy answered because storage failed, not because the cache skipped storage.
    expect(faulty.reads).toBeGreaterThan(readsBefore)
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(failure.logged))
  })
})

describe('when a read never answers', () => {
  const hang = wrapperFault('reads hang', { kind: 'hangs' }, new RegExp(`timed out after ${KV_READ_TIMEOUT_MS} ms`))
  const [article, api] = [requestTo(TABLE_ROUTES.article), requestTo(TABLE_ROUTES.articleJson)]

  it('gives up after the read timeout with a 503, then serves the article once reads answer again', async () => {
    await hang.start(api.path)
    await expectUnavailable(await send(api.path), api.problem)
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(hang.logged))
    await hang.stop()
    await expectHealthy(api.path)
  })

  it('gives up after the read timeout and answers from the expired copy', async () => {
    await expectHealthy(article.path)
    expireIsolateCache()
    await hang.start(article.path)
    const response = await send(article.path)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(healthy.get(article.path)!.body)
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(hang.logged))
    await hang.stop()
  })
})

describe('when a read returns stale data', () => {
  it('serves the older article whole, with its own validators, and the newer one once reads catch up', async () => {
    const path = requestTo(TABLE_ROUTES.articleJson).path
    const older = healthy.get(path)!
    const before = await snapshotKv(kv())
    await seedDocuments(documents.map((doc, i) => (i === 1 ? corrected(doc) : doc)))
    try {
      const newer = await send(path)
      const newerEtag = newer.headers.get('etag')
      expect(await newer.text()).not.toBe(older.body)

      isolateCache.clear()
      faulty.set({ kind: 'stale', values: before })
      // A client holding the newer ETag must not be told its copy is still current.
      const stale = await send(path, { headers: { 'if-none-match': newerEtag! } })
      expect(stale.status).toBe(200)
      expect(stale.headers.get('etag')).toBe(older.etag)
      expect(await stale.text()).toBe(older.body)

      faulty.set(undefined)
      expireIsolateCache()
      const caughtUp = await send(path)
      expect(caughtUp.headers.get('etag')).toBe(newerEtag)
    } finally {
      await restoreKv(kv(), before)
    }
  })
})

describe('the log', () => {
  it('says what failed in one JSON line: level, event, message and path', async () => {
    const { path } = requestTo(TABLE_ROUTES.articleJson)
    faulty.set({ kind: 'throws' })
    await (await send(path)).arrayBuffer()
    expect(errors).toHaveBeenCalledTimes(1)
    const [line] = errors.mock.calls[0] as [string]
    expect(line).not.toContain('\n')
    expect(JSON.parse(line)).toEqual({ level: 'error', event: 'storage', message: expect.stringMatching(/failed: KV GET failed/), path })
  })
})
