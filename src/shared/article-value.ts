/**
 * Shared contract, run by both the Worker and the publisher: what one
 * `article:<slug>` value holds. The record, and, when the seed prepared them,
 * the article's JSON and HTML answers as the Worker sends them, each with its
 * strong ETag, so a request no isolate has answered yet costs one KV read and
 * a slice of its bytes, not a validation, a render and a hash (issue 12, the
 * long tail):
 *
 *   <header JSON>\n<record JSON><JSON answer><HTML answer>
 *
 * The header's offsets count UTF-8 bytes from the byte after its newline.
 * Prepared answers are true only for the site and renderers they were made
 * for: `for` names them (a fingerprint the Worker computes the same way), and a
 * Worker that finds another renders from the record instead. A value without a
 * newline is the record alone, as seeds before prepared answers stored it
 * (JSON.stringify writes no raw newline), and is read as such.
 */
import { z } from 'zod'
import { type StoredArticle, TimestampSchema } from './records'

const Offset = z.number().int().nonnegative()

/** A prepared answer: [start, end) of its bytes, and its strong ETag. */
const PartSchema = z.tuple([Offset, Offset, z.string().regex(/^"[\w-]+"$/)])

export const ArticleHeaderSchema = z.object({
  /** Whether the article is out yet, and its Last-Modified, without reading the record. */
  published_at: TimestampSchema,
  modified_at: TimestampSchema,
  record: z.tuple([Offset, Offset]),
  prepared: z.object({ for: z.string(), json: PartSchema, html: PartSchema }).optional(),
})
export type ArticleHeader = z.infer<typeof ArticleHeaderSchema>

/** A prepared answer as the seed measures it: its size in UTF-8 bytes and its strong ETag. */
type MeasuredAnswer = { bytes: number; etag: string }
/** The answers a seed prepares for one article, measured, and the fingerprint they were made for. */
export type MeasuredAnswers = { for: string; json: MeasuredAnswer; html: MeasuredAnswer }

const encoder = new TextEncoder()
const decoder = new TextDecoder()
const NEWLINE = 10

/** The header line of an article's value, newline included, from its parts' sizes alone. */
export function articleHeaderLine(record: StoredArticle, recordBytes: number, answers?: MeasuredAnswers): string {
  const header: ArticleHeader = { published_at: record.published_at, modified_at: record.modified_at, record: [0, recordBytes] }
  if (answers) {
    const jsonEnd = recordBytes + answers.json.bytes
    const htmlEnd = jsonEnd + answers.html.bytes
    header.prepared = { for: answers.for, json: [recordBytes, jsonEnd, answers.json.etag], html: [jsonEnd, htmlEnd, answers.html.etag] }
  }
  return `${JSON.stringify(header)}\n`
}

/** The value stored for an article, with the answers' texts when the seed prepared them. */
export function articleValue(record: StoredArticle, answers?: { measured: MeasuredAnswers; json: string; html: string }): string {
  const recordText = JSON.stringify(record)
  const header = articleHeaderLine(record, encoder.encode(recordText).length, answers?.measured)
  return answers ? `${header}${recordText}${answers.json}${answers.html}` : `${header}${recordText}`
}

/** A stored value cut at its header: the header (null for a record alone) and the bytes its offsets count from. */
export type ArticleValueParts = { header: unknown; body: Uint8Array }

/** Splits a value read as bytes; the header still unvalidated JSON (the caller's schema check says what is wrong). */
export function splitArticleValue(bytes: Uint8Array): ArticleValueParts {
  const end = bytes.indexOf(NEWLINE)
  if (end === -1) return { header: null, body: bytes }
  return { header: JSON.parse(decoder.decode(bytes.subarray(0, end))), body: bytes.subarray(end + 1) }
}
