/** The README's promise: Hono's `hc` with the app's exported type gives typed calls. */
import { SELF } from 'cloudflare:test'
import { hc } from 'hono/client'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppType } from '../src/app'
import { documentText, parsed, seedDocuments } from './support/seed'

describe('typed client', () => {
  beforeAll(async () => {
    await seedDocuments([
      await parsed('001_1111111111111111.txt', documentText('First story', ['One.'], '2026-01-01')),
      await parsed('002_2222222222222222.txt', documentText('Second story', ['Two.'], '2026-02-01')),
    ])
  })

  const client = hc<AppType>('https://news.example', { fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init) })

  it('lists and reads articles with typed bodies', async () => {
    const list = await client.api.articles.$get({ query: { limit: '1' } })
    if (!list.ok) throw new Error(`status ${list.status}`)
    const page = await list.json()
    expect(page.items.map((item) => item.title)).toEqual(['Second story'])
    expect(page.next_cursor).toEqual(expect.any(String))

    const second = await client.api.articles.$get({ query: { limit: '1', cursor: page.next_cursor! } })
    if (!second.ok) throw new Error(`status ${second.status}`)
    expect((await second.json()).items.map((item) => item.slug)).toEqual(['first-story'])

    const one = await client.api.articles[':slug'].$get({ param: { slug: 'first-story' } })
    if (!one.ok) throw new Error(`status ${one.status}`)
    expect((await one.json()).paragraphs).toEqual(['One.'])

    const missing = await client.api.articles[':slug'].$get({ param: { slug: 'no-such-story' } })
    expect(missing.status).toBe(404)
  })
})
