/**
 * The README's promise: Hono's `hc` with the app's exported type gives typed calls, the facets'
 * routes of issue 24 among them. On a site that sets AUTHOR_NAME, an article without a By: line is
 * filed under it: it is listed under that author's facet, and its byline's link resolves.
 */
import { env, SELF } from 'cloudflare:test'
import { hc } from 'hono/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppType } from '../src/app'
import { isolateCache } from '../src/http/serve'
import { callWorker } from './support/entry'
import { attribute, elementsNamed, parseHtml } from './support/html'
import { ORIGIN } from './support/http'
import { documentText, parsed, seedDocuments } from './support/seed'

const AUTHOR_NAME = 'Élise Writer'
/** The Worker of a site whose AUTHOR_NAME is set, reached as SELF is. */
const named = { ...env, AUTHOR_NAME }
const fetchNamed = (input: RequestInfo | URL, init?: RequestInit) => callWorker(new Request(input, init), named)

describe('typed client', () => {
  beforeAll(async () => {
    await seedDocuments(
      [
        await parsed('001_1111111111111111.txt', documentText('First story', ['One.'], '2026-01-01')),
        await parsed('002_2222222222222222.txt', documentText('Second story', ['Two.'], '2026-02-01')),
        await parsed('003_3333333333333333.txt', 'A filed story\nThree.\nBy: Jane Doe\nTopics: Politics\nPublished: 2025-12-01\n'),
      ],
      // As the seed command files articles for a site with AUTHOR_NAME set.
      { siteAuthor: AUTHOR_NAME },
    )
  })
  afterAll(() => isolateCache.clear())

  const client = hc<AppType>(ORIGIN, { fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init) })
  const namedClient = hc<AppType>(ORIGIN, { fetch: fetchNamed })

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

  it('lists topics and authors, and the articles filed under one, with typed bodies', async () => {
    const topics = await namedClient.api.topics.$get({ query: { limit: '10' } })
    if (!topics.ok) throw new Error(`status ${topics.status}`)
    expect((await topics.json()).items.map(({ slug, count }) => [slug, count])).toEqual([['politics', 1]])

    const authors = await namedClient.api.authors.$get({ query: {} })
    if (!authors.ok) throw new Error(`status ${authors.status}`)
    const listed = await authors.json()
    expect(listed.items.map(({ name, count }) => [name, count])).toEqual([
      [AUTHOR_NAME, 2],
      ['Jane Doe', 1],
    ])
    expect(listed.next_cursor).toBeNull()

    const filed = await namedClient.api.articles.$get({ query: { topic: 'politics' } })
    if (!filed.ok) throw new Error(`status ${filed.status}`)
    expect((await filed.json()).items.map((item) => item.title)).toEqual(['A filed story'])

    const unknown = await namedClient.api.articles.$get({ query: { author: 'nobody' } })
    expect(unknown.status).toBe(404)
  })

  it("files an article without a By: line under AUTHOR_NAME's facet, and its byline's link resolves", async () => {
    isolateCache.clear()
    const byAuthor = await namedClient.api.articles.$get({ query: { author: 'elise-writer' } })
    if (!byAuthor.ok) throw new Error(`status ${byAuthor.status}`)
    expect((await byAuthor.json()).items.map((item) => item.slug)).toEqual(['second-story', 'first-story'])

    const one = await namedClient.api.articles[':slug'].$get({ param: { slug: 'first-story' } })
    if (!one.ok) throw new Error(`status ${one.status}`)
    const [author] = (await one.json()).authors
    expect(author).toEqual({ name: AUTHOR_NAME, slug: 'elise-writer', url: `${ORIGIN}/authors/elise-writer` })

    // The article page's byline links the same page, which answers.
    const html = parseHtml(await (await fetchNamed(`${ORIGIN}/articles/first-story`)).text())
    const bylineLinks = elementsNamed(html, 'p')
      .filter((p) => attribute(p, 'class') === 'byline')
      .flatMap((p) => elementsNamed(p, 'a').map((a) => attribute(a, 'href')))
    expect(bylineLinks).toEqual([author.url])
    expect((await fetchNamed(author.url)).status).toBe(200)
  })
})
