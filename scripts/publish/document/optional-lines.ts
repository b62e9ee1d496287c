/**
 * The optional lines directly above `Published:` (issue 24): `By:`, `Topics:`,
 * `Summary:` and `Updated:`, in any order, each at most once, keys in any case.
 * The first line above them that is none of these ends the block and is a
 * paragraph, so a last paragraph beginning `Note:` stays one. Pure and
 * synchronous, as parseBody is.
 */
import { LINE_LIMITS, type Document } from '../../../src/shared/records'
import { toTimestamp } from '../../../src/shared/timestamp'
import { parsePublicationDate } from './date'

/** What the lines add to a document: each field only when its line is there. */
export type DocumentLines = Pick<Document, 'authors' | 'topics' | 'summary' | 'updated_at'>

/** A line of the file: its text, trimmed, and its number in the file (from 1). */
export type NumberedLine = { text: string; number: number }

// dotAll: a value may hold U+2028 or U+2029, which `.` does not match without it.
const KEYED = /^(by|topics|summary|updated):(.*)$/is
type Key = 'by' | 'topics' | 'summary' | 'updated'

/** The lines that form the block: at the end of `lines`, never `keep` lines from the start (title and first paragraph). */
export function blockOf(lines: readonly NumberedLine[], keep: number): NumberedLine[] {
  let start = lines.length
  while (start > keep && KEYED.test(lines[start - 1].text)) start--
  return lines.slice(start)
}

/** Characters as people count them: code points, never half a surrogate pair. */
const length = (text: string) => [...text].length

/**
 * `By:` names: separated by commas, the last one by `and` as well ("A and B", "A, B and C",
 * "A, B, and C"). Only the final `and` separates: a name may hold the word elsewhere.
 */
function splitNames(value: string): string[] {
  const parts = value.split(',').map((part) => part.trim())
  const last = parts.pop()!
  const serial = last.match(/^and\s+(.*)$/s)
  if (serial && parts.length > 0) return [...parts, serial[1]]
  const final = last.match(/^(.*\S)\s+and\s+(\S.*)$/s)
  return final ? [...parts, final[1], final[2]] : [...parts, last]
}

/** A list of names, or why it is not one. */
function names(list: string[], max: number, what: string): string[] | string {
  if (list.length > LINE_LIMITS.names) return `more than ${LINE_LIMITS.names} names (${list.length})`
  if (list.some((name) => name === '')) return `an empty name in the list`
  const long = list.find((name) => length(name) > max)
  return long === undefined ? list : `${what} of ${length(long)} characters, over ${max}`
}

export type LinesResult = { ok: true; lines: DocumentLines } | { ok: false; line: NumberedLine; reason: string }

/**
 * Reads the block. `published` is the document's own date; `now`, when given, the seed's clock,
 * past which an `Updated:` line is refused (a correction cannot be dated later than the seed that
 * stores it; a scheduled article has none to make yet).
 */
export function readLines(block: readonly NumberedLine[], published: string, now?: string): LinesResult {
  const lines: DocumentLines = {}
  const seen = new Set<Key>()
  for (const line of block) {
    const [, name, rest] = line.text.match(KEYED)!
    const key = name.toLowerCase() as Key
    const value = rest.trim()
    const refuse = (reason: string) => ({ ok: false, line, reason }) as const
    if (seen.has(key)) return refuse(`a second "${name}:" line`)
    seen.add(key)
    if (value === '') return refuse('an empty value')
    if (key === 'by' || key === 'topics') {
      const read =
        key === 'by'
          ? names(splitNames(value), LINE_LIMITS.author, 'a name')
          : names(
              value.split(',').map((t) => t.trim()),
              LINE_LIMITS.topic,
              'a topic',
            )
      if (typeof read === 'string') return refuse(read)
      lines[key === 'by' ? 'authors' : 'topics'] = read
    } else if (key === 'summary') {
      if (length(value) > LINE_LIMITS.summary) return refuse(`a summary of ${length(value)} characters, over ${LINE_LIMITS.summary}`)
      lines.summary = value
    } else {
      const date = parsePublicationDate(value)
      if (!date) return refuse('an unrecognised or impossible date')
      const updated = toTimestamp(date)
      if (Date.parse(updated) < Date.parse(published)) return refuse(`before the publication (${published})`)
      if (now !== undefined && Date.parse(updated) > Date.parse(now)) return refuse(`in the future (the seed's clock is ${now})`)
      lines.updated_at = updated
    }
  }
  return { ok: true, lines }
}
