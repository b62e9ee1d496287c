/**
 * Shared contract, run by both the Worker and the publisher: the search index
 * in KV (issue 13). Segments as in Lucene, each cut into chunks by term range
 * as in Pagefind, with a small directory that says where every range starts:
 *
 *   search:dir            SearchDirectory   the segments, each chunk's first term, the recent documents inline, what was deleted
 *   search:<s>:t:<k>      TermChunk         segment s's terms from bounds[k] on: term → postings
 *   search:<s>:d:<k>      DocChunk          segment s's documents per·k onwards, as results show them
 *   search:<s>:m, search:<s>:c, search:base:<nn>   the publisher's own: which document each ordinal is, a merge's cuts (scripts/publish/search/state.ts)
 *
 * A query reads the directory, then the term chunks that hold its terms in every segment in one
 * multi-key get, then the document chunks of the results it shows in another. The newest
 * documents live in the directory itself, so publishing one rewrites one key, not a segment.
 * Not Pagefind's two reads: the documents' own fields would cost a copy in every chunk.
 */
import { z } from 'zod'
import { TimestampSchema } from './records'

export const SEARCH_DIR_KEY = 'search:dir'
export const termChunkKey = (segment: string, k: number) => `search:${segment}:t:${k}`
export const docChunkKey = (segment: string, k: number) => `search:${segment}:d:${k}`
/** Documents per document chunk unless a segment says more: a results page of 10 reads at most 10 of them, each a few KB. */
export const DOCS_PER_CHUNK = 16
/** The directory's own segment, held inline. */
export const RECENT = 'r'

/**
 * What a result shows: [slug, title, summary, published_at, shared, more, authors?], and the body's
 * opening for snippets (src/search/snippet.ts; see `opening`). A summary cut from the body's first
 * paragraph opens the body, so its first `shared` characters (UTF-16 units) are not stored twice:
 * `more` is the body past them, at most EXCERPT_BYTES of it, ending in `…` when the body goes on. A
 * summary written apart shares none. `authors` are the `By:` line's names (issue 24), absent without
 * one: names alone, as their slugs fold from them (src/shared/slug.ts), and AUTHOR_NAME is the
 * Worker's setting, not the index's.
 */
export const SearchDocSchema = z.tuple([
  z.string(),
  z.string(),
  z.string(),
  TimestampSchema,
  z.number().int().nonnegative(),
  z.string(),
  z.array(z.string().min(1)).min(1).optional(),
])
export type SearchDoc = z.infer<typeof SearchDocSchema>
export const DocChunkSchema = z.array(SearchDocSchema)

/**
 * UTF-8 bytes of the body a document carries past its summary. A results page reads up to 10
 * document chunks of DOCS_PER_CHUNK documents: this keeps a cold query's median read within issue
 * 13's 512 KB, and the index within the articles' text (docs/benchmarks.md, "Search").
 */
export const EXCERPT_BYTES = 700

/** The body's opening, as far as the document carries it. */
export const opening = (doc: SearchDoc) => doc[2].slice(0, doc[4]) + doc[5]

/**
 * Of the stored values: bumped when they change shape. A directory of another format is read as no
 * index yet (src/search/store.ts), and the publisher builds the index anew over it (state.ts).
 * 2: postings give a day as its change from the posting before; documents carry their body's opening.
 * 3: documents carry their `By:` line's names.
 */
export const SEARCH_FORMAT = 3

/**
 * term → postings (see encodePostings): one or more pieces, joined by PIECE_BREAK. A term too long
 * for one chunk continues in the next under the same name.
 */
export const TermChunkSchema = z.record(z.string(), z.string())
export type TermChunk = z.infer<typeof TermChunkSchema>

/**
 * Chunk bounds as stored: a run of chunks that all begin with one term (a common word's long list)
 * is written once with its length, so the directory grows with the words, not with the chunks.
 */
const StoredBoundsSchema = z.array(z.union([z.string(), z.tuple([z.string(), z.number().int().min(2).max(1_000_000)])]))
export function compactBounds(bounds: readonly string[]): z.infer<typeof StoredBoundsSchema> {
  const out: z.infer<typeof StoredBoundsSchema> = []
  for (let i = 0; i < bounds.length; ) {
    let j = i + 1
    while (j < bounds.length && bounds[j] === bounds[i]) j++
    out.push(j - i === 1 ? bounds[i] : [bounds[i], j - i])
    i = j
  }
  return out
}

