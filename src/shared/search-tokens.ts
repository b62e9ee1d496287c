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

const segmenter = new Intl.Segmenter('und', { granularity: 'word' })

/** Case and accent folding (see above). */
export const fold = (word: string): string => word.normalize('NFKD').replace(ACCENTS, '').normalize('NFC').toLowerCase()

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  // Segmenter cuts 東京都 into 東京|都: adjacent CJK words are joined into one run before the bigrams.
  let run: string[] = []
  let runEnd = -1
  const flush = () => {
    if (run.length === 1) tokens.push({ term: run[0], position: tokens.length })
    for (let i = 0; i + 1 < run.length; i++) tokens.push({ term: run[i] + run[i + 1], position: tokens.length })
    run = []
  }
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
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
    tokens.push({ term: word, position: tokens.length })
  }
  flush()
  return tokens
}

/** The terms of a text, in order. */
export const terms = (text: string): string[] => tokenize(text).map((token) => token.term)
