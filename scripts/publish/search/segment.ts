/**
 * One search segment from its documents: pure. Each document is tokenized once
 * (title and body) and its postings go under its terms; the terms,
 * in order, are cut into chunks of about CHUNK_BYTES, and the documents into
 * chunks of DOCS_PER_CHUNK, as src/shared/search-index.ts lays them out; a
 * segment allowed fewer keys has bigger chunks.
 */
import {
  DOCS_PER_CHUNK,
  EXCERPT_BYTES,
  encodePostings,
  FIELDS,
  PIECE_BREAK,
  type Posting,
  PostingsText,
  readPostings,
  type SearchDoc,
  type TermChunk,
} from '../../../src/shared/search-index'
import { eachToken } from '../../../src/shared/search-tokens'

/** What the segment indexes of a document; the body is read only while the segment is built. */
export type IndexedDoc = {
  id: string
  slug: string
  title: string
  summary: string
  published_at: string
  /** The `By:` line's authors; absent without one. */
  authors?: ReadonlyArray<{ name: string }>
  body: () => string
}

/** A term chunk's size: a query reads one per term and segment, so a few of them stay well under issue 13's 512 KB. */
export const CHUNK_BYTES = 16_000

/**
 * Where a term chunk starts: its first posting's term, group (0: the documents whose title holds
 * the term, 1: the rest) and ordinal. A chunk holds every posting from its cut to the next, in
 * that order, so a merge written over several publishes (plan-search.ts) can lay out any of its
 * chunks again from the same cuts.
 */
export type Cut = [term: string, group: 0 | 1, ord: number]

export type BuiltSegment = {
  bounds: string[]
  cuts: Cut[]
  /** Documents per document chunk. */
  per: number
  chunks: TermChunk[]
  docChunks: SearchDoc[][]
  /** Per document, in ordinal order: [id, title tokens, body tokens]. */
  members: Array<[string, number, number]>
}

const DAY_MS = 86_400_000

/** Term and document chunks of a segment kept to few keys: with its members and the directory, a merge or a batch of 1,000 stays within issue 11's 1,100 writes. */
const MAX_TERM_CHUNKS = 11
const MAX_DOC_CHUNKS = 4

/**
 * Documents in ordinal order: callers give them newest first, so a cut postings list keeps the newest.
 * `few`: chunks grow so the segment takes at most MAX_TERM_CHUNKS + MAX_DOC_CHUNKS keys; `inline`: one term chunk.
 */
export function buildSegment(docs: readonly IndexedDoc[], layout: 'normal' | 'few' | 'inline' = 'normal'): BuiltSegment {
  const shown: SearchDoc[] = []
  if (layout === 'few') {
    // Measured first, then cut so that the whole fits in MAX_TERM_CHUNKS chunks.
    const total = encode(docs, Number.POSITIVE_INFINITY).lists.reduce(
      (n, { term, pieces }) => n + pieces.reduce((m, piece) => m + term.length + piece.text.length + 6, 0),
      0,
    )
    const per = Math.max(DOCS_PER_CHUNK, Math.ceil(docs.length / MAX_DOC_CHUNKS))
    return layOutChunks(encode(docs, Math.max(CHUNK_BYTES, Math.ceil(total / (MAX_TERM_CHUNKS - 2))), shown), shown, per)
  }
  return layOutChunks(encode(docs, layout === 'inline' ? Number.POSITIVE_INFINITY : CHUNK_BYTES, shown), shown, DOCS_PER_CHUNK)
}

type Piece = { text: string; group: 0 | 1; first: number }
type Encoded = { lists: Array<{ term: string; pieces: Piece[] }>; members: BuiltSegment['members']; chunkBytes: number }

/** A postings list written as it grows, cut into pieces of about `chunkBytes`, each decodable alone. */
class ListWriter {
  pieces: string[] = []
  /** Each piece's first ordinal. */
  firsts: number[] = []
  /** The open piece, written as encodePostings writes it (src/shared/search-index.ts), without Posting objects. */
  readonly text = new PostingsText()
  /** The open piece's size as measured before it is written: about two characters a number. */
  private measured = 0
  private count = 0
  private previous = -1
  private previousDay: number | undefined
  constructor(private readonly chunkBytes: number) {}

  /** Starts document `ord`'s posting, `measured` long: its ordinal gap and day, after which its numbers go to `text`. */
  start(ord: number, day: number, measured: number): PostingsText {
    if (this.measured + measured > this.chunkBytes && this.count > 0) this.close()
    if (this.count === 0) this.firsts.push(ord)
    this.count++
    this.measured += measured
    this.text.number(ord - this.previous - 1)
    this.text.day(day, this.previousDay)
    this.previous = ord
    this.previousDay = day
    return this.text
  }

