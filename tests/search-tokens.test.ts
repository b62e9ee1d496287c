/**
 * The search tokenizer inside workerd, where the Worker cuts queries: Intl.Segmenter
 * exists there with ICU's word dictionaries, case and accents fold, and Korean,
 * Japanese, Chinese and Thai text is cut into terms a query of its words finds,
 * each token with the characters it came from.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fold, spans, STOP_WORDS, terms, tokenize } from '../src/shared/search-tokens'

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

describe('where each token lies in the text (what a snippet marks)', () => {
  const at = (text: string) => spans(text).map(({ term, start, end }) => [term, text.slice(start, end)])

  it('points at the characters a token was cut from, folded or not', () => {
    expect(at('In Montréal, the “Théâtre” — don’t!')).toEqual([
      ['montreal', 'Montréal'],
      ['theatre', 'Théâtre'],
      ['don’t', 'don’t'],
    ])
    expect(at('ＡＢＣ 📰 naïve')).toEqual([
      ['abc', 'ＡＢＣ'],
      ['naive', 'naïve'],
    ])
  })

  it('points a bigram at its two characters, and a character folding joined at its whole word', () => {
    expect(at('東京都で、𠮷野家')).toEqual([
      ['東京', '東京'],
      ['京都', '京都'],
      ['都で', '都で'],
      ['𠮷野', '𠮷野'],
      ['野家', '野家'],
    ])
    // NFKD makes the halfwidth ｶﾞ one ガ: both bigrams of ｶﾞｷﾞ span the word.
    expect(at('ｶﾞｷﾞ')).toEqual([['ガギ', 'ｶﾞｷﾞ']])
  })

  it('gives the tokens the index has, each the term of its own characters (fast-check)', () => {
    const piece = fc.constantFrom(
      'Montréal',
      'ÉCOLE',
      'don’t',
      'U.S.',
      '3.5',
      '東京都',
      '美術館',
      '서울에서',
      'ｶﾞ',
      '📰',
      ' ',
      '\n',
      ', ',
      '—',
      '<b>',
      '&',
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
        (text) => {
          const found = spans(text)
          expect(found.map((span) => span.term)).toEqual(terms(text))
          for (const { term, start, end } of found) expect(terms(text.slice(start, end))).toContain(term)
        },
      ),
      { numRuns: 300 },
    )
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

/**
 * The tokenizer as it was before its Latin path read character codes instead of regular expressions:
 * the index a seed writes and the terms a query looks up must not change with the rewrite.
 */
function referenceTokenize(text: string): Array<{ term: string; position: number }> {
  const segmenter = new Intl.Segmenter('und', { granularity: 'word' })
  const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+$/u
  const LATIN = /^[\x21-\x7e\u00c0-\u024f\u2013\u2014\u2018\u2019\u201c\u201d]+$/
  const JOINS_LETTERS = new Set(["'", '\u2018', '\u2019'])
  const JOINS_DIGITS = new Set(['.', ',', ';', "'", '\u2018', '\u2019'])
  const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  const isDigit = (c: number) => c >= 48 && c <= 57
  const asciiWords = (run: string, push: (word: string) => void) => {
    let word = ''
    let end = -1
    for (const match of run.matchAll(/[A-Za-z0-9_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+/g)) {
      const at = match.index
      const before = run.charCodeAt(at - 2)
      const mid = run[at - 1]
      const after = run.charCodeAt(at)
      const joins =
        word !== '' &&
        at === end + 1 &&
        ((isLetter(before) && isLetter(after) && JOINS_LETTERS.has(mid)) || (isDigit(before) && isDigit(after) && JOINS_DIGITS.has(mid)))
      if (joins) word += mid + match[0]
      else {
        if (word !== '') push(word)
        word = match[0]
      }
      end = at + match[0].length
    }
    if (word !== '') push(word)
  }
  const tokens: Array<{ term: string; position: number }> = []
  let position = 0
  const push = (term: string) => {
    if (!STOP_WORDS.has(term)) tokens.push({ term, position })
    position++
  }
  let run: string[] = []
  const flush = () => {
    if (run.length === 1) push(run[0])
    for (let i = 0; i + 1 < run.length; i++) push(run[i] + run[i + 1])
    run = []
  }
  for (const [chunk] of text.matchAll(/[^ \t\n\r\f\v]+/g)) {
    flush()
    if (LATIN.test(chunk)) {
      asciiWords(chunk, (word) => word !== '_' && push(/^[\x21-\x7e]+$/.test(word) ? word.toLowerCase() : fold(word)))
      continue
    }
    let runEnd = -1
    for (const { segment, index, isWordLike } of segmenter.segment(chunk)) {
      if (!isWordLike) continue
      const word = fold(segment)
      if (word === '') continue
      if (CJK.test(word)) {
        if (index !== runEnd) flush()
        run.push(...word)
        runEnd = index + segment.length
        continue
      }
      flush()
      push(word)
    }
  }
  flush()
  return tokens
}

describe('the tokenizer against the version before its rewrite', () => {
  // Every path: ASCII and Latin words and joiners, the whitespace that cuts runs (and some that does not),
  // Latin past U+024F, combining accents, compatibility forms, Han, kana, Hangul, Thai, Arabic, emoji.
  const pieces = [
    ...'aZ9_ .,;:\'"-!?\t\n\r\f\v’‘“”—–éÉüßøÆőŽ×÷ǅ'.split(''),
    'the',
    'of',
    'Can’t',
    '3.14',
    '\u00a0',
    '\u2028',
    '\u0301',
    'ＡＢＣ',
    'ﬁ',
    'İ',
    'ḁ',
    '東京都',
    'が',
    '서울에서',
    'ー',
    'พิพิธภัณฑ์',
    'متحف',
    '📰',
    '\ud800',
  ]
  // Letters and digits around one joiner, where the rules are.
  const wordish = fc.constantFrom(...'ab9Z0é_'.split(''), ...".,;'’‘".split(''))
  it('gives the same tokens on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof({ arbitrary: wordish, weight: 3 }, fc.constantFrom(...pieces)), maxLength: 30 }), (text) => {
        expect(tokenize(text)).toEqual(referenceTokenize(text))
      }),
      { numRuns: 3000 },
    )
  })

  it('gives the same tokens on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(tokenize(text)).toEqual(referenceTokenize(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same tokens past the bound of the words it keeps (emptied when full)', () => {
    const text = Array.from({ length: 25_000 }, (_, i) => `Wörd${i.toString(36)} w${i % 700}_x CAN'T`).join(' ')
    expect(tokenize(text)).toEqual(referenceTokenize(text))
    expect(tokenize(text)).toEqual(referenceTokenize(text))
  })

  it('gives the same terms for a word seen again (its term is cached)', () => {
    const text = 'Café CAFÉ café Cafe The the THE Zürich zürich 1,000 1,000'
    expect(tokenize(text)).toEqual(referenceTokenize(text))
    expect(tokenize(text)).toEqual(referenceTokenize(text))
    expect(terms(text)).toEqual(referenceTokenize(text).map((token) => token.term))
  })
})
