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
 * The words of Latin text as UAX #29 cuts them, without ICU: Segmenter spends about 5 µs a word,
 * minutes for 100,000 articles, and most text is Latin. A run between ASCII spaces takes this path
 * when it is all printable ASCII, Latin letters with accents (U+00C0–U+024F), curly quotes and
 * dashes. Letters, digits and `_` join (WB5, WB8–WB10, WB13a/b); one apostrophe joins two letters
 * (WB6/7: ICU's root rules leave `.` and `:` out, so `U.S.` is two words), one `.`, `,`, `;` or
 * apostrophe two digits (WB11/12). tests/search-tokens.test.ts holds it to Segmenter on random text,
 * and to the regular-expression version it replaced.
 *
 * It reads the text's character codes and cuts no string but the words it has not seen lately:
 * this path is most of a seed's search index build (some 50 M words at 100,000 articles).
 */
const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d)
/** Printable ASCII, Latin letters with accents (U+00C0–U+024F), curly quotes and dashes. */
const isLatin = (c: number) =>
  c <= 0x7e
    ? c >= 0x21
    : c <= 0x24f
      ? c >= 0xc0
      : c === 0x2013 || c === 0x2014 || c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
const isDigit = (c: number) => c >= 48 && c <= 57
/** A letter, a digit or `_`. */
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95
/** Between two letters they join them (UAX #29 MidLetter, MidNumLet and Single_Quote as ICU's root rules take them); `.` and `:` do not. */
const joinsLetters = (c: number) => c === 0x27 || c === 0x2018 || c === 0x2019
/** Between two digits. */
const joinsDigits = (c: number) => c === 0x2e || c === 0x2c || c === 0x3b || joinsLetters(c)

/**
 * A Latin word's term, or null for a stop word, kept for the words seen last: text repeats its
 * words, and folding one (NFKD, NFC) costs more than looking it up. An open-addressing table looked
 * up by the word's place in the text and its hash, so a word seen before costs no string; emptied
 * when it holds LATIN_TERMS_MAX, so bounded (and never more than about 60 % full).
 */
const TABLE_SIZE = 1 << 15
const LATIN_TERMS_MAX = 20_000
const tableWords: Array<string | undefined> = new Array(TABLE_SIZE).fill(undefined)
const tableTerms: Array<string | null> = new Array(TABLE_SIZE).fill(null)
const tableHashes = new Int32Array(TABLE_SIZE)
let tableCount = 0

/** FNV-1a of text[from, to). */
function hashOf(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash
}

/** The term of the word text[from, to), whose hash is `hash` and which is all ASCII when `ascii`. */
function latinTerm(text: string, from: number, to: number, hash: number, ascii: boolean): string | null {
  const length = to - from
  let slot = hash & (TABLE_SIZE - 1)
  for (let seen = tableWords[slot]; seen !== undefined; seen = tableWords[slot]) {
    if (tableHashes[slot] === hash && seen.length === length) {
      let i = 0
      while (i < length && seen.charCodeAt(i) === text.charCodeAt(from + i)) i++
      if (i === length) return tableTerms[slot]
    }
    slot = (slot + 1) & (TABLE_SIZE - 1)
  }
  const word = text.slice(from, to)
  const folded = ascii ? word.toLowerCase() : fold(word)
  const term = STOP_WORDS.has(folded) ? null : folded
  if (tableCount >= LATIN_TERMS_MAX) {
    tableWords.fill(undefined)
    tableCount = 0
    slot = hash & (TABLE_SIZE - 1)
  }
  tableWords[slot] = word
  tableTerms[slot] = term
  tableHashes[slot] = hash
  tableCount++
  return term
}

/**
 * A token's term, its position, and where it lies in the text: [start, end) in UTF-16 code units,
 * the characters it was cut from (a bigram's two; a character that folding joined with the next,
 * as NFKD does ｶﾞ into ガ, its whole word's).
 */
type Emit = (term: string, position: number, start: number, end: number) => void

/** A run of CJK characters, each folded, with where it came from in the text. */
type Run = { chars: string[]; starts: number[]; ends: number[] }

