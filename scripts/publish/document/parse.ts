/**
 * The seed document format: line 1 the title, then one paragraph per line,
 * optionally `By:`, `Topics:`, `Summary:` and `Updated:` lines (optional-lines.ts),
 * the last non-blank line `Published: <date>`. Pure: bytes in, a Document or
 * one readable reason out. Shared by the seed script and the tests.
 */
import type { Document } from '../../../src/shared/records'
import { sha256, toHex } from '../../../src/shared/hash'
import { toTimestamp } from '../../../src/shared/timestamp'
import { parsePublicationDate } from './date'
import { blockOf, type DocumentLines, type NumberedLine, readLines } from './optional-lines'

export type ParseResult = { ok: true; document: Document } | { ok: false; reason: string }

const PUBLISHED = /^published:\s*(.*)$/i
// The id in names like `000_72d115a42cfb6283.txt`.
const HEX_ID = /(?:^|_)([0-9a-f]{8,64})\.txt$/i
// XML 1.0 forbids the C0 controls but tab, LF and CR, and U+FFFE/U+FFFF; HTML also forbids DEL, the C1
// controls and every noncharacter. Refusing them all here keeps every output format well-formed.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Noncharacter_Code_Point}]/u

const fail = (reason: string) => ({ ok: false, reason }) as const

const QUOTE_LENGTH = 40
const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
// Characters that would break a reason's line, or reorder it on a terminal (bidi controls).
const UNSEEN = /[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u

/** Document text inside a reason: a short excerpt, unseen characters shown as code points. */
function quoted(text: string): string {
  let excerpt = ''
  for (const ch of text) {
    const shown = UNSEEN.test(ch) ? `<${codePoint(ch)}>` : ch
    if (excerpt.length + shown.length > QUOTE_LENGTH) return `"${excerpt}…"`
    excerpt += shown
  }
  return `"${excerpt}"`
}

/** The stable document id: the hex part of the file name, else a hash of the name. */
export async function documentId(fileName: string): Promise<string> {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const hex = base.match(HEX_ID)
  if (hex) return hex[1].toLowerCase()
  return toHex((await sha256(base)).slice(0, 8))
}

// `fatal` turns invalid UTF-8 into an error instead of U+FFFD; the BOM is dropped.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

function decode(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes)
  } catch {
    return undefined
  }
}

export type BodyResult = { ok: true; body: Omit<Document, 'id'> } | { ok: false; reason: string }

/** The optional lines' fields in one order, whatever order the file gives them: the same document hashes the same. */
const ordered = ({ authors, topics, summary, updated_at }: DocumentLines): DocumentLines => ({
  ...(authors && { authors }),
  ...(topics && { topics }),
  ...(summary !== undefined && { summary }),
  ...(updated_at !== undefined && { updated_at }),
})

/**
 * Parses one document's bytes into all but its id; synchronous, so a seed can read a file's paragraphs
 * again when it writes them. `now`, the seed's clock, refuses an `Updated:` line later than it; without
 * it (reading paragraphs again, tools), that line is not held to a clock.
 */
export function parseBody(bytes: Uint8Array, now?: string): BodyResult {
  const text = decode(bytes)
  if (text === undefined) return fail('not UTF-8 text')
  const numbered: NumberedLine[] = text
    .split(/\r\n|\r|\n/)
    .map((line, i) => ({ text: line.trim(), number: i + 1 }))
    .filter((line) => line.text !== '')
  const lines = numbered.map((line) => line.text)
  if (lines.length === 0) return fail('empty document')
  const forbidden = lines.findIndex((line) => FORBIDDEN.test(line))
  if (forbidden >= 0) {
    const char = lines[forbidden].match(FORBIDDEN)![0]
    const kind = /\p{Cc}/u.test(char) ? 'control character' : 'noncharacter'
    return fail(`${kind} ${codePoint(char)} in line ${forbidden + 1} of the text`)
  }
  const published = lines[lines.length - 1].match(PUBLISHED)
  if (!published) return fail('no "Published: <date>" line at the end')
  if (lines.length === 1) return fail('no title')
  // The block never takes the title or the first paragraph: a document of those alone reads as it always did.
  const block = blockOf(numbered.slice(0, -1), 2)
  const [title, ...paragraphs] = lines.slice(0, -1 - block.length)
  if (PUBLISHED.test(title)) return fail('no title')
  if (paragraphs.length === 0) return fail('no paragraph')
  const date = parsePublicationDate(published[1])
  if (!date) return fail(`unrecognised or impossible date ${quoted(published[1])}`)
  const published_at = toTimestamp(date)
  const read = readLines(block, published_at, now)
  if (!read.ok) return fail(`line ${read.line.number} ${quoted(read.line.text)}: ${read.reason}`)
  return { ok: true, body: { title, paragraphs, published_at, ...ordered(read.lines) } }
}

/** Parses one document's bytes. `fileName` gives the id; it is not read. `now`: as parseBody's. */
export async function parseDocument(fileName: string, bytes: Uint8Array, now?: string): Promise<ParseResult> {
  const result = parseBody(bytes, now)
  if (!result.ok) return result
  return { ok: true, document: { id: await documentId(fileName), ...result.body } }
}
