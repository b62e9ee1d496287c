/**
 * One search segment from its documents: pure. Each document is tokenized once
 * (title and body) and its postings go under its terms; the terms,
 * in order, are cut into chunks of about CHUNK_BYTES, and the documents into
 * chunks of DOCS_PER_CHUNK, as src/shared/search-index.ts lays them out; a
 * segment allowed fewer keys has bigger chunks.
 */
import { DOCS_PER_CHUNK, PIECE_BREAK, PostingsText, type SearchDoc, type TermChunk } from '../../../src/shared/search-index'
import { eachToken } from '../../../src/shared/search-tokens'

/** What the segment indexes of a document; the body is read only while the segment is built. */
export type IndexedDoc = { id: string; slug: string; title: string; summary: string; published_at: string; body: () => string }

/** A term chunk's size: a query reads one per term and segment, so a few of them stay well under issue 13's 512 KB. */
export const CHUNK_BYTES = 16_000

export type BuiltSegment = {
  bounds: string[]
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
  if (layout === 'few') {
    // Measured first, then cut so that the whole fits in MAX_TERM_CHUNKS chunks.
    const total = encode(docs, Number.POSITIVE_INFINITY).lists.reduce(
      (n, { term, pieces }) => n + pieces.reduce((m, piece) => m + term.length + piece.length + 6, 0),
      0,
    )
    const per = Math.max(DOCS_PER_CHUNK, Math.ceil(docs.length / MAX_DOC_CHUNKS))
    return layOutChunks(docs, encode(docs, Math.max(CHUNK_BYTES, Math.ceil(total / (MAX_TERM_CHUNKS - 2)))), per)
  }
  return layOutChunks(docs, encode(docs, layout === 'inline' ? Number.POSITIVE_INFINITY : CHUNK_BYTES), DOCS_PER_CHUNK)
}

type Encoded = { lists: Array<{ term: string; pieces: string[] }>; members: BuiltSegment['members']; chunkBytes: number }

/** A postings list written as it grows, cut into pieces of about `chunkBytes`, each decodable alone. */
class ListWriter {
  pieces: string[] = []
  /** The open piece, written as encodePostings writes it (src/shared/search-index.ts), without Posting objects. */
  readonly text = new PostingsText()
  /** The open piece's size as measured before it is written: about two characters a number. */
  private measured = 0
  private count = 0
  private previous = -1
  constructor(private readonly chunkBytes: number) {}

  /** Starts document `ord`'s posting, `measured` long: its ordinal gap, after which its numbers go to `text`. */
  start(ord: number, measured: number): PostingsText {
    if (this.measured + measured > this.chunkBytes && this.count > 0) this.close()
    this.count++
    this.measured += measured
    this.text.number(ord - this.previous - 1)
    this.previous = ord
    return this.text
  }

  close(): void {
    if (this.count > 0) this.pieces.push(this.text.take())
    this.measured = 0
    this.count = 0
    this.previous = -1
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
 */
function encode(docs: readonly IndexedDoc[], chunkBytes: number): Encoded {
  const states = new Map<string, TermState>()
  const members: BuiltSegment['members'] = []
  const mine: TermState[] = []
  let ord = 0
  let title = true
  let tokens = 0
  const add = (term: string, position: number) => {
    let state = states.get(term)
    if (state === undefined) {
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
    eachToken(doc.body(), add)
    const bodyLength = tokens
    const day = Math.floor(Date.parse(doc.published_at) / DAY_MS)
    for (const state of mine) {
      const { inTitle, count, positions } = state
      const writer = inTitle > 0 ? (state.title ??= new ListWriter(chunkBytes)) : (state.body ??= new ListWriter(chunkBytes))
      // As encodePostings writes a posting: day, lengths, counts, then each field's position gaps.
      const text = writer.start(ord, 2 * (6 + count))
      text.number(day)
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
    return { term, pieces: [...(title?.pieces ?? []), ...(body?.pieces ?? [])] }
  })
  return { lists, members, chunkBytes }
}

function layOutChunks(docs: readonly IndexedDoc[], { lists, members, chunkBytes }: Encoded, per: number): BuiltSegment {
  const bounds: string[] = []
  const chunks: TermChunk[] = []
  let size = 0
  const place = (term: string, text: string) => {
    const bytes = term.length + text.length + 6
    if (chunks.length === 0 || size + bytes > chunkBytes) {
      bounds.push(term)
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
  for (let i = 0; i < docs.length; i += per)
    docChunks.push(docs.slice(i, i + per).map((d): SearchDoc => [d.slug, d.title, d.summary, d.published_at]))
  return { bounds, per, chunks, docChunks, members }
}
