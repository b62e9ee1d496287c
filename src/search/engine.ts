/**
 * The query engine: BM25 over an index laid out as src/shared/search-index.ts
 * says, read through a SearchSource (KV in the Worker, a plan's values in
 * tests). Three reads at most: the directory, the term chunks every segment
 * holds the query's terms in (one multi-key get), then the documents of the
 * results shown (another).
 *
 * Scoring is MiniSearch's with b = 0.75 and no BM25+ floor (Robertson and
 * Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009):
 * per field, idf · tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)), the title
 * weighted TITLE_BOOST, summed over terms; a longer word matched by the last
 * term's prefix counts less the longer it is, as in MiniSearch.
 */
import {
  chunksFor,
  FIELDS,
  type PostingColumns,
  readPostings,
  RECENT,
  type SearchDirectory,
  type SearchDoc,
  type TermChunk,
  termChunkKey,
  docChunkKey,
  DOCS_PER_CHUNK,
} from '../shared/search-index'
import type { Query } from './query'

export const K1 = 1.2
export const B = 0.75
export const TITLE_BOOST = 3
/** MiniSearch's weight for a prefix match, before its length discount. */
export const PREFIX_WEIGHT = 0.375
/**
 * Term chunks a query reads, about 16 KB each: issue 13 allows 512 KB. They are shared among its terms,
 * at most MAX_CHUNKS_PER_TERM each; a term's postings past its share (the oldest) are not read.
 */
export const MAX_CHUNKS = 30
export const MAX_CHUNKS_PER_TERM = 8
/** Dictionary words a prefix may stand for. */
export const MAX_EXPANSIONS = 50
/** KV's limit of keys in one multi-key get. */
export const MAX_KEYS = 100

export type SearchSource = {
  chunks(keys: readonly string[]): Promise<Map<string, TermChunk | null>>
  docs(keys: readonly string[]): Promise<Map<string, SearchDoc[] | null>>
}

export type Hit = { segment: string; ord: number; day: number; score: number; matched: number; doc?: SearchDoc }

export type Ranked = {
  hits: Hit[]
  /** No document matched every term: these match some, best first. */
  partial: boolean
  /** Work was capped: terms, chunks or prefix expansions were left out. */
  cut: boolean
  /** When the next scheduled document is released, if one is indexed: no answer stays true past it. */
  freshUntil?: number
}

/** `terms`: the query terms matched, a bit each (at most MAX_TERMS); `positions`: a phrase's words' positions, when the query has phrases. */
type Match = {
  hit: Hit
  terms: number
  positions: Map<string, number[]> | null
  /** The segment's place among the directory's, newest highest (the recent one Infinity): ties go to the newer. */
  recency: number
}

const bitCount = (bits: number) => {
  let n = 0
  for (; bits !== 0; bits &= bits - 1) n++
  return n
}

const END = '\uffff'
/** Numbers a posting takes in PostingColumns.fields, as a local constant: the loops over postings are a query's hottest. */
const STRIDE = FIELDS
/** Body positions are moved this far past the title's in a phrase match, so no phrase spans the two. */
const BODY_OFFSET = 2 ** 30

