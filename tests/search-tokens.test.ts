/**
 * The search tokenizer inside workerd, where the Worker cuts queries: Intl.Segmenter
 * exists there with ICU's word dictionaries, case and accents fold, and Korean,
 * Japanese, Chinese and Thai text is cut into terms a query of its words finds.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold, STOP_WORDS, terms, tokenize } from '../src/shared/search-tokens'

/** Whether every term of the query is among the text's, in order and adjacent (a phrase). */
function phraseIn(text: string, query: string): boolean {
  const haystack = terms(text)
  const needle = terms(query)
  return haystack.some((_, i) => needle.every((term, j) => haystack[i + j] === term))
}

describe('the search tokenizer in workerd', () => {
  it('has Intl.Segmenter with word granularity', () => {
    expect(typeof Intl.Segmenter).toBe('function')
    const words = [...new Intl.Segmenter('und', { granularity: 'word' }).segment('สวัสดีครับ')].filter((s) => s.isWordLike)
    expect(words.length).toBeGreaterThan(1)
  })

  it('folds case, accents and compatibility forms', () => {
    expect(terms('Montréal')).toEqual(terms('montreal'))
    expect(terms('ZÜRICH São Paulo Kraków')).toEqual(['zurich', 'sao', 'paulo', 'krakow'])
    expect(terms('ＡＢＣ ﬁle')).toEqual(['abc', 'file'])
    expect(fold('İstanbul')).toBe('istanbul')
  })

  it('keeps marks that are letters or voicing in their scripts', () => {
    expect(fold('が')).not.toBe(fold('か'))
    expect(fold('한국')).toBe('한국')
    expect(fold('हिन्दी')).toBe('हिन्दी')
  })

  it('skips punctuation, spaces, emoji and stop words, which keep their positions', () => {
    expect(tokenize('"Hello," she said — 📰 to the sea!')).toEqual([
      { term: 'hello', position: 0 },
      { term: 'she', position: 1 },
      { term: 'said', position: 2 },
      { term: 'sea', position: 5 },
    ])
  })

  it.each([
    ['Korean', '서울에서 새 박물관이 문을 열었다', '박물관'],
    ['Korean, a word with its particle', '서울에서 새 박물관이 문을 열었다', '서울'],
    ['Japanese', '東京都で新しい美術館が開館した', '美術館'],
    ['Japanese, part of a dictionary word', '東京都で新しい美術館が開館した', '東京'],
    ['Chinese', '北京的新博物馆今天开放', '博物馆'],
    ['Thai', 'พิพิธภัณฑ์ใหม่เปิดที่กรุงเทพ', 'กรุงเทพ'],
    ['Thai, a word inside', 'พิพิธภัณฑ์ใหม่เปิดที่กรุงเทพ', 'พิพิธภัณฑ์'],
    ['Arabic', 'افتتاح متحف جديد في القاهرة', 'متحف'],
  ])('finds a %s word in a title', (_, title, word) => {
    expect(terms(word).length).toBeGreaterThan(0)
    expect(phraseIn(title, word)).toBe(true)
  })

  it('cuts runs of Han, kana and Hangul into overlapping bigrams', () => {
    expect(terms('東京都')).toEqual(['東京', '京都'])
    expect(terms('東')).toEqual(['東'])
  })
})

describe('the ASCII fast path', () => {
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' })
  const reference = (text: string) =>
    [...segmenter.segment(text)]
      .filter((s) => s.isWordLike)
      .map((s) => s.segment.toLowerCase())
      .filter((word) => !STOP_WORDS.has(word))

  it('cuts Latin text with accents, curly quotes and dashes as Segmenter does', () => {
    const latin = fc.string({ unit: fc.constantFrom(..."aZ9_ .,'’“”‘—–éÉüßøÆőŽ×÷ǅ".split(''), 'the'), maxLength: 40 })
    const folded = (text: string) =>
      [...segmenter.segment(text)]
        .filter((s) => s.isWordLike)
        .map((s) => fold(s.segment))
        .filter((word) => !STOP_WORDS.has(word))
    fc.assert(
      fc.property(latin, (text) => {
        expect(terms(text)).toEqual(folded(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('cuts printable ASCII as Segmenter does', () => {
    const ascii = fc.string({ unit: fc.constantFrom(...'aZ09_ .,;:\'"-!?()/\n\t'.split(''), 'the', 'of'), maxLength: 40 })
    fc.assert(
      fc.property(ascii, (text) => {
        expect(terms(text)).toEqual(reference(text))
      }),
      { numRuns: 2000 },
    )
  })

  it.each(["can't", 'U.S.', '3.14', '1,000,000', 'e.g.', 'a.1', 'x_y', 'foo:bar', 'rock-n-roll'])('cuts %s as Segmenter does', (text) => {
    expect(terms(text)).toEqual(reference(text))
  })
})
