/**
 * respond(c, body, { freshUntil }): content that stops being true at a known
 * time (a list, when its next embargoed article is released). The isolate
 * keeps the answer until then at the latest, and Cache-Control never lets a
 * downstream cache keep it longer: max-age counts down to it on every answer,
 * hot ones included, and stale-while-revalidate closes by then too. In
 * workerd, through a handler that answers as the routes do, with the clock
 * moved instead of waited for.
 */
import { env } from 'cloudflare:test'
import { Hono } from 'hono'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppEnv } from '../src/env'
import { PAGE_CACHE } from '../src/http/cache-control'
import { answerFromCache, isolateCache } from '../src/http/serve'
import { respond } from '../src/routes/respond'
import { ROUTES } from '../src/routes/table'

const T0 = Date.parse('2026-05-01T12:00:00Z')
const FRESHNESS_MS = Number(env.FRESHNESS_SECONDS) * 1000
const BODY = '<!doctype html><title>A list</title>'

/** Answers as a page route does, fresh until `until` ms after T0 (none: no deadline). */
const app = new Hono<AppEnv>().get('/list', (c) => {
  c.set('route', ROUTES.home)
  const until = c.req.query('until')
  return respond(c, BODY, until === undefined ? {} : { freshUntil: T0 + Number(until) })
})

const urlFor = (until?: number) => `https://news.example/list${until === undefined ? '' : `?until=${until}`}`

/** A miss: rendered and kept in the isolate cache. */
const render = (until?: number) => app.fetch(new Request(urlFor(until)), env)

/** The hot path: the isolate's answer, if it still has a fresh one. */
const hot = async (until?: number, headers?: Record<string, string>) => {
  const url = urlFor(until)
  return answerFromCache(new Request(url, { headers }), url)
}

const at = (ms: number) => vi.setSystemTime(T0 + ms)

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  at(0)
})

afterEach(() => {
  vi.useRealTimers()
  isolateCache.clear()
})

describe('without freshUntil', () => {
  it("keeps the answer for the freshness setting and sends the kind's Cache-Control", async () => {
    expect((await render()).headers.get('cache-control')).toBe(PAGE_CACHE)
    at(FRESHNESS_MS - 1)
    expect((await hot())?.headers.get('cache-control')).toBe(PAGE_CACHE)
    at(FRESHNESS_MS)
    expect(await hot()).toBeUndefined()
  })
})

describe('with freshUntil', () => {
  it('10 s ahead: max-age=10, no stale-while-revalidate, stale-if-error kept', async () => {
    const response = await render(10_000)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=10, stale-if-error=86400')
  })

  it('10 s ahead: the isolate keeps it exactly until then, not for the freshness setting', async () => {
    await render(10_000)
    at(9_999)
    expect((await hot(10_000))?.status).toBe(200)
    at(10_000)
    expect(await hot(10_000)).toBeUndefined()
    // Still there for when storage fails (stale-if-error), only no longer fresh.
    expect(isolateCache.stale(urlFor(10_000))).toBeDefined()
  })

  it('counts max-age down on every hot answer, to 0 at the limit, never below', async () => {
    await render(10_000)
    at(4_000)
    expect((await hot(10_000))?.headers.get('cache-control')).toBe('public, max-age=6, stale-if-error=86400')
    at(9_001)
    expect((await hot(10_000))?.headers.get('cache-control')).toBe('public, max-age=0, stale-if-error=86400')
  })

  it('a 304 carries the same counted-down Cache-Control', async () => {
    const etag = (await render(10_000)).headers.get('etag')!
    at(7_500)
    const response = await hot(10_000, { 'if-none-match': etag })
    expect(response?.status).toBe(304)
    expect(response?.headers.get('cache-control')).toBe('public, max-age=2, stale-if-error=86400')
  })

  it('70 s ahead: max-age stays 60 and stale-while-revalidate shrinks to close at the deadline', async () => {
    const response = await render(70_000)
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=10, stale-if-error=86400')
  })

  it('beyond every bound: the Cache-Control and isolate lifetime are those without a deadline', async () => {
    expect((await render(3_600_000)).headers.get('cache-control')).toBe(PAGE_CACHE)
    at(FRESHNESS_MS - 1)
    expect((await hot(3_600_000))?.status).toBe(200)
    at(FRESHNESS_MS)
    expect(await hot(3_600_000)).toBeUndefined()
  })

  it('already past: max-age=0 (not negative), and the isolate never answers from it', async () => {
    const response = await render(-5_000)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, stale-if-error=86400')
    expect(await hot(-5_000)).toBeUndefined()
  })
})
