/**
 * Search through the Worker's real entry, over an index the seed wrote into the
 * real local KV (issue 13): folding, non-Latin scripts, every word must match or
 * the best partial matches say so, phrases, the last word as a prefix, sort by
 * date, scheduled articles found by nobody, deletes and edits at once, snippets
 * marked (more in search-snippets.test.ts), each result's byline (issue 24), the form, OpenSearch,
 * and hostile queries never a 5xx.
 */
import { env, SELF } from 'cloudflare:test'
import fc from 'fast-check'
import { hc } from 'hono/client'
import { beforeAll, describe, expect, it } from 'vitest'
import { type SearchResults, SearchResultsSchema } from '../src/api-schema'
import type { AppType } from '../src/app'
import { isolateCache } from '../src/http/serve'
import type { Document } from '../src/shared/records'
import { datedDocument } from './support/documents'
import { callWorker } from './support/entry'
import { attribute, elementsNamed, parseHtml, textOf } from './support/html'
import { expectProblem, fetchPath, ORIGIN } from './support/http'
import { seedWithSearch } from './support/seed-search'

const doc = (n: number, title: string, body: string, changes: Partial<Document> = {}) =>
  datedDocument(n, { title, paragraphs: [body, 'Reported by our own correspondent.'], ...changes })

const FUTURE = '2999-01-01T00:00:00Z'
const docs: Document[] = [
  doc(1, 'Montréal opens a new metro line', 'The line links the east of the island to downtown.'),
  doc(2, 'Bank of England holds rates', 'The central bank kept its rate unchanged at the meeting.'),
  doc(3, 'England bank holiday traffic', 'Roads were busy as the holiday began across England.'),
  doc(4, '서울에서 새 박물관이 문을 열었다', '박물관은 오늘 문을 열었다.'),
  doc(5, '東京都で新しい美術館が開館した', '美術館は多くの人でにぎわった。'),
  doc(6, '北京的新博物馆今天开放', '博物馆吸引了很多游客。'),
  doc(7, 'พิพิธภัณฑ์ใหม่เปิดที่กรุงเทพ', 'ผู้คนมากมายมาเยี่ยมชม'),
  doc(8, 'Tom & Jerry <b>markup</b> in a title', 'A body with <script>alert(1)</script> & more metro news.'),
  doc(9, 'Secret embargoed metro report', 'Nobody may find this before its time.', { published_at: FUTURE }),
  doc(10, 'Metropolitan council budget', 'The metropolitan council voted on the budget.'),
  doc(11, 'Harbour ferry strike ends', 'The ferry crews returned to work.', { authors: ['Jane Doe', 'Kim Min-jun'] }),
]

async function find(query: string): Promise<SearchResults> {
  const response = await fetchPath(`/api/search?${query}`)
  expect(response.status).toBe(200)
  return SearchResultsSchema.parse(await response.json())
}
const titles = (results: SearchResults) => results.items.map((item) => item.title)

beforeAll(async () => {
  await seedWithSearch(docs)
})

