/**
 * Shared contract, run by both the Worker and the publisher: the search
 * tokenizer. The seed indexes with it and the Worker cuts queries with it, so
 * a word is found only if both cut and fold it the same way.
 *
 * Words are cut by Unicode segmentation (UAX #29, through Intl.Segmenter with
 * word granularity: ICU's dictionaries cut Thai, Chinese and Japanese, which
 * write no spaces), then folded: NFKD, the Latin, Greek and Cyrillic accents
 * (U+0300–U+036F) dropped, NFC again, lower case. So `Montréal` = `montreal`
 * and `ＡＢＣ` = `abc`, while marks that are letters' vowels elsewhere (Thai,
 * Devanagari) or Japanese voicing (が is not か) stay, and Hangul syllables,
 * which NFKD splits into jamo, come back whole.
 *
 * Han, kana and Hangul runs become overlapping character bigrams (a single
 * character stays one token), as Lucene's CJKBigramFilter does: the dictionary's
 * words depend on context (東京都 is one word, 東京 another), and Korean glues
 * particles to words (서울에서), so a query's words would not be the text's. With
 * bigrams any run of two or more characters of the text is found.
 *
 * The commonest English function words are not indexed (they keep their positions,
 * so "bank of england" is still a phrase): in BM25 their weight is next to nothing,
 * and their postings, in every document, would be most of what a query reads.
 */

export type Token = {
  /** The folded term. */
  term: string
  /** Its place among the text's tokens: adjacent tokens are one apart, so phrases can be matched. */
  position: number
}

const ACCENTS = /[\u0300-\u036f]/g
// Scripts written without spaces between words, indexed as bigrams.
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+$/u

/** Lucene's English stop words (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
)

const segmenter = new Intl.Segmenter('und', { granularity: 'word' })

/** Case and accent folding (see above). */
export const fold = (word: string): string => word.normalize('NFKD').replace(ACCENTS, '').normalize('NFC').toLowerCase()

/**
 * The words of Latin text (LATIN) as UAX #29 cuts them, without ICU: Segmenter spends about 5 µs a
 * word, minutes for 100,000 articles, and most text is Latin. Letters, digits and `_` join (WB5,
 * WB8–WB10, WB13a/b); one apostrophe joins two letters (WB6/7: ICU's root rules leave `.` and `:`
 * out, so `U.S.` is two words), one `.`, `,`, `;` or apostrophe two digits (WB11/12).
 * tests/search-tokens.test.ts holds it to Segmenter on random text.
 */
/** Runs the fast path takes: printable ASCII, Latin letters with accents (U+00C0–U+024F), curly quotes and dashes. */
const LATIN = /^[\x21-\x7e\u00c0-\u024f\u2013\u2014\u2018\u2019\u201c\u201d]+$/
/** Between two letters they join them (UAX #29 MidLetter, MidNumLet and Single_Quote as ICU's root rules take them); `.` and `:` do not. */
const JOINS_LETTERS = new Set(["'", '\u2018', '\u2019'])
/** Between two digits. */
const JOINS_DIGITS = new Set(['.', ',', ';', "'", '\u2018', '\u2019'])

function asciiWords(run: string, push: (word: string) => void): void {
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
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
const isDigit = (c: number) => c >= 48 && c <= 57

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let position = 0
  const push = (term: string) => {
    if (!STOP_WORDS.has(term)) tokens.push({ term, position })
    position++
  }
  // Segmenter cuts 東京都 into 東京|都: adjacent CJK words are joined into one run before the bigrams.
  let run: string[] = []
  const flush = () => {
    if (run.length === 1) push(run[0])
    for (let i = 0; i + 1 < run.length; i++) push(run[i] + run[i + 1])
    run = []
  }
  // ASCII whitespace always ends a word (UAX #29 joins nothing across it), so each run between is cut alone.
  for (const [chunk] of text.matchAll(/[^ \t\n\r\f\v]+/g)) {
    flush()
    if (LATIN.test(chunk)) {
      // ICU does not count a lone `_` as a word (yet counts `__`).
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

/** The terms of a text, in order. */
export const terms = (text: string): string[] => tokenize(text).map((token) => token.term)
