/**
 * Snippets as pure functions: what the publisher stores of a body for them (its
 * opening past the summary, within EXCERPT_BYTES, cut after a word), and the
 * window the Worker makes of it for a query: around the densest cluster of
 * distinct query words, every match marked, within the text, never in half a
 * character. The same through the Worker: tests/search-snippets.test.ts.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { summarize } from '../scripts/publish/document/derive'
import { clip, type IndexedDoc, searchDoc } from '../scripts/publish/search/segment'
import { parseQuery } from '../src/search/query'
import { makeSnippet, SNIPPET_LENGTH } from '../src/search/snippet'
import { EXCERPT_BYTES, opening } from '../src/shared/search-index'
import { terms } from '../src/shared/search-tokens'

const utf8 = (text: string) => new TextEncoder().encode(text).length

const WORDS = ['council', 'Montréal', 'harbour', 'zeppelin', '東京都', '美術館', 'naïve', '<b>', '&', '📰', 'the', 'budget', 'ｶﾞ']
const text = fc
  .array(fc.constantFrom(...WORDS, ' ', ' ', ', ', '. ', '\n'), { minLength: 1, maxLength: 400 })
  .map((parts) => parts.join(''))

describe('what a document stores for its snippets', () => {
  it('clips to a number of UTF-8 bytes after a word, with an ellipsis', () => {
    expect(clip('short enough', 100)).toBe('short enough')
    expect(clip('the council met about the budget', 20)).toBe('the council met…')
    expect(clip('東京都で新しい美術館', 12)).toBe('東京都で…')
    expect(clip('📰📰📰', 9)).toBe('📰📰…')
  })

  it('keeps the body’s opening, the summary’s words stored once (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const body = paragraphs.join('\n')
        const doc: IndexedDoc = {
          id: 'a',
          slug: 'a',
          title: 'A',
          summary: summarize(paragraphs[0]),
          published_at: '2026-01-01T00:00:00Z',
          body: () => body,
        }
        const stored = searchDoc(doc)
        const shown = opening(stored)
        expect(body.startsWith(shown.endsWith('…') && !body.startsWith(shown) ? shown.slice(0, -1) : shown)).toBe(true)
        expect(stored[4]).toBeGreaterThan(0)
        expect(utf8(stored[5])).toBeLessThanOrEqual(EXCERPT_BYTES + utf8('…'))
        if (utf8(body) <= utf8(doc.summary) + EXCERPT_BYTES - 3) expect(shown).toBe(body)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the whole opening of a body whose summary was written apart', () => {
    const doc: IndexedDoc = {
      id: 'a',
      slug: 'a',
      title: 'A',
      summary: 'Written apart.',
      published_at: '2026-01-01T00:00:00Z',
      body: () => 'The body.',
    }
    expect(searchDoc(doc).slice(4)).toEqual([0, 'The body.'])
    expect(opening(searchDoc(doc))).toBe('The body.')
  })
})

describe('the snippet of a text for a query', () => {
  const marked = (body: string, q: string) => {
    const { text, marks } = makeSnippet(body, parseQuery(q))
    return marks.map(([start, end]) => text.slice(start, end))
  }

  it('windows the densest cluster of distinct words, not the first match', () => {
    const filler = 'and then the meeting went on for a long while about other things entirely '.repeat(4)
    const body = `Budget first. ${filler}The harbour budget was cut. ${filler}`
    expect(marked(body, 'harbour budget')).toEqual(['harbour', 'budget'])
    expect(makeSnippet(body, parseQuery('harbour budget')).text).not.toContain('Budget first')
  })

  it('marks, joined, the bigrams of a CJK word and the words a prefix begins', () => {
    expect(marked('東京都で新しい美術館が開館した。', '美術館')).toEqual(['美術館'])
    expect(marked('東京都で新しい美術館が開館した。', '東京 京都')).toEqual(['東京都'])
    expect(marked('The zeppelins and a zeppelin.', 'zepp')).toEqual(['zeppelins', 'zeppelin'])
  })

  it('stays within its length, its marks in order, each the term of a query word (fast-check)', () => {
    fc.assert(
      fc.property(text, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), (body, words) => {
        const query = parseQuery(words.join(' '))
        fc.pre(query.terms.length > 0)
        const { text: shown, marks } = makeSnippet(body, query)
        // The window, the ellipses, and a character it would not split at either end.
        expect(shown.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 4)
        expect(shown).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/u)
        let previous = -1
        for (const [start, end] of marks) {
          expect(start).toBeGreaterThan(previous)
          expect(end).toBeGreaterThan(start)
          expect(end).toBeLessThanOrEqual(shown.length)
          previous = end
          const found = terms(shown.slice(start, end))
          expect(
            found.some((term) =>
              query.terms.some((q, i) => term === q || (query.prefix && i === query.terms.length - 1 && term.startsWith(q))),
            ),
          ).toBe(true)
        }
        if (query.terms.some((term) => terms(body).includes(term))) expect(marks.length).toBeGreaterThan(0)
      }),
      { numRuns: 300 },
    )
  })
})
