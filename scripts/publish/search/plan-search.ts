/**
 * The search index's part of a seed plan: pure. From the articles, which of
 * them changed, and the previous search state, it decides the puts, the
 * deletes and the next state, segment by segment as Lucene does:
 *
 * - A new or edited article goes into the recent segment, held inline in the
 *   directory: publishing one rewrites the directory, one key.
 * - A deleted or edited article is marked deleted in its segment's list in the
 *   directory, so the change shows at once; merges drop it for good.
 * - When the recent segment passes RECENT_MAX it becomes a small segment ('a');
 *   FANOUT small ones are merged into a middle one ('m'), kept to at most 30 keys
 *   (bigger chunks for a big batch); past MAX_MIDDLE middle ones (about 1,700 new
 *   or edited articles), the two oldest middle ones become one, again in at most
 *   30 keys: every publish stays within a few dozen writes (issue 11's bounds).
 * - Their chunks grow with each such merge, and with them what a query reads: the
 *   base ('b') is built again from every article, as on a first seed, only when
 *   asked (`npm run seed -- --rebuild-search`), since at 100,000 articles that is
 *   some 28,000 writes, more than KV's free plan allows in a day.
 *
 * Segment ids are slots ('a0'…'a15'): a new segment takes a slot no segment of
 * the previous directory or the next uses, so a reader holding the previous
 * directory never reads a chunk rewritten under it, and no old key needs a delete.
 */
import { sha256Hex } from '../../../src/shared/hash'
import { isReleased } from '../../../src/shared/order'
import {
  docChunkKey,
  DOCS_PER_CHUNK,
  RECENT,
  SEARCH_DIR_KEY,
  storedDirectory,
  type SearchDirectory,
  type SearchDoc,
  type Segment,
  termChunkKey,
} from '../../../src/shared/search-index'
import { jsonPut, type LazyPut } from '../put'
import { type BuiltSegment, buildSegment, type IndexedDoc } from './segment'
import { BASE_MEMBER_CHUNKS, BASE_MEMBERS_CHUNK, baseMembersKey, type Members, membersKey, type SearchState, SLOTS } from './state'

/** Documents the directory holds inline: with their postings, about 3 KB each. */
export const RECENT_MAX = 16
/** Small segments merged at once. */
export const FANOUT = 8
/** Middle segments past which the two oldest are merged: with SLOTS 16, one can always be added in a slot the last directory did not name. */
export const MAX_MIDDLE = 12

export type SearchArticle = Omit<IndexedDoc, 'body'>

export type SearchInput = {
  /** Every article stored, scheduled ones included. */
  articles: readonly SearchArticle[]
  /** An article's body text, read only for the articles a segment being built holds. */
  body: (id: string) => string
  /** Ids added or edited by this seed. */
  changed: ReadonlySet<string>
  previous: SearchState
  now: string
  /** Build the base again from every article (`--rebuild-search`); it is built anyway when there is no index yet. */
  rebuild?: boolean
}

export type SearchPlan = { puts: LazyPut[]; deletes: string[]; state: SearchState }

type Located = { segment: string; ord: number }

const levelOf = (segment: string) => segment[0]