  close(): void {
    if (this.count > 0) this.pieces.push(this.text.take())
    this.measured = 0
    this.count = 0
    this.previous = -1
    this.previousDay = undefined
  }
}

/** A term's lists, and its positions in the document being read (title ones first). */
type TermState = {
  term: string
  title: ListWriter | null
  body: ListWriter | null
  ord: number
  inTitle: number
  count: number
  positions: number[]
}

/**
 * Every term's postings, documents with the term in their title first: a query that reads only the
 * start of a long list still sees every title match, then the newest of the rest. Postings are held
 * only as the encoded text of their pieces, so 100,000 documents cost that text, not objects.
 * `shown`, if given, gets each document as results show it, from the body read once.
 */
function encode(
  docs: readonly IndexedDoc[],
  chunkBytes: number,
  shown: SearchDoc[] | null = null,
  wanted: (term: string) => boolean = () => true,
): Encoded {
  const states = new Map<string, TermState>()
  const members: BuiltSegment['members'] = []
  const mine: TermState[] = []
  let ord = 0
  let title = true
  let tokens = 0
  const add = (term: string, position: number) => {
    let state = states.get(term)
    if (state === undefined) {
      if (!wanted(term)) {
        tokens++
        return
      }
      state = { term, title: null, body: null, ord: -1, inTitle: 0, count: 0, positions: [] }
      states.set(term, state)
    }
    if (state.ord !== ord) {
      state.ord = ord
      state.inTitle = 0
      state.count = 0
      mine.push(state)
    }
    state.positions[state.count++] = position
    if (title) state.inTitle++
    tokens++
  }
  for (; ord < docs.length; ord++) {
    const doc = docs[ord]
    mine.length = 0
    title = true
    tokens = 0
    eachToken(doc.title, add)
    const titleLength = tokens
    title = false
    tokens = 0
    const body = doc.body()
    eachToken(body, add)
    shown?.push(searchDoc(doc, body))
    const bodyLength = tokens
    const day = Math.floor(Date.parse(doc.published_at) / DAY_MS)
    for (const state of mine) {
      const { inTitle, count, positions } = state
      const writer = inTitle > 0 ? (state.title ??= new ListWriter(chunkBytes)) : (state.body ??= new ListWriter(chunkBytes))
      // As encodePostings writes a posting: lengths, counts, then each field's position gaps.
      const text = writer.start(ord, day, 2 * (6 + count))
      text.number(titleLength)
      text.number(bodyLength)
      text.number(inTitle)
      text.number(count - inTitle)
      for (let i = 0; i < inTitle; i++) text.number(positions[i] - (i > 0 ? positions[i - 1] : 0))
      for (let i = inTitle; i < count; i++) text.number(positions[i] - (i > inTitle ? positions[i - 1] : 0))
    }
    members.push([doc.id, titleLength, bodyLength])
  }
  const lists = [...states.keys()].sort().map((term) => {
    const { title, body } = states.get(term)!
    title?.close()
    body?.close()
    const pieces = (writer: ListWriter | null, group: 0 | 1) =>
      (writer?.pieces ?? []).map((text, i): Piece => ({ text, group, first: writer!.firsts[i] }))
    return { term, pieces: [...pieces(title, 0), ...pieces(body, 1)] }
  })
  return { lists, members, chunkBytes }
}

/** A stored document's fields before its authors. */
type Shown = Required<SearchDoc> extends [...infer Fields, string[]] ? Fields : never

/**
 * What a result shows of a document (src/shared/search-index.ts): its fields, its body past the
 * summary as far as EXCERPT_BYTES, and its `By:` line's names when it has one.
 */
export function searchDoc(d: IndexedDoc, body: string = d.body()): SearchDoc {
  // A summary cut from the body, less the `…` that says so, opens it.
  const text = d.summary.endsWith('…') ? d.summary.slice(0, -1) : d.summary
  const shared = body.startsWith(text) ? text.length : 0
  const fields: Shown = [d.slug, d.title, d.summary, d.published_at, shared, clip(body.slice(shared), EXCERPT_BYTES)]
  return d.authors ? [...fields, d.authors.map(({ name }) => name)] : fields
}

/** Words cut off at the end of a clip are dropped when a space lies this close before the cut. */
const WORD_ROOM = 40