export const SegmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+$/),
  docs: z.number().int().nonnegative(),
  /** The first term of each term chunk, in order. */
  bounds: StoredBoundsSchema.transform((runs) => {
    // A loop, not flatMap: at 100,000 articles the runs stand for some 28,000 chunks, which flatMap took 3 ms to lay out.
    let length = 0
    for (const run of runs) length += typeof run === 'string' ? 1 : run[1]
    const bounds = new Array<string>(length)
    let at = 0
    for (const run of runs)
      if (typeof run === 'string') bounds[at++] = run
      else for (let k = 0; k < run[1]; k++) bounds[at++] = run[0]
    return bounds
  }),
  /** Documents per document chunk, when not DOCS_PER_CHUNK (a big batch's segment, kept to few keys). */
  per: z.number().int().positive().optional(),
})
export type Segment = z.infer<typeof SegmentSchema>

export const SearchDirectorySchema = z.object({
  format: z.literal(SEARCH_FORMAT),
  /** Changes with every write of the index: the isolate cache and cursors key by it. */
  version: z.string(),
  /** Documents indexed (deleted ones excluded) and their fields' tokens, for BM25's averages. */
  docs: z.number().int().nonnegative(),
  title_tokens: z.number().int().nonnegative(),
  body_tokens: z.number().int().nonnegative(),
  segments: z.array(SegmentSchema),
  /** The recent segment, inline: its postings, its documents, and for the publisher [id, title tokens, body tokens] of each. */
  recent: z.object({
    terms: TermChunkSchema,
    docs: z.array(SearchDocSchema),
    members: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()])),
  }),
  /** segment → the ordinals in it that were deleted or replaced by an edit since it was written. */
  deleted: z.record(z.string(), z.array(z.number().int().nonnegative())),
  /** [segment, ordinal, published_at] of the scheduled documents: indexed, found by nobody until their time. */
  upcoming: z.array(z.tuple([z.string(), z.number().int().nonnegative(), TimestampSchema])),
  /**
   * The publisher's: merges being written a few chunks a publish into a slot no segment names, each
   * replacing its sources once all its chunks are written (scripts/publish/search/plan-search.ts).
   */
  merging: z.array(z.object({ target: z.string(), sources: z.array(z.string()), written: z.number().int().nonnegative() })).optional(),
  /**
   * The publisher's: [slot, when] of the segments replaced in the last minute. A Worker may still hold a
   * directory that names them, so their slots are written again only when no other slot is free.
   */
  freed: z.array(z.tuple([z.string(), TimestampSchema])).optional(),
})
export type SearchDirectory = z.infer<typeof SearchDirectorySchema>

/** The directory as stored: its bounds compacted. */
export const storedDirectory = (dir: SearchDirectory) => ({
  ...dir,
  segments: dir.segments.map((segment) => ({ ...segment, bounds: compactBounds(segment.bounds) })),
})

/** One document's occurrences of a term, in each field: positions count the field's words, stop words included. */
export type Posting = {
  ord: number
  /** Days since 1970-01-01: ties and sort=date go newest first without reading the document. */
  day: number
  /** The fields' lengths in indexed tokens, as BM25 counts them. */
  titleLength: number
  bodyLength: number
  title: number[]
  body: number[]
}

/** A change of day as a natural number: Protocol Buffers' zigzag, 0, −1, 1, −2 … as 0, 1, 2, 3 …. */
const zigzag = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1)
const unzigzag = (n: number) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2)

/*
 * Postings as text, not JSON: KV's multi-key get returns only text and JSON, and numbers as
 * JSON digits cost about twice the bytes. Each number is written in base 32, most significant
 * digit first: every digit but the last from `]` to `|`, the last from `0` to `O`. Neither range
 * holds a quote or a backslash, so a postings string stays as short inside the chunk's JSON.
 *
 * A term's postings are written in pieces, each from ordinal 0 again: those whose title holds the
 * term, then the rest, so a reader that stops early has every title match. Pieces that fit in one
 * chunk are joined there by PIECE_BREAK, so a term in one article's title and another's body takes
 * one chunk, not two.
 *
 * A piece's first posting gives its day, each next one the change from the day before (zigzagged):
 * a segment's ordinals go newest first, so the change is mostly 0 or a few days, one digit instead
 * of three, and the index has room for its documents' openings.
 */
const LAST = 0x30
const MORE = 0x5d
export const PIECE_BREAK = ' '
const BREAK = PIECE_BREAK.charCodeAt(0)
const decoder = new TextDecoder()

/**
 * Postings text as it is written, number by number, into bytes (every character is ASCII): what
 * encodePostings writes, and what the publisher writes without building a Posting for each of its
 * millions of postings (scripts/publish/search/segment.ts).
 */
export class PostingsText {
  private bytes = new Uint8Array(32)
  private length = 0