/** Ranks every document the query matches; `sort: 'date'` puts the newest first instead. */
export async function rank(
  dir: SearchDirectory,
  source: SearchSource,
  query: Query,
  now: number,
  sort: 'relevance' | 'date',
): Promise<Ranked> {
  let cut = query.cut
  const last = query.terms.length - 1
  const share = Math.max(1, Math.min(MAX_CHUNKS_PER_TERM, Math.floor(MAX_CHUNKS / Math.max(1, query.terms.length))))
  const wanted: Array<{ segment: string; keys: string[] }> = []
  const keys = new Set<string>()
  for (const { id, bounds } of dir.segments) {
    const mine = new Set<string>()
    query.terms.forEach((term, i) => {
      const chunks = i === last && query.prefix ? chunksFor(bounds, term, term + END) : chunksFor(bounds, term)
      if (chunks.length > share) cut = true
      for (const k of chunks.slice(0, share)) mine.add(termChunkKey(id, k))
    })
    const room = [...mine].filter((key) => keys.has(key) || keys.size < MAX_KEYS)
    if (room.length < mine.size) cut = true
    for (const key of room) keys.add(key)
    wanted.push({ segment: id, keys: room })
  }
  const read = keys.size > 0 ? await source.chunks([...keys]) : new Map<string, TermChunk | null>()
  const segments = [
    { segment: RECENT, chunks: [dir.recent.terms] },
    ...wanted.map(({ segment, keys }) => ({ segment, chunks: keys.map((key) => read.get(key) ?? {}) })),
  ]

  // Deleted and not yet released documents are read past alike.
  const deleted = new Map(Object.entries(dir.deleted).map(([segment, ords]) => [segment, new Set(ords)]))
  let freshUntil: number | undefined
  for (const [segment, ord, at] of dir.upcoming) {
    const ms = Date.parse(at)
    if (ms <= now) continue
    deleted.set(segment, (deleted.get(segment) ?? new Set()).add(ord))
    freshUntil = Math.min(freshUntil ?? ms, ms)
  }

  // Positions are decoded only for a phrase's exact words.
  const phrases = query.phrases.length > 0
  // Every (query term, word it matched) with the postings read for it, per field document frequencies counted as MiniSearch does.
  const found: Array<{ i: number; word: string; segment: string; lists: PostingColumns[]; gone: Set<number> | undefined }> = []
  const frequency = new Map<string, { title: number; body: number }>()
  const counted = new Set<string>()
  for (const { segment, chunks } of segments) {
    const gone = deleted.get(segment)
    query.terms.forEach((term, i) => {
      // A word's postings, a list per chunk that holds some of them.
      const words = new Map<string, PostingColumns[]>()
      for (const chunk of chunks) {
        if (i === last && query.prefix) {
          for (const word of Object.keys(chunk)) {
            if (!word.startsWith(term)) continue
            if (!words.has(word) && words.size >= MAX_EXPANSIONS) {
              cut = true
              continue
            }
            // The term itself may also be a phrase's word (`"a b" b`): its positions are read then.
            addTo(words, word, readPostings(chunk[word], phrases && word === term))
          }
        } else if (Object.hasOwn(chunk, term)) addTo(words, term, readPostings(chunk[term], phrases))
      }
      for (const [word, lists] of words) {
        found.push({ i, word, segment, lists, gone })
        // A word the prefix also stands for is counted once.
        if (counted.has(`${segment}:${word}`)) continue
        counted.add(`${segment}:${word}`)
        const f = frequency.get(word) ?? { title: 0, body: 0 }
        for (const { count, fields } of lists)
          for (let at = 0; at < count * STRIDE; at += STRIDE) {
            if (gone?.has(fields[at])) continue
            if (fields[at + 4] > 0) f.title++
            if (fields[at + 5] > 0) f.body++
          }
        frequency.set(word, f)
      }
    })
  }

  const n = Math.max(dir.docs, 1)
  const avgTitle = dir.title_tokens / n || 1
  const avgBody = dir.body_tokens / n || 1
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5))
  const bm25 = (tf: number, length: number, avg: number) => (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * length) / avg))
  // Per segment, ordinal → 1 + the match's place in `all`, which holds them in the order first matched
  // (an ordinal past the segment's count, which no index written has, in a map instead).
  const recency = new Map(dir.segments.map((s, i) => [s.id, dir.segments.length - i]))
  const docsIn = new Map(dir.segments.map((s) => [s.id, s.docs]))
  const places = segments.map(({ segment }) => ({
    array: null as Int32Array | null,
    docs: segment === RECENT ? dir.recent.docs.length : (docsIn.get(segment) ?? 0),
    spill: new Map<number, number>(),
    recency: recency.get(segment) ?? Infinity,
  }))
  const all: Match[] = []
  const segmentNumber = new Map(segments.map(({ segment }, k) => [segment, k]))
  for (const { i, word, segment, lists, gone } of found) {
    const mine = places[segmentNumber.get(segment)!]
    const array = (mine.array ??= new Int32Array(mine.docs))
    const f = frequency.get(word)!
    const idfTitle = idf(f.title)
    const idfBody = idf(f.body)
    const exact = word === query.terms[i]
    const weight = exact ? 1 : (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * (word.length - query.terms[i].length))
    const bit = 1 << i
    for (const { count, fields, title, body } of lists)
      for (let k = 0, at = 0; k < count; k++, at += STRIDE) {
        const ord = fields[at]
        if (gone?.has(ord)) continue
        const inTitle = fields[at + 4]
        const inBody = fields[at + 5]
        const score =
          weight *
          ((inTitle > 0 ? TITLE_BOOST * idfTitle * bm25(inTitle, fields[at + 2], avgTitle) : 0) +
            (inBody > 0 ? idfBody * bm25(inBody, fields[at + 3], avgBody) : 0))
        const inArray = ord >= 0 && ord < array.length
        const place = (inArray ? array[ord] : (mine.spill.get(ord) ?? 0)) - 1
        let match: Match
        if (place >= 0) match = all[place]
        else {
          match = { hit: { segment, ord, day: fields[at + 1], score: 0, matched: 0 }, terms: 0, positions: null, recency: mine.recency }
          all.push(match)
          if (inArray) array[ord] = all.length
          else mine.spill.set(ord, all.length)
        }
        match.hit.score += score
        match.terms |= bit
        if (exact && phrases) (match.positions ??= new Map()).set(word, [...title![k], ...body![k].map((at) => at + BODY_OFFSET)])
      }
  }

  for (const match of all) match.hit.matched = bitCount(match.terms)
  const complete = all.filter((m) => m.hit.matched === query.terms.length && query.phrases.every((phrase) => hasPhrase(m, phrase)))
  const partial = complete.length === 0 && query.terms.length > 1
  const kept = partial ? all : complete
  const newer = (a: Match, b: Match) => b.hit.day - a.hit.day || b.recency - a.recency || a.hit.ord - b.hit.ord
  kept.sort(sort === 'date' ? newer : (a, b) => b.hit.matched - a.hit.matched || b.hit.score - a.hit.score || newer(a, b))
  const hits = kept.map((m) => m.hit)
  return { hits, partial, cut, freshUntil }
}

