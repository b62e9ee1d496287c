/**
 * FRESHNESS_SECONDS, the Worker's setting for how long the isolate serves a
 * prepared answer before reading KV again: 30 in wrangler.toml, 0 under
 * `npm run dev` (so a re-seed shows on the next request), anything that is not
 * a whole number from 0 to 3600 taken as 30 and logged. On the real Worker and
 * real local KV, the clock moved instead of waited for, as in performance.test.ts.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { countingKv, type KvOperation } from '../scripts/bench/counting-kv'
import { slugify } from '../scripts/publish/document/slug'
import { seed } from '../scripts/publish/seed-run'
import { bindingTarget } from '../scripts/publish/target'
import { isolateCache } from '../src/http/serve'
import { datedDocument, datedDocuments } from './support/documents'
import { callWorker } from './support/entry'
import { ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'

const DOCUMENTS = datedDocuments(5)
const article = DOCUMENTS[3]
const PATHS = ['/', `/articles/${slugify(article.title)}`, `/api/articles/${slugify(article.title)}`]
const T0 = Date.parse('2026-05-01T12:00:00Z')

let retitles = 0
/** The seed command's planner and batching, straight into KV, the isolate cache left alone: the article gets a new title. */
async function retitle(): Promise<string> {
  const title = `A new title, number ${++retitles}`
  const changed = datedDocument(3, { title })
  await seed(
    DOCUMENTS.map((doc) => (doc.id === changed.id ? changed : doc)),
    bindingTarget(env.ARTICLES),
    { backoffMs: 1 },
  )
  return title
}

/**
 * The Worker with these vars, its KV operations counted. One bindings object per
 * call, kept across its requests: settings are settled once per bindings object.
 */
function workerWith(vars: Partial<Env>) {
  const operations: KvOperation[] = []
  const bindings = { ...env, ...vars, ARTICLES: countingKv(env.ARTICLES, (op) => operations.push(op)) }
  return async (path: string) => {
    operations.length = 0
    const response = await callWorker(new Request(new URL(path, ORIGIN)), bindings)
    return { status: response.status, text: await response.text(), reads: operations.length }
  }
}

/** Every path is answered from the isolate until `ttlSeconds` after T0, from KV again at `ttlSeconds`. */
async function expectTtl(vars: Partial<Env>, ttlSeconds: number) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
  const get = workerWith(vars)
  for (const path of PATHS) expect(await get(path)).toMatchObject({ status: 200, reads: 1 })

  vi.setSystemTime(T0 + ttlSeconds * 1000 - 1)
  for (const path of PATHS) expect((await get(path)).reads, path).toBe(0)
  vi.setSystemTime(T0 + ttlSeconds * 1000)
  for (const path of PATHS) expect((await get(path)).reads, path).toBe(1)
}

beforeAll(() => seedDocuments(DOCUMENTS))

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  isolateCache.clear()
})

describe('FRESHNESS_SECONDS', () => {
  it("is 30 in wrangler.toml's vars, and an answer is reused for exactly 30 s", async () => {
    expect(env.FRESHNESS_SECONDS).toBe('30')
    await expectTtl({}, 30)
  })

  it('at 0, no answer is reused: a re-seed shows on the very next request', async () => {
    const get = workerWith({ FRESHNESS_SECONDS: '0' })
    for (const path of PATHS) expect(await get(path)).toMatchObject({ status: 200, reads: 1 })
    for (const path of PATHS) expect((await get(path)).reads, path).toBe(1)

    const title = await retitle()
    for (const path of PATHS) {
      const { text, reads } = await get(path)
      expect(reads).toBe(1)
      expect(text).toContain(title)
    }
    // Still kept, for when storage fails (stale-if-error): only never fresh.
    for (const path of PATHS) expect(isolateCache.stale(new URL(path, ORIGIN).href)).toBeDefined()
  })

  it('at 30, a re-seed is hidden until the answer expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(T0)
    const get = workerWith({ FRESHNESS_SECONDS: '30' })
    const before = await get(PATHS[1])
    const title = await retitle()
    vi.setSystemTime(T0 + 29_999)
    expect(await get(PATHS[1])).toMatchObject({ text: before.text, reads: 0 })
    vi.setSystemTime(T0 + 30_000)
    expect((await get(PATHS[1])).text).toContain(title)
  })

  it.each([
    ['1', 1],
    ['3600', 3600],
    [' 90 ', 90],
  ] as const)('takes %j as %i s', async (value, seconds) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await expectTtl({ FRESHNESS_SECONDS: value }, seconds)
    expect(warn).not.toHaveBeenCalled()
  })

  it('takes an empty value as the default, 30 s, without a word', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await expectTtl({ FRESHNESS_SECONDS: '' }, 30)
    expect(warn).not.toHaveBeenCalled()
  })

  it.each(['3601', '-1', '1.5', '30s', '1e3', 'abc', '99999'])(
    'takes %j as 30 s, and says so once, as one JSON line in the log',
    async (value) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      await expectTtl({ FRESHNESS_SECONDS: value }, 30)
      expect(warn).toHaveBeenCalledOnce()
      const line = JSON.parse(String(warn.mock.calls[0][0])) as Record<string, string>
      expect(line).toMatchObject({ level: 'warn', event: 'setting' })
      expect(line.message).toContain(`FRESHNESS_SECONDS ${JSON.stringify(value)}`)
    },
  )
})
