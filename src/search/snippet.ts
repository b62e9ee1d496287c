/**
 * Snippets: about SNIPPET_LENGTH characters of a result's body around its best
 * match, as plain text with the ranges of the words the query matched. The best
 * match is the stretch that holds the most distinct query terms, then the most
 * matches; a body without any (a title-only match, or one past the opening the
 * index keeps, src/shared/search-index.ts) shows its opening.
 * Words are cut and folded as the index cut them (src/shared/search-tokens.ts):
 * `Montréal` is marked for `montreal`, a CJK bigram marks its two characters,
 * and the last term, when a prefix, marks the words it begins.
 */
import type { Snippet } from '../api-schema'
import { spans } from '../shared/search-tokens'
import type { Query } from './query'

/** Issue 23: a window of about 160–200 characters. */
export const SNIPPET_LENGTH = 180

/** A matched word: [start, end) in the text, and a bit for each query term it matches. */
type Match = { start: number; end: number; bits: number }

function matchesIn(text: string, query: Query): Match[] {
  const last = query.terms.length - 1
  const termIndex = new Map(query.terms.map((term, i) => [term, i]))
  const prefix = query.prefix ? query.terms[last] : undefined
  const matches: Match[] = []
  for (const { term, start, end } of spans(text)) {
    const i = termIndex.get(term)
    const bits = (i === undefined ? 0 : 1 << i) | (prefix !== undefined && term.startsWith(prefix) ? 1 << last : 0)
    if (bits !== 0) matches.push({ start, end, bits })
  }
  return matches
}

/** The run of matches, within SNIPPET_LENGTH of each other, of the most distinct terms, then the most matches; the first such. */
function bestRun(matches: readonly Match[]): { first: number; last: number } | null {
  if (matches.length === 0) return null
  // Per term, the matches of it in the run: a sliding window over matches ordered by place.
  const counts = new Array<number>(32).fill(0)
  let distinct = 0
  const change = ({ bits }: Match, by: 1 | -1) => {
    for (let b = 0; bits >> b !== 0; b++) {
      if (((bits >> b) & 1) === 0) continue
      if (by === 1 && counts[b]++ === 0) distinct++
      if (by === -1 && --counts[b] === 0) distinct--
    }
  }
  let best = { first: 0, last: 0, distinct: 0, count: 0 }
  let end = 0
  for (let first = 0; first < matches.length; first++) {
    // At least the first match itself, however long.
    while (end < matches.length && (end === first || matches[end].end - matches[first].start <= SNIPPET_LENGTH)) change(matches[end++], 1)
    if (distinct > best.distinct || (distinct === best.distinct && end - first > best.count))
      best = { first, last: end - 1, distinct, count: end - first }
    change(matches[first], -1)
  }
  return best
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c)
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff

/**
 * [start, end) of about SNIPPET_LENGTH around text[from, to): cut after a space on either side (in
 * text without spaces, between two characters, never inside one), and trimmed of spaces.
 */
function windowAround(text: string, from: number, to: number): [number, number] {
  const length = Math.max(SNIPPET_LENGTH, to - from)
  let start = Math.max(0, from - Math.floor((length - (to - from)) / 2))
  let end = Math.min(text.length, start + length)
  start = Math.max(0, end - length)
  if (start > 0 && !isSpace(text[start - 1])) {
    const space = text.slice(start, from).search(/\s/u)
    if (space >= 0) start += space + 1
    else if (isHighSurrogate(text.charCodeAt(start - 1))) start++
  }
  if (end < text.length && !isSpace(text[end])) {
    const space = text.slice(to, end).search(/\s\S*$/u)
    if (space >= 0) end = to + space
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--
  }
  while (start < from && isSpace(text[start])) start++
  while (end > to && isSpace(text[end - 1])) end--
  return [start, end]
}

/**
 * The snippet of `text`, a body's opening, for `query`: `…` where the window cuts the text, line
 * breaks as spaces, and every matched word's range in the snippet's own text (overlapping and
 * touching ones joined, as a CJK run's bigrams are), in UTF-16 code units.
 */
export function makeSnippet(text: string, query: Query): Snippet {
  const matches = matchesIn(text, query)
  const run = bestRun(matches)
  const [start, end] = run ? windowAround(text, matches[run.first].start, matches[run.last].end) : windowAround(text, 0, 0)
  const before = text.slice(0, start).trim() === '' ? '' : '…'
  const marks: Snippet['marks'] = []
  for (const match of matches) {
    if (match.end <= start || match.start >= end) continue
    const from = Math.max(match.start, start) - start + before.length
    const to = Math.min(match.end, end) - start + before.length
    const previous = marks.at(-1)
    if (previous && from <= previous[1]) previous[1] = Math.max(previous[1], to)
    else marks.push([from, to])
  }
  const body = text.slice(start, end).replace(/[\n\r\t\v\f\u2028\u2029]/gu, ' ')
  return { text: `${before}${body}${text.slice(end).trim() === '' ? '' : '…'}`, marks }
}