describe('search through the Worker', () => {
  it('folds case and accents', async () => {
    expect(titles(await find('q=montreal'))).toEqual(['Montréal opens a new metro line'])
    expect(titles(await find('q=MONTRÉAL'))).toEqual(['Montréal opens a new metro line'])
  })

  it.each([
    ['Korean', '박물관', docs[3].title],
    ['Japanese', '美術館', docs[4].title],
    ['Japanese, part of a word', '東京', docs[4].title],
    ['Chinese', '博物馆', docs[5].title],
    ['Thai', 'กรุงเทพ', docs[6].title],
  ])('finds a %s title', async (_, q, title) => {
    expect(titles(await find(`q=${encodeURIComponent(q)}`))).toContain(title)
  })

  it('needs every word, and says when it shows partial matches instead', async () => {
    const both = await find('q=bank+england')
    expect(titles(both).sort()).toEqual([docs[1].title, docs[2].title].sort())
    expect(both.partial).toBe(false)
    const partial = await find('q=bank+zanzibar')
    expect(partial.partial).toBe(true)
    expect(titles(partial)).toContain(docs[1].title)
  })

  it('matches quoted words as a phrase, stop words kept in their places', async () => {
    expect(titles(await find(`q=${encodeURIComponent('"bank of england"')}`))).toEqual([docs[1].title])
    expect(titles(await find(`q=${encodeURIComponent('"england bank"')}`))).toEqual([docs[2].title])
  })

  it('matches a phrase whose word also ends the query, as a prefix', async () => {
    expect(titles(await find(`q=${encodeURIComponent('"england bank" bank')}`))).toEqual([docs[2].title])
  })

  it('matches the last word as a prefix, below the word itself', async () => {
    const results = titles(await find('q=metro'))
    expect(results).toContain('Metropolitan council budget')
    expect(results.indexOf('Montréal opens a new metro line')).toBeLessThan(results.indexOf('Metropolitan council budget'))
    expect(titles(await find('q=metro+'))).not.toContain('Metropolitan council budget')
  })

  it('sorts by date on request, newest first', async () => {
    const results = await find('q=metro&sort=date')
    expect(results.items.map((item) => item.published_at)).toEqual(
      results.items
        .map((item) => item.published_at)
        .sort()
        .reverse(),
    )
  })

  it('never shows a scheduled article', async () => {
    expect(await find('q=embargoed')).toMatchObject({ items: [], total: 0 })
    expect(titles(await find('q=metro'))).not.toContain(docs[8].title)
  })

  it('marks matches in an escaped snippet, and pages with limit and cursor', async () => {
    const [item] = (await find('q=downtown')).items
    expect(item.snippet.text).toBe('The line links the east of the island to downtown. Reported by our own correspondent.')
    const at = item.snippet.text.indexOf('downtown')
    expect(item.snippet.marks).toEqual([[at, at + 'downtown'.length]])
    expect(item.url).toMatch(/\/articles\/montreal-opens-a-new-metro-line$/)
    const first = await find('q=metro&limit=1')
    expect(first.items).toHaveLength(1)
    expect(first.total).toBeGreaterThan(1)
    const second = await find(`q=metro&limit=1&cursor=${first.next_cursor}`)
    expect(second.items[0].slug).not.toBe(first.items[0].slug)
  })

  it('serves a results page with escaped text, marks and the form', async () => {
    const response = await fetchPath('/search?q=markup+news')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('Tom &amp; Jerry &lt;b&gt;markup&lt;/b&gt; in a title')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more metro <mark>news</mark>.')
    expect(html).not.toContain('<script>alert')
    expect(html).toMatch(/<form class="search" action="[^"]*\/search" method="get">/)
    expect(html).toContain('value="markup news"')
    expect((await fetchPath('/search')).status).toBe(200)
  })

  it("shows each result's byline, each name linked to its page, in the API and on the results page", async () => {
    const byline = [
      { name: 'Jane Doe', slug: 'jane-doe', url: `${ORIGIN}/authors/jane-doe` },
      { name: 'Kim Min-jun', slug: 'kim-min-jun', url: `${ORIGIN}/authors/kim-min-jun` },
    ]
    expect((await find('q=ferry')).items.map((item) => item.authors)).toEqual([byline])
    // No By: line and no AUTHOR_NAME: no one.
    expect((await find('q=montreal')).items.map((item) => item.authors)).toEqual([[]])

    const html = parseHtml(await (await fetchPath('/search?q=ferry')).text())
    const shown = elementsNamed(html, 'p').filter((p) => attribute(p, 'class') === 'byline')
    expect(shown.map(textOf)).toEqual(['By Jane Doe and Kim Min-jun'])
    expect(elementsNamed(shown[0], 'a').map((a) => attribute(a, 'href'))).toEqual(byline.map((author) => author.url))
  })

  it("names AUTHOR_NAME on a result without a By: line when the site sets it, as the article's JSON does", async () => {
    isolateCache.clear()
    const named = { ...env, AUTHOR_NAME: 'Élise Writer' }
    const response = await callWorker(new Request(`${ORIGIN}/api/search?q=montreal`), named)
    const results = SearchResultsSchema.parse(await response.json())
    expect(results.items.map((item) => item.authors)).toEqual([
      [{ name: 'Élise Writer', slug: 'elise-writer', url: `${ORIGIN}/authors/elise-writer` }],
    ])
    isolateCache.clear()
  })

  it('links every page to the OpenSearch description, which names both searches', async () => {
    const home = await (await fetchPath('/')).text()
    expect(home).toMatch(/<link rel="search" type="application\/opensearchdescription\+xml"[^>]*href="[^"]*\/opensearch\.xml"/)
    expect(home).toContain('name="q"')
    const response = await fetchPath('/opensearch.xml')
    expect(response.headers.get('content-type')).toMatch(/^application\/opensearchdescription\+xml/)
    const xml = await response.text()
    expect(xml).toContain('xmlns="http://a9.com/-/spec/opensearch/1.1/"')
    expect(xml).toMatch(/template="[^"]*\/search\?q=\{searchTerms\}"/)
  })

  it('is typed in the typed client', async () => {
    const client = hc<AppType>('https://news.example', { fetch: (input: RequestInfo | URL, init?: RequestInit) => SELF.fetch(input, init) })
    const response = await client.api.search.$get({ query: { q: 'montreal', limit: '5', sort: 'date' } })
    if (!response.ok) throw new Error(`status ${response.status}`)
    const body = await response.json()
    expect(body.items.map((item) => item.snippet)).toHaveLength(body.total)
    expect(body.items[0].title).toBe('Montréal opens a new metro line')
  })

  it('answers a repeated query from the isolate cache, with a strong ETag and a 304 on revalidation', async () => {
    const first = await fetchPath('/api/search?q=metro')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"/)
    expect(first.headers.get('access-control-allow-origin')).toBe('*')
    const again = await fetchPath('/api/search?q=metro&utm_source=x')
    expect(again.headers.get('etag')).toBe(etag)
    expect((await fetchPath('/api/search?q=metro', { headers: { 'if-none-match': etag! } })).status).toBe(304)
  })

  it('shows a delete and an edit at once', async () => {
    await seedWithSearch([...docs.filter((d) => d !== docs[0] && d !== docs[1]), { ...docs[1], title: 'Bank of Scotland holds rates' }])
    isolateCache.clear()
    expect((await find('q=montreal')).total).toBe(0)
    expect(titles(await find('q=scotland'))).toEqual(['Bank of Scotland holds rates'])
    const phrase = await find(`q=${encodeURIComponent('"bank of england"')}`)
    expect(phrase.partial).toBe(true)
    expect(titles(phrase)).not.toContain(docs[1].title)
    await seedWithSearch(docs)
    isolateCache.clear()
  })
})

