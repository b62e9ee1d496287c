/**
 * One search segment from its documents: pure. Each document is tokenized once
 * (title and body) and its postings go under its terms; the terms,
 * in order, are cut into chunks of about CHUNK_BYTES, and the documents into
 * chunks of DOCS_PER_CHUNK, as src/shared/search-index.ts lays them out.
 */
import { DOCS_PER_CHUNK, encodePostings, type Posting, type SearchDoc, type TermChunk } from '../../../src/shared/search-index'
import { tokenize } from '../../../src/shared/search-tokens'

/** What the segment indexes of a document; the body is read only while the segment is built. */
export type IndexedDoc = { id: string; slug: string; title: string; summary: string; published_at: string; body: () => string }

/** A term chunk's size: a query reads one per term and segment, so a few of them stay well under issue 13's 512 KB. */
export const CHUNK_BYTES = 16_000

export type BuiltSegment = {
  bounds: string[]
  chunks: TermChunk[]
  docChunks: SearchDoc[][]
  /** Per document, in ordinal order: [id, title tokens, body tokens]. */
  members: Array<[string, number, number]>
}

const DAY_MS = 86_400_000

/** Documents in ordinal order: callers give them newest first, so a cut postings list keeps the newest. */
export function buildSegment(docs: readonly IndexedDoc[], chunkBytes = CHUNK_BYTES): BuiltSegment {
  const postings = new Map<string, Posting[]>()
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
        const list = postings.get(term)
        if (list) list.push(posting)
        else postings.set(term, [posting])
      }
      posting[field].push(position)
    }
    for (const { term, position } of title) add(term, position, 'title')
    for (const { term, position } of body) add(term, position, 'body')
    members.push([doc.id, title.length, body.length])
  })

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
  for (const term of [...postings.keys()].sort()) {
    // Documents with the term in their title first: a query that reads only the start of a long list
    // still sees every title match, then the newest of the rest.
    const list = postings.get(term)!
    for (const group of [list.filter((p) => p.title.length > 0), list.filter((p) => p.title.length === 0)]) {
      if (group.length === 0) continue
      const whole = encodePostings(group)
      // A list longer than a chunk goes on in the next ones, each piece decodable alone.
      const pieces = Math.ceil(whole.length / chunkBytes)
      if (pieces <= 1) place(term, whole)
      else {
        const per = Math.ceil(group.length / pieces)
        for (let i = 0; i < group.length; i += per) place(term, encodePostings(group.slice(i, i + per)))
      }
    }
  }

  const docChunks: SearchDoc[][] = []
  for (let i = 0; i < docs.length; i += DOCS_PER_CHUNK)
    docChunks.push(docs.slice(i, i + DOCS_PER_CHUNK).map((d): SearchDoc => [d.slug, d.title, d.summary, d.published_at]))
  return { bounds, chunks, docChunks, members }
}