function addTo(words: Map<string, PostingColumns[]>, word: string, postings: PostingColumns): void {
  const lists = words.get(word)
  if (lists) lists.push(postings)
  else words.set(word, [postings])
}

/** Whether the phrase's terms occur one after another somewhere in the document. */
function hasPhrase(match: Match, phrase: Query['phrases'][number]): boolean {
  const first = match.positions?.get(phrase[0].term) ?? []
  return first.some((start) => phrase.every(({ term, offset }) => match.positions?.get(term)?.includes(start + offset)))
}

/** Fills in the documents of the hits shown, in one multi-key get. */
export async function withDocs(dir: SearchDirectory, source: SearchSource, hits: Hit[]): Promise<Hit[]> {
  const per = new Map(dir.segments.map((s) => [s.id, s.per ?? DOCS_PER_CHUNK]))
  const perOf = (hit: Hit) => per.get(hit.segment) ?? DOCS_PER_CHUNK
  const keyOf = (hit: Hit) => docChunkKey(hit.segment, Math.floor(hit.ord / perOf(hit)))
  const keys = [...new Set(hits.filter((hit) => hit.segment !== RECENT).map(keyOf))]
  const read = keys.length > 0 ? await source.docs(keys) : new Map<string, SearchDoc[] | null>()
  return hits.flatMap((hit) => {
    const doc = hit.segment === RECENT ? dir.recent.docs[hit.ord] : read.get(keyOf(hit))?.[hit.ord % perOf(hit)]
    return doc ? [{ ...hit, doc }] : []
  })
}