export async function planSearch({
  articles,
  body,
  changed,
  previous,
  now,
  rebuild: rebuildAll = false,
}: SearchInput): Promise<SearchPlan> {
  const byId = new Map(articles.map((a) => [a.id, a]))
  const docOf = (id: string): IndexedDoc => ({ ...byId.get(id)!, body: () => body(id) })
  const nowMs = Date.parse(now)
  const scheduled = new Set(articles.filter((a) => !isReleased(a, nowMs)).map((a) => a.id))
  if (previous.dir === null || rebuildAll) return rebuild(articles, docOf, previous, scheduled)
  const dir = previous.dir

  const where = new Map<string, Located>()
  for (const [segment, list] of Object.entries(previous.members)) for (const [ord, [id]] of list.entries()) where.set(id, { segment, ord })
  const gone = [...where.keys()].filter((id) => !byId.has(id) || changed.has(id))
  const added = [...changed].filter((id) => byId.has(id))
  if (gone.length === 0 && added.length === 0 && sameUpcoming(dir, where, scheduled, nowMs))
    return { puts: [], deletes: [], state: previous }

  const deleted = new Map(Object.entries(dir.deleted).map(([segment, ords]) => [segment, new Set(ords)]))
  for (const id of gone) {
    const { segment, ord } = where.get(id)!
    if (segment === RECENT) continue
    deleted.set(segment, (deleted.get(segment) ?? new Set()).add(ord))
  }
  const goneIds = new Set(gone)
  const liveOf = (segment: string) => (previous.members[segment] ?? []).map(([id]) => id).filter((id) => !goneIds.has(id))
  let pending = [...liveOf(RECENT), ...added]

  // The segments after this plan, oldest level first; new ones get built below.
  let segments = dir.segments.map((s) => ({ segment: s, ids: null as string[] | null }))
  const used = new Set(dir.segments.map((s) => s.id))
  const slot = (level: string) => {
    for (let i = 0; i < SLOTS; i++) {
      const id = `${level}${i}`
      if (!used.has(id)) {
        used.add(id)
        return id
      }
    }
    throw new Error(`no free search segment slot at level ${level}`)
  }
  const fresh: Array<{ id: string; ids: string[] }> = []
  if (pending.length > RECENT_MAX) {
    const smalls = segments.filter((s) => levelOf(s.segment.id) === 'a')
    // The small ones and the recent documents become one middle segment once FANOUT would pile up.
    if (smalls.length + 1 >= FANOUT || pending.length > RECENT_MAX * FANOUT) {
      const ids = [...smalls.flatMap((s) => liveOf(s.segment.id)), ...pending]
      segments = segments.filter((s) => levelOf(s.segment.id) !== 'a')
      for (const s of smalls) deleted.delete(s.segment.id)
      fresh.push({ id: slot('m'), ids })
    } else fresh.push({ id: slot('a'), ids: pending })
    pending = []
  }
  const middles = segments.filter((s) => levelOf(s.segment.id) === 'm')
  if (middles.length + fresh.filter((f) => levelOf(f.id) === 'm').length > MAX_MIDDLE) {
    const [first, second] = middles
    const ids = [...liveOf(first.segment.id), ...liveOf(second.segment.id)]
    segments = segments.filter((s) => s !== first && s !== second)
    deleted.delete(first.segment.id)
    deleted.delete(second.segment.id)
    fresh.push({ id: slot('m'), ids })
  }

  const newestFirstIds = (ids: readonly string[]) => newestFirst(ids.map((id) => byId.get(id)!)).map((a) => a.id)
  const puts: LazyPut[] = []
  const kept: Segment[] = segments.map((s) => s.segment)
  const members: Members = {}
  for (const segment of kept) members[segment.id] = previous.members[segment.id] ?? []
  for (const { id, ids } of fresh) {
    const ordered = newestFirstIds(ids)
    const built = buildSegment(ordered.map(docOf), 'few')
    puts.push(
      ...segmentPuts(id, built.chunks, built.docChunks),
      jsonPut(membersKey(id), () => built.members),
    )
    kept.push({ id, docs: ordered.length, bounds: built.bounds, ...(built.per === DOCS_PER_CHUNK ? {} : { per: built.per }) })
    members[id] = built.members
  }

  const recent = buildSegment(newestFirstIds(pending).map(docOf), 'inline')
  members[RECENT] = recent.members
  const next = await directory(kept, recent, deleted, members, byId, scheduled)
  // Ids already marked deleted stay listed until a merge, so they come back as gone: a directory that
  // comes out as it was is not written again (an unchanged re-seed writes nothing).
  if (fresh.length === 0 && next.version === dir.version) return { puts: [], deletes: [], state: previous }
  puts.push(jsonPut(SEARCH_DIR_KEY, () => storedDirectory(next)))
  return { puts, deletes: [], state: { dir: next, members } }
}

/** Newest first, then by id; each date parsed once, not twice a comparison (100,000 articles take some 1.7 M). */
function newestFirst<T extends SearchArticle>(articles: readonly T[]): T[] {
  return articles
    .map((article) => ({ article, ms: Date.parse(article.published_at) }))
    .sort((a, b) => b.ms - a.ms || (a.article.id < b.article.id ? -1 : 1))
    .map(({ article }) => article)
}

