/**
 * One search segment from its documents: pure. Each document is tokenized once
 * (title and body) and its postings go under its terms; the terms,
 * in order, are cut into chunks of about CHUNK_BYTES, and the documents into
 * chunks of DOCS_PER_CHUNK, as src/shared/search-index.ts lays them out; a
 * segment allowed fewer keys has bigger chunks.
 */
import { DOCS_PER_CHUNK, encodePostings, type Posting, type SearchDoc, type TermChunk } from '../../../src/shared/search-index'
import { tokenize } from '../../../src/shared/search-tokens'

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
  private current: Posting[] = []
  private length = 0
  constructor(private readonly chunkBytes: number) {}
  add(posting: Posting, bytes: number): void {
    if (this.length + bytes > this.chunkBytes && this.current.length > 0) this.close()
    this.current.push(posting)
    this.length += bytes
  }
  close(): void {
    if (this.current.length > 0) this.pieces.push(encodePostings(this.current))
    this.current = []
    this.length = 0
  }
}

/**
 * Every term's postings, documents with the term in their title first: a query that reads only the
 * start of a long list still sees every title match, then the newest of the rest. Postings are held
 * only until their piece is written, so 100,000 documents cost their encoded text, not objects.
 */
function encode(docs: readonly IndexedDoc[], chunkBytes: number): Encoded {
  const writers = new Map<string, { title: ListWriter; body: ListWriter }>()
  const members: BuiltSegment['members'] = []
  docs.forEach((doc, ord) => {
    const title = tokenize(doc.title)
    const body = tokenize(doc.body())
    const day = Math.floor(Date.parse(doc.published_at) / DAY_MS)
    const mine = new Map<string, Posting>()
    const add = (term: string, position: number, field: 'title' | 'body') => {
      let posting = mine.get(term)
      if (!posting) {
        posting = { ord, day, titleLength: title.length, bodyLength: body.length, title: [], body: [] }
        mine.set(term, posting)
      }
      posting[field].push(position)
    }
    for (const { term, position } of title) add(term, position, 'title')
    for (const { term, position } of body) add(term, position, 'body')
    for (const [term, posting] of mine) {
      let writer = writers.get(term)
      if (!writer) {
        writer = { title: new ListWriter(chunkBytes), body: new ListWriter(chunkBytes) }
        writers.set(term, writer)
      }
      // About two characters a number: the piece's size without writing it twice.
      writer[posting.title.length > 0 ? 'title' : 'body'].add(posting, 2 * (6 + posting.title.length + posting.body.length))
    }
    members.push([doc.id, title.length, body.length])
  })
  const lists = [...writers.keys()].sort().map((term) => {
    const { title, body } = writers.get(term)!
    title.close()
    body.close()
    return { term, pieces: [...title.pieces, ...body.pieces] }
  })
  return { lists, members, chunkBytes }
}

function layOutChunks(docs: readonly IndexedDoc[], { lists, members, chunkBytes }: Encoded, per: number): BuiltSegment {
  const bounds: string[] = []
  const chunks: TermChunk[] = []
  let size = 0
  const place = (term: string, text: string) => {
    const bytes = term.length + text.length + 6
    if (chunks.length === 0 || size + bytes > chunkBytes || term in chunks[chunks.length - 1]) {
      bounds.push(term)
      chunks.push({})
      size = 0
    }
    chunks[chunks.length - 1][term] = text
    size += bytes
  }
  for (const { term, pieces } of lists) for (const piece of pieces) place(term, piece)

  const docChunks: SearchDoc[][] = []
  for (let i = 0; i < docs.length; i += per)
    docChunks.push(docs.slice(i, i + per).map((d): SearchDoc => [d.slug, d.title, d.summary, d.published_at]))
  return { bounds, per, chunks, docChunks, members }
}
