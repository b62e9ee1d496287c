/**
 * GET /feed.xml through the Worker's real entry: it serves exactly what
 * `renderRss` makes of the stored feed source (tests/rss-parsing.node.test.ts
 * reads that output with a feed parser), with the headers readers poll by.
 */
import { env, reset } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { siteFor } from '../src/env'
import { FEED_CACHE } from '../src/http/cache-control'
import { isolateCache } from '../src/http/serve'
import { renderRss } from '../src/render/rss'
import { FEED_SIZE } from '../src/shared/keys'
import { readFeedSource } from '../src/store/read'
import { datedDocuments } from './support/documents'
import { fetchPath, ORIGIN } from './support/http'
import { kv, seedDocuments } from './support/seed'

const RSS_TYPE = 'application/rss+xml; charset=utf-8'

async function storedFeed() {
  const feed = await readFeedSource(kv())
  if (!feed) throw new Error('the seed wrote no feed')
  return feed
}

describe('GET /feed.xml', () => {
  beforeAll(async () => {
    await seedDocuments(datedDocuments(FEED_SIZE + 5))
  })

  it.each([ORIGIN, 'http://127.0.0.1:8787'])('serves renderRss of the stored feed, with links to the request origin %s', async (origin) => {
    const response = await fetchPath('/feed.xml', undefined, origin)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(RSS_TYPE)
    const body = await response.text()
    expect(body).toBe(await renderRss(await storedFeed(), siteFor(env, `${origin}/feed.xml`)))
    expect(body).toContain(`<atom:link href="${origin}/feed.xml" rel="self"`)
  })

  it(`holds the ${FEED_SIZE} newest articles`, async () => {
    const body = await (await fetchPath('/feed.xml')).text()
    expect(body.match(/<item>/g)).toHaveLength(FEED_SIZE)
  })

  it('is cacheable: a strong ETag, the feed Cache-Control, and Last-Modified from the stored feed', async () => {
    const response = await fetchPath('/feed.xml')
    expect(response.headers.get('etag')).toMatch(/^"[^"]+"$/)
    expect(response.headers.get('cache-control')).toBe(FEED_CACHE)
    expect(response.headers.get('last-modified')).toBe(new Date((await storedFeed()).modified_at).toUTCString())
  })
})

describe('GET /feed.xml before any seed', () => {
  beforeAll(async () => {
    await reset()
    isolateCache.clear()
  })

  it('is an empty feed, not an error', async () => {
    const response = await fetchPath('/feed.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(RSS_TYPE)
    const body = await response.text()
    expect(body).toContain('<channel>')
    expect(body).not.toContain('<item>')
  })
})