/** Every article in one base segment, in a slot the previous directory does not use; the previous segments' keys deleted. */
async function rebuild(
  articles: readonly SearchArticle[],
  docOf: (id: string) => IndexedDoc,
  previous: SearchState,
  scheduled: ReadonlySet<string>,
): Promise<SearchPlan> {
  const id = previous.dir?.segments.some((s) => s.id === 'b0') ? 'b1' : 'b0'
  const ordered = newestFirst(articles)
  const built = buildSegment(ordered.map((a) => docOf(a.id)))
  const segment: Segment = { id, docs: ordered.length, bounds: built.bounds }
  const members: Members = { [id]: built.members, [RECENT]: [] }
  const byId = new Map(articles.map((a) => [a.id, a]))
  const next = await directory([segment], buildSegment([], 'inline'), new Map(), members, byId, scheduled)
  const puts = segmentPuts(id, built.chunks, built.docChunks)
  for (let k = 0; k * BASE_MEMBERS_CHUNK < built.members.length || k === 0; k++) {
    if (k >= BASE_MEMBER_CHUNKS) throw new Error('too many articles for the search index')
    puts.push(jsonPut(baseMembersKey(k), () => built.members.slice(k * BASE_MEMBERS_CHUNK, (k + 1) * BASE_MEMBERS_CHUNK)))
  }
  puts.push(jsonPut(SEARCH_DIR_KEY, () => storedDirectory(next)))
  // The old base's keys go; the small and middle slots are written over when next used.
  const deletes = (previous.dir?.segments ?? [])
    .filter((s) => s.id.startsWith('b'))
    .flatMap((s) => [
      ...s.bounds.map((_, k) => termChunkKey(s.id, k)),
      ...Array.from({ length: Math.ceil(s.docs / (s.per ?? DOCS_PER_CHUNK)) }, (_, k) => docChunkKey(s.id, k)),
    ])
  return { puts, deletes, state: { dir: next, members } }
}

function segmentPuts(id: string, chunks: readonly object[], docChunks: readonly SearchDoc[][]): LazyPut[] {
  return [
    ...chunks.map((chunk, k) => jsonPut(termChunkKey(id, k), () => chunk)),
    ...docChunks.map((docs, k) => jsonPut(docChunkKey(id, k), () => docs)),
  ]
}

/** The directory: segments, the recent one inline, deletions, scheduled documents and the totals BM25 averages over. */
async function directory(
  segments: readonly Segment[],
  recent: BuiltSegment,
  deleted: ReadonlyMap<string, ReadonlySet<number>>,
  members: Members,
  byId: ReadonlyMap<string, SearchArticle>,
  scheduled: ReadonlySet<string>,
): Promise<SearchDirectory> {
  let docs = 0
  let title = 0
  let bodyTokens = 0
  const upcoming: SearchDirectory['upcoming'] = []
  for (const [segment, list] of Object.entries(members)) {
    const gone = deleted.get(segment)
    list.forEach(([id, t, b], ord) => {
      if (gone?.has(ord)) return
      docs++
      title += t
      bodyTokens += b
      if (scheduled.has(id)) upcoming.push([segment, ord, byId.get(id)!.published_at])
    })
  }
  const body = {
    docs,
    title_tokens: title,
    body_tokens: bodyTokens,
    segments: [...segments],
    recent: { terms: recent.chunks[0] ?? {}, docs: recent.docChunks.flat(), members: recent.members },
    deleted: Object.fromEntries(
      [...deleted].filter(([, ords]) => ords.size > 0).map(([segment, ords]) => [segment, [...ords].sort((a, b) => a - b)]),
    ),
    upcoming,
  }
  return { version: (await sha256Hex(JSON.stringify(body))).slice(0, 16), ...body }
}

/** Whether the scheduled documents the directory lists are still the ones to list (a changed date is a change, so an edit). */
function sameUpcoming(dir: SearchDirectory, where: ReadonlyMap<string, Located>, scheduled: ReadonlySet<string>, nowMs: number): boolean {
  const listed = new Set(dir.upcoming.filter(([, , at]) => Date.parse(at) > nowMs).map(([segment, ord]) => `${segment}:${ord}`))
  const located = [...scheduled].map((id) => where.get(id)).map((l) => `${l?.segment}:${l?.ord}`)
  return located.length === listed.size && located.every((key) => listed.has(key))
}
