/**
 * Issue 12, item 4: one canonical host. With SITE_URL set, a request on any
 * other host or scheme is moved there (301, same path and query) before the
 * isolate cache or any renderer sees it, so canonical links, feed links and
 * feed ids never take the Host a client sent. With SITE_URL empty
 * (development) each request's origin is used, as tests/api.test.ts shows.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { isolateCache } from '../src/http/serve'
import { datedDocuments } from './support/documents'
import { callWorker } from './support/entry'
import { seedDocuments } from './support/seed'

const SITE = 'https://press.example'
const siteEnv: Env = { ...env, SITE_URL: `${SITE}/` }
const call = (url: string, init?: RequestInit, bindings = siteEnv) => callWorker(new Request(url, init), bindings)

const FEEDS = ['/feed.xml', '/atom.xml', '/feed.json']

beforeAll(async () => {
  await seedDocuments(datedDocuments(3))
})

// The isolate cache keys on the URL alone; other files run with SITE_URL empty.
afterEach(() => isolateCache.clear())

describe('with SITE_URL set', () => {
  it.each([
    ['localhost', 'http://localhost/feed.xml'],
    ['127.0.0.1 with a port', 'http://127.0.0.1:8787/api/articles?limit=3&cursor=x'],
    ['another host', 'https://attacker.example/articles/some-slug?utm_source=x#top'],
    ['its host over http', 'http://press.example/atom.xml'],
    ['its host on another port', 'https://press.example:8443/'],
    ['a host it is a prefix of', 'https://press.example.attacker.example/feed.json'],
    ['its host as user info', 'https://press.example@attacker.example/'],
  ])('moves a request on %s to the same path and query on SITE_URL, GET and HEAD', async (_, url) => {
    const { pathname, search } = new URL(url)
    for (const method of ['GET', 'HEAD']) {
      const response = await call(url, { method })
      expect(response.status, method).toBe(301)
      expect(response.headers.get('location'), method).toBe(`${SITE}${pathname}${search}`)
      expect(response.headers.get('cache-control'), method).toBe('public, max-age=3600')
      expect(response.headers.get('x-content-type-options'), method).toBe('nosniff')
      expect(await response.text(), method).toBe('')
    }
  })

  it('moves a request onto the path SITE_URL puts the site under', async () => {
    const response = await call('http://127.0.0.1:8787/api/articles?limit=3', {}, { ...env, SITE_URL: 'https://press.example/news/' })
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe('https://press.example/news/api/articles?limit=3')
  })

  it.each(['/', '/feed.xml', '/api/articles?limit=2', '/embed.js'])(
    'serves %s on its own host, however the host is cased',
    async (path) => {
      for (const origin of [SITE, 'https://PRESS.example']) {
        const response = await call(`${origin}${path}`)
        expect(response.status, origin).toBe(200)
        await response.arrayBuffer()
      }
    },
  )

  it('answers a CORS preflight on another host where it is: a preflight cannot follow a redirect', async () => {
    const response = await call('https://attacker.example/api/articles', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' },
    })
    expect(response.status).toBeLessThan(300)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('lets a cross-origin reader follow the redirect', async () => {
    const response = await call('https://attacker.example/api/articles', { headers: { origin: 'https://elsewhere.example' } })
    expect(response.status).toBe(301)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('still refuses other methods on any host', async () => {
    expect((await call('https://attacker.example/feed.xml', { method: 'POST' })).status).toBe(405)
  })

  it.each(FEEDS)("%s names every item by SITE_URL's host, whatever host was asked", async (path) => {
    const served = await call(`${SITE}${path}`)
    expect(served.status).toBe(200)
    const body = await served.text()
    const ids = body.match(/tag:[^<"]+/g) ?? []
    expect(ids).toHaveLength(3)
    for (const id of ids) expect(id).toMatch(/^tag:press\.example,2026:article:/)
    for (const host of ['http://localhost', 'https://127.0.0.1', 'https://attacker.example']) {
      isolateCache.clear()
      const moved = await call(`${host}${path}`)
      expect(moved.status, host).toBe(301)
      const followed = await call(moved.headers.get('location')!)
      expect(await followed.text(), host).toBe(body)
    }
  })
})

describe('with SITE_URL empty', () => {
  it('serves every host as asked, for development', async () => {
    expect(env.SITE_URL).toBe('')
    for (const origin of ['http://localhost:8787', 'http://127.0.0.1:8787']) {
      const response = await call(`${origin}/feed.json`, {}, env)
      expect(response.status, origin).toBe(200)
      expect(await response.text(), origin).toContain(`tag:${new URL(origin).hostname},2026:`)
    }
  })
})