/** Calls `emit` with each token of a text, in order: `tokenize` without the tokens' objects. Returns the positions taken. */
export function eachToken(text: string, emit: Emit): number {
  let position = 0
  // Segmenter cuts 東京都 into 東京|都: adjacent CJK words are joined into one run before the bigrams.
  const run: Run = { chars: [], starts: [], ends: [] }
  const length = text.length
  let i = 0
  // ASCII whitespace always ends a word (UAX #29 joins nothing across it), so each run between is cut alone.
  while (i < length) {
    if (isSpace(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let latin = true
    for (; i < length; i++) {
      const c = text.charCodeAt(i)
      if (isSpace(c)) break
      if (latin && !isLatin(c)) latin = false
    }
    if (run.chars.length > 0) position = flush(run, position, emit)
    position = latin ? latinWords(text, start, i, position, emit) : segmented(text, start, i, run, position, emit)
  }
  return flush(run, position, emit)
}

/** Emits a term unless it is a stop word; returns the next position. */
function push(term: string, position: number, start: number, end: number, emit: Emit): number {
  if (!STOP_WORDS.has(term)) emit(term, position, start, end)
  return position + 1
}

/** Emits a run of CJK characters as bigrams (one character alone), and empties it. */
function flush({ chars, starts, ends }: Run, position: number, emit: Emit): number {
  if (chars.length === 1) position = push(chars[0], position, starts[0], ends[0], emit)
  for (let i = 0; i + 1 < chars.length; i++) position = push(chars[i] + chars[i + 1], position, starts[i], ends[i + 1], emit)
  chars.length = 0
  starts.length = 0
  ends.length = 0
  return position
}

/** Adds a CJK word, folded, to the run: each character where it came from, when folding kept their count. */
function extend(run: Run, folded: string, segment: string, at: number): void {
  const source = [...segment]
  const chars = [...folded]
  const whole = source.length !== chars.length
  let from = at
  for (const [i, char] of chars.entries()) {
    run.chars.push(char)
    run.starts.push(whole ? at : from)
    if (!whole) from += source[i].length
    run.ends.push(whole ? at + segment.length : from)
  }
}

/** The words of text[start, end), a run Segmenter cuts; CJK ones left in `run` while the next may continue it. */
function segmented(text: string, start: number, end: number, run: Run, position: number, emit: Emit): number {
  let runEnd = -1
  for (const { segment, index, isWordLike } of segmenter.segment(text.slice(start, end))) {
    if (!isWordLike) continue
    const folded = fold(segment)
    if (folded === '') continue
    const at = start + index
    if (CJK.test(folded)) {
      if (at !== runEnd) position = flush(run, position, emit)
      extend(run, folded, segment, at)
      runEnd = at + segment.length
      continue
    }
    position = flush(run, position, emit)
    position = push(folded, position, at, at + segment.length, emit)
  }
  return position
}

/** The words of text[start, end), a run of Latin text (see above). */
function latinWords(text: string, start: number, end: number, position: number, emit: Emit): number {
  // The current word is text[from, to): a run of word characters, or runs joined by one character;
  // its hash is that of its run, hashed as it is read, or of the whole when runs were joined.
  let from = -1
  let to = -1
  let ascii = true
  let hash = 0
  let joined = false
  for (let j = start; j < end; ) {
    let c = text.charCodeAt(j)
    if (!isWordChar(c)) {
      j++
      continue
    }
    const at = j
    let asciiRun = true
    let runHash = 0x811c9dc5
    for (; j < end && isWordChar((c = text.charCodeAt(j))); j++) {
      if (c > 0x7e) asciiRun = false
      runHash = Math.imul(runHash ^ c, 0x01000193)
    }
    if (from >= 0 && at === to + 1) {
      const mid = text.charCodeAt(at - 1)
      const before = text.charCodeAt(at - 2)
      const after = text.charCodeAt(at)
      if ((isLetter(before) && isLetter(after) && joinsLetters(mid)) || (isDigit(before) && isDigit(after) && joinsDigits(mid))) {
        to = j
        ascii = ascii && asciiRun && mid <= 0x7e
        joined = true
        continue
      }
    }
    if (from >= 0) position = latinWord(text, from, to, ascii, joined ? hashOf(text, from, to) : hash, position, emit)
    from = at
    to = j
    ascii = asciiRun
    hash = runHash
    joined = false
  }
  if (from >= 0) position = latinWord(text, from, to, ascii, joined ? hashOf(text, from, to) : hash, position, emit)
  return position
}

/** The word text[from, to), unless it is a lone `_` (ICU does not count one as a word, yet counts `__`). */
function latinWord(text: string, from: number, to: number, ascii: boolean, hash: number, position: number, emit: Emit): number {
  if (to - from === 1 && text.charCodeAt(from) === 95) return position
  const term = latinTerm(text, from, to, hash, ascii)
  if (term !== null) emit(term, position, from, to)
  return position + 1
}

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  eachToken(text, (term, position) => {
    tokens.push({ term, position })
  })
  return tokens
}

/** A token where it lies in the text: [start, end) in UTF-16 code units (see Emit). */
export type Span = { term: string; start: number; end: number }

/** The tokens of a text with where each lies in it, in order: what a snippet marks (src/search/snippet.ts). */
export function spans(text: string): Span[] {
  const out: Span[] = []
  eachToken(text, (term, _, start, end) => {
    out.push({ term, start, end })
  })
  return out
}

/** The terms of a text, in order. */
export function terms(text: string): string[] {
  const out: string[] = []
  eachToken(text, (term) => {
    out.push(term)
  })
  return out
}