/** `text` within `bytes` of UTF-8, cut after a word (or between characters, in text without spaces), then `…`; unchanged if it fits. */
export function clip(text: string, bytes: number): string {
  // By character codes, not code points: a seed clips every article's body (100,000 at a time).
  let used = 0
  let cut = 0
  while (cut < text.length) {
    const c = text.charCodeAt(cut)
    const pair = c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(cut + 1) & 0xfc00) === 0xdc00
    // A lone surrogate is written as U+FFFD, three bytes.
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3
    if (used + size > bytes) break
    used += size
    cut += pair ? 2 : 1
  }
  if (cut === text.length) return text
  let space = cut
  while (space >= Math.max(0, cut - WORD_ROOM) && !/\s/u.test(text[space])) space--
  return `${text.slice(0, space >= Math.max(0, cut - WORD_ROOM) ? space : cut).trimEnd()}…`
}

function layOutChunks({ lists, members, chunkBytes }: Encoded, shown: readonly SearchDoc[], per: number): BuiltSegment {
  const bounds: string[] = []
  const cuts: Cut[] = []
  const chunks: TermChunk[] = []
  let size = 0
  const place = (term: string, { text, group, first }: Piece) => {
    const bytes = term.length + text.length + 6
    if (chunks.length === 0 || size + bytes > chunkBytes) {
      bounds.push(term)
      cuts.push([term, group, first])
      chunks.push({})
      size = 0
    }
    // A term's next piece (its body matches after its title ones, or the rest of a long list) joins it when it fits.
    const chunk = chunks[chunks.length - 1]
    chunk[term] = term in chunk ? `${chunk[term]}${PIECE_BREAK}${text}` : text
    size += bytes
  }
  for (const { term, pieces } of lists) for (const piece of pieces) place(term, piece)

  const docChunks: SearchDoc[][] = []
  for (let i = 0; i < shown.length; i += per) docChunks.push(shown.slice(i, i + per))
  return { bounds, cuts, per, chunks, docChunks, members }
}

/** Orders a posting, by term, group and ordinal, against a cut: negative when it comes before. */
function againstCut(term: string, group: number, ord: number, [cutTerm, cutGroup, cutOrd]: Cut): number {
  if (term !== cutTerm) return term < cutTerm ? -1 : 1
  return group - cutGroup || ord - cutOrd
}

/** The chunk a posting falls in: the last whose cut is not after it (the first, for what comes before every cut). */
function chunkOf(cuts: readonly Cut[], term: string, group: number, ord: number): number {
  let lo = 0
  let hi = cuts.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (againstCut(term, group, ord, cuts[mid]) >= 0) lo = mid + 1
    else hi = mid
  }
  return Math.max(0, lo - 1)
}

/**
 * Term chunks [from, to) of a segment laid out with `cuts`, from its documents as they are now:
 * what a merge written over several publishes writes at each (plan-search.ts). A document edited
 * or deleted since the cuts were made has its ordinal marked deleted, so whichever content it gives
 * here is never read; only the terms these chunks hold are kept while the documents are read.
 */
export function chunksByCuts(docs: readonly IndexedDoc[], cuts: readonly Cut[], from: number, to: number): TermChunk[] {
  const low = cuts[from][0]
  const high = to < cuts.length ? cuts[to][0] : undefined
  const { lists } = encode(docs, Number.POSITIVE_INFINITY, null, (term) => term >= low && (high === undefined || term <= high))
  const chunks: TermChunk[] = Array.from({ length: to - from }, () => ({}))
  const put = (k: number, term: string, text: string) => {
    if (k < from || k >= to || text === '') return
    const chunk = chunks[k - from]
    chunk[term] = term in chunk ? `${chunk[term]}${PIECE_BREAK}${text}` : text
  }
  for (const { term, pieces } of lists)
    for (const { text, group } of pieces) {
      // One piece a group (no size limit): it goes whole to one chunk unless a cut falls inside it,
      // and only then are its positions read, to be written again in two or more pieces.
      const ords = readPostings(text, false)
      const first = chunkOf(cuts, term, group, ords.fields[0])
      const last = chunkOf(cuts, term, group, ords.fields[(ords.count - 1) * FIELDS])
      if (first === last) {
        put(first, term, text)
        continue
      }
      const read = readPostings(text)
      for (let k = first; k <= last; k++) {
        const postings: Posting[] = []
        for (let i = 0, at = 0; i < read.count; i++, at += FIELDS) {
          if (chunkOf(cuts, term, group, read.fields[at]) !== k) continue
          const [ord, day, titleLength, bodyLength] = read.fields.subarray(at, at + 4)
          postings.push({ ord, day, titleLength, bodyLength, title: read.title![i], body: read.body![i] })
        }
        put(k, term, postings.length > 0 ? encodePostings(postings) : '')
      }
    }
  return chunks
}
