/**
 * Search snippets through the Worker's real entry, over an index the seed wrote
 * into the real local KV (issue 23): the window is around the best match, not
 * the summary, even when the word is only in the third paragraph; folded and CJK
 * matches are marked; markup in the text is text, in the JSON and on the page.
 * An index stored before documents carried their text is rebuilt by the next seed.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { type SearchResult, type SearchResults, SearchResultsSchema } from '../src/api-schema'
import { isolateCache } from '../src/http/serve'
import { SNIPPET_LENGTH } from '../src/search/snippet'
import { SEARCH_DIR_KEY } from '../src/shared/search-index'
import { datedDocument } from './support/documents'
import { fetchPath } from './support/http'
import { seedWithSearch } from './support/seed-search'

const FILLER =
  'The council met on Tuesday evening to hear residents speak about the state of the roads, the timetable of the buses and the cost of the new library, ' +
  'and the meeting ran late into the night as one speaker after another rose to ask what the town would do next about each of them.'

const docs = [
  datedDocument(1, {
    title: 'Council hears residents',
    paragraphs: [
      FILLER,
      `A second paragraph: ${FILLER}`,
      'In the third paragraph at last, an airship was seen over the harbour, and nobody could say who had sent it.',
    ],
  }),
  datedDocument(2, {
    title: 'A festival of lights',
    paragraphs: [FILLER, 'Visitors came from Montréal and from Québec to see the lanterns along the river.'],
  }),
  datedDocument(3, {
    title: 'Museum news',
    paragraphs: [FILLER, '東京都で新しい美術館が開館した。多くの人でにぎわった。'],
  }),
  datedDocument(4, {
    title: 'Markup in the text',
    paragraphs: [FILLER, 'The page said <script>alert(1)</script> & <b>bold</b> beside the word lighthouse, and nothing else.'],
  }),
  datedDocument(5, {
    title: 'Harbour report',
    paragraphs: [
      'A hangar stood empty by the water.',
      FILLER,
      'Later the hangar crew guided a zeppelin down, the zeppelin hangar open at last.',
    ],
  }),
  datedDocument(6, { title: 'Only the title says aardvark', paragraphs: [FILLER] }),
]

async function first(q: string): Promise<SearchResult> {
  const response = await fetchPath(`/api/search?q=${encodeURIComponent(q)}`)
  expect(response.status).toBe(200)
  const results: SearchResults = SearchResultsSchema.parse(await response.json())
  expect(results.items.length).toBeGreaterThan(0)
  return results.items[0]
}

const marked = ({ snippet }: SearchResult) => snippet.marks.map(([start, end]) => snippet.text.slice(start, end))

beforeAll(async () => {
  await seedWithSearch(docs)
})

describe('search snippets', () => {
  it('shows the window around a match in the third paragraph, not the summary', async () => {
    const item = await first('airship')
    expect(item.summary).not.toContain('airship')
    expect(marked(item)).toEqual(['airship'])
    expect(item.snippet.text).toMatch(/^…/)
    expect(item.snippet.text).toContain('an airship was seen over the harbour')
    // About SNIPPET_LENGTH characters, cut at spaces, with an ellipsis at a cut.
    expect(item.snippet.text.length).toBeGreaterThan(SNIPPET_LENGTH - 40)
    expect(item.snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2)
    expect(item.snippet.text).toMatch(/^… ?\S+ /)
  })

  it('marks every matched word, around the closest cluster of distinct words, the last word as a prefix', async () => {
    const item = await first('hangar zeppel')
    expect(item.title).toBe('Harbour report')
    expect(marked(item)).toEqual(['hangar', 'zeppelin', 'zeppelin', 'hangar'])
    expect(item.snippet.text).not.toContain('stood empty')
  })

  it('marks a folded match as it is written', async () => {
    expect(marked(await first('montreal quebec'))).toEqual(['Montréal', 'Québec'])
    expect(marked(await first('MONTRÉAL'))).toEqual(['Montréal'])
  })

  it('marks a CJK match, its bigrams joined', async () => {
    const item = await first('美術館')
    expect(marked(item)).toEqual(['美術館'])
    expect(item.snippet.text).toContain('東京都で新しい美術館が開館した。')
  })

  it('gives markup in the text as text in the JSON, and escaped around <mark> on the page', async () => {
    const item = await first('lighthouse')
    expect(item.snippet.text).toContain('<script>alert(1)</script> & <b>bold</b>')
    expect(marked(item)).toEqual(['lighthouse'])
    const page = await (await fetchPath('/search?q=lighthouse')).text()
    expect(page).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; beside the word <mark>lighthouse</mark>, and',
    )
    expect(page).not.toContain('<script>alert')
    expect(page).not.toContain('<b>bold')
  })

  it('shows the opening of the body, unmarked, for a match in the title alone', async () => {
    const item = await first('aardvark')
    expect(item.snippet.marks).toEqual([])
    expect(item.snippet.text.startsWith(FILLER.slice(0, 100))).toBe(true)
    expect(item.snippet.text).toMatch(/…$/)
  })
})

describe('an index of the format before snippets', () => {
  it('finds nothing rather than failing, and the next seed builds it anew', async () => {
    const stored = (await env.ARTICLES.get(SEARCH_DIR_KEY, 'json')) as Record<string, unknown>
    const { format: _, ...older } = stored
    await env.ARTICLES.put(SEARCH_DIR_KEY, JSON.stringify(older))
    isolateCache.clear()
    const before = await fetchPath('/api/search?q=airship')
    expect(before.status).toBe(200)
    expect(SearchResultsSchema.parse(await before.json()).total).toBe(0)
    await seedWithSearch(docs)
    isolateCache.clear()
    expect(marked(await first('airship'))).toEqual(['airship'])
  })
})