describe('hostile queries', () => {
  it.each([
    ['an empty q', 'q='],
    ['no q', ''],
    ['2,000 characters', `q=${'a'.repeat(2000)}`],
    ['200 words', `q=${Array.from({ length: 200 }, (_, i) => `w${i}`).join('+')}`],
    ['a NUL', 'q=bank%00'],
    ['a lone surrogate', `q=${encodeURIComponent('bank')}%ED%A0%80`],
    ['only punctuation', 'q=%2A%2B%3F'],
    ['only stop words', 'q=the+of'],
    ['a limit of 0', 'q=bank&limit=0'],
    ['a limit of 51', 'q=bank&limit=51'],
    ['a bad cursor', 'q=bank&cursor=abc'],
    ['a bad sort', 'q=bank&sort=random'],
  ])('answers %s with a 400 problem', async (_, query) => {
    await expectProblem(await fetchPath(`/api/search?${query}`), 400)
  })

  it.each([
    ['regex and query-syntax characters', 'bank.* (england) [a-z]+ OR -x ~2 ^3'],
    ['an unpaired quote', '"bank england'],
    ['emoji', 'bank 📰👩‍👩‍👧'],
    ['right-to-left text', 'bank متحف جديد'],
  ])('answers %s with a 200', async (_, q) => {
    const response = await fetchPath(`/api/search?q=${encodeURIComponent(q)}`)
    expect(response.status).toBe(200)
  })

  it('says when a query of more than ten words was cut', async () => {
    const q = 'bank england rates holds central kept unchanged meeting line links east island'
    expect((await find(`q=${encodeURIComponent(q)}`)).cut).toBe(true)
  })

  it('never answers a 5xx, whatever the query (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 80 }), fc.constantFrom('/api/search', '/search'), async (q, path) => {
        const response = await fetchPath(`${path}?q=${encodeURIComponent(q).replace(/%EF%BF%BD/g, '%ED%A0%80')}`)
        expect(response.status).toBeLessThan(500)
        await response.arrayBuffer()
      }),
      { numRuns: 150 },
    )
  }, 60_000)
})