  number(n: number): void {
    if (this.length + 12 > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(2 * this.bytes.length, this.length + 12))
      bigger.set(this.bytes.subarray(0, this.length))
      this.bytes = bigger
    }
    const bytes = this.bytes
    if (n >= 0 && n < 32) bytes[this.length++] = LAST + n
    else if (n >= 32 && n < 1024) {
      bytes[this.length++] = MORE + (n >> 5)
      bytes[this.length++] = LAST + (n & 31)
    } else {
      let digits = 1
      for (let rest = Math.floor(n / 32); rest > 0; rest = Math.floor(rest / 32)) digits++
      let at = this.length + digits - 1
      bytes[at--] = LAST + (n & 31)
      for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) bytes[at--] = MORE + (n & 31)
      this.length += digits
    }
  }

  /** A posting's day after the posting before's (none for a piece's first), as the postings write it. */
  day(day: number, previous: number | undefined): void {
    this.number(previous === undefined ? day : zigzag(previous - day))
  }

  /** The text written since the last take. */
  take(): string {
    const text = decoder.decode(this.bytes.subarray(0, this.length))
    this.length = 0
    return text
  }
}

/**
 * Postings, ordinals ascending: [ord gap, day (its change after the first), title length, body length,
 * title count, body count, then each field's position gaps] each.
 */
export function encodePostings(postings: readonly Posting[]): string {
  const out = new PostingsText()
  let previous = -1
  let previousDay: number | undefined
  for (const { ord, day, titleLength, bodyLength, title, body } of postings) {
    out.number(ord - previous - 1)
    previous = ord
    out.day(day, previousDay)
    previousDay = day
    out.number(titleLength)
    out.number(bodyLength)
    out.number(title.length)
    out.number(body.length)
    for (const positions of [title, body])
      for (let i = 0; i < positions.length; i++) out.number(positions[i] - (i > 0 ? positions[i - 1] : 0))
  }
  return out.take()
}

/**
 * Postings as the engine reads them: a column of numbers, FIELDS a posting ([ord, day, title length,
 * body length, in title, in body]), not an object each: a query reads thousands.
 */
export type PostingColumns = {
  count: number
  fields: Float64Array
  /** Each posting's positions in the title and in the body, when read with them. */
  title?: number[][]
  body?: number[][]
}
export const FIELDS = 6

export function readPostings(text: string, withPositions = true): PostingColumns {
  const length = text.length
  // At least one character a number, FIELDS numbers a posting.
  let fields = new Float64Array(Math.min(64, Math.ceil(length / FIELDS)) * FIELDS)
  const title: number[][] | undefined = withPositions ? [] : undefined
  const body: number[][] | undefined = withPositions ? [] : undefined
  let i = 0
  const next = (): number => {
    let n = 0
    while (i < length) {
      const c = text.charCodeAt(i++)
      if (c >= MORE && c < MORE + 32) n = n * 32 + (c - MORE)
      else if (c >= LAST && c < LAST + 32) return n * 32 + (c - LAST)
      else break
    }
    throw new Error('not a postings string')
  }
  const positions = (count: number) => {
    const out = new Array<number>(count)
    for (let j = 0, at = 0; j < count; j++) out[j] = at += next()
    return out
  }
  let count = 0
  let previous = -1
  while (i < length) {
    if (text.charCodeAt(i) === BREAK) {
      i++
      previous = -1
      continue
    }
    if ((count + 1) * FIELDS > fields.length) {
      const bigger = new Float64Array(Math.min(2 * fields.length, Math.ceil(length / FIELDS) * FIELDS))
      bigger.set(fields)
      fields = bigger
    }
    const at = count * FIELDS
    const ord = previous + 1 + next()
    fields[at] = ord
    fields[at + 1] = previous < 0 ? next() : fields[at + 1 - FIELDS] - unzigzag(next())
    for (let k = 2; k < FIELDS; k++) fields[at + k] = next()
    const inTitle = fields[at + 4]
    const inBody = fields[at + 5]
    if (title && body) {
      title.push(positions(inTitle))
      body.push(positions(inBody))
    } else for (let skip = inTitle + inBody; skip > 0; skip--) next()
    previous = ord
    count++
  }
  return { count, fields, title, body }
}

/** The term chunks of a segment that may hold `term`, or terms in [from, to): each chunk's range runs from its bound to the next. */
export function chunksFor(bounds: readonly string[], from: string, to: string = from): number[] {
  // The last chunk whose bound is below `from`, by binary search: a big segment has thousands.
  let lo = 0
  let hi = bounds.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (bounds[mid] < from) lo = mid + 1
    else hi = mid
  }
  const first = Math.max(0, lo - 1)
  const chunks: number[] = []
  for (let k = first; k < bounds.length && (k === first || bounds[k] <= to); k++) chunks.push(k)
  return chunks
}
