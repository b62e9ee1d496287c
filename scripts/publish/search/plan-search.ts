/**
 * The search index's part of a seed plan: pure. From the articles, which of
 * them changed, and the previous search state, it decides the puts, the
 * deletes and the next state, segment by segment as Lucene does:
 *
 * - A new or edited article goes into the recent segment, held inline in the
 *   directory: publishing one rewrites the directory, one key.
 * - A deleted or edited article is marked deleted in its segment's list in the
 *   directory, so the change shows at once; merges drop it for good.
 * - When the recent segment passes RECENT_MAX it becomes a small segment ('a'),
 *   written at once (a batch of many articles in few, bigger chunks).
 * - Segments are tiered by size, each tier FANOUT times the last. When a tier
 *   holds FANOUT segments, they are merged into one of the next ('m'), in chunks
 *   of the usual size: the merge is laid out once, its cuts kept (segment.ts),
 *   and written MERGE_KEYS keys a publish into a slot no directory names; once
 *   written, it replaces its sources in the directory. Each article is written
 *   again once a tier, so a publish costs a few keys on average at any size of
 *   archive, none costs more than 32, and what a query reads stays bounded by the
 *   tiers' count instead of growing with every article published since a build.
 * - The base ('b') is built from every article on a first seed, or when asked
 *   (`npm run seed -- --rebuild-search`); it is the top tier's first segment.
 *
 * Segment ids are slots ('a0'…'a15', 'm0'…'m31'): a new segment or merge takes a
 * slot no segment or merge of the previous directory or the next uses, and none
 * that a directory of the last REUSE_AFTER_MS named while another is free, so a
 * reader holding a directory read a little earlier never reads a chunk rewritten
 * under it, and no old key needs a delete.
 */
import { sha256Hex } from '../../../src/shared/hash'
import { isReleased } from '../../../src/shared/order'
import {
  docChunkKey,
  DOCS_PER_CHUNK,
  RECENT,
  SEARCH_DIR_KEY,
  SEARCH_FORMAT,
  storedDirectory,
  type SearchDirectory,
  type SearchDoc,
  type Segment,
  termChunkKey,
} from '../../../src/shared/search-index'
import { jsonPut, type LazyPut } from '../put'
import { type BuiltSegment, buildSegment, chunksByCuts, type IndexedDoc, searchDoc } from './segment'
import { BASE_MEMBER_CHUNKS, BASE_MEMBERS_CHUNK, baseMembersKey, cutsKey, type Members, membersKey, type SearchState, SLOTS } from './state'

/** Documents the directory holds inline: with their postings, about 3 KB each. */
const RECENT_MAX = 16
/** Segments of a tier merged at once, and the ratio of one tier's size to the last's. */
const FANOUT = 4
/** Keys a publish writes of the merges under way, the smallest first; with the directory and a small segment, within 32. */
const MERGE_KEYS = 20
/** Issue 13: no publish writes more than 32 search keys. */
const PUBLISH_KEYS = 32
/** Articles past which a small segment is written in few, bigger chunks: a batch published at once. */
const BATCH = 2 * RECENT_MAX
/**
 * How long a replaced segment's slot is left alone: a Worker reads the directory with a 30 s cacheTtl,
 * and Cloudflare documents that a write can take 60 s or more to be seen everywhere (Workers KV, "How KV
 * works"). Within that time a search may still go by a directory that names the old segment.
 */
const REUSE_AFTER_MS = 60_000

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
type Merging = NonNullable<SearchDirectory['merging']>[number]

/** A segment's tier: 0 for a small one of RECENT_MAX articles, one more for each FANOUT times as many. */
const tierOf = (docs: number) => Math.max(0, Math.round(Math.log(Math.max(1, docs) / (RECENT_MAX + 1)) / Math.log(FANOUT)))

export async function planSearch({
  articles,
  body,
  changed,
  previous,
  now,
  rebuild: rebuildAll = false,
}: SearchInput): Promise<SearchPlan> {
  const byId = new Map(articles.map((a) => [a.id, a]))
  const docOf = (id: string): IndexedDoc => memberDoc(byId, body, id)
  const nowMs = Date.parse(now)
  const scheduled = new Set(articles.filter((a) => !isReleased(a, nowMs)).map((a) => a.id))
  if (previous.dir === null || rebuildAll) return rebuild(articles, docOf, previous, scheduled, now)
  const dir = previous.dir

  // Where each article is indexed now: an ordinal already marked deleted is not where it is.
  const where = new Map<string, Located>()
  for (const [segment, list] of Object.entries(previous.members)) {
    const dead = new Set(dir.deleted[segment] ?? [])
    for (const [ord, [id]] of list.entries()) if (!dead.has(ord)) where.set(id, { segment, ord })
  }
  const gone = [...where.keys()].filter((id) => !byId.has(id) || changed.has(id))
  const added = [...changed].filter((id) => byId.has(id))
  if (gone.length === 0 && added.length === 0 && sameUpcoming(dir, where, scheduled, nowMs))
    return { puts: [], deletes: [], state: previous }

  const deleted = new Map(Object.entries(dir.deleted).map(([segment, ords]) => [segment, new Set(ords)]))
  for (const id of gone) {
    const { segment, ord } = where.get(id)!
    where.delete(id)
    if (segment === RECENT) continue
    deleted.set(segment, (deleted.get(segment) ?? new Set()).add(ord))
  }
  const puts: LazyPut[] = []
  const members: Members = {}
  /** A segment's members not deleted, by id: as this plan leaves it, or as the previous one did. */
  const liveOf = (segment: string) =>
    (members[segment] ?? previous.members[segment] ?? [])
      .filter(([id], ord) => where.get(id)?.segment === segment && where.get(id)?.ord === ord)
      .map(([id]) => id)
  const segments: Segment[] = []
  for (const segment of dir.segments) {
    segments.push(segment)
    members[segment.id] = previous.members[segment.id] ?? []
  }
  const used = new Set([...dir.segments.map((s) => s.id), ...(dir.merging ?? []).map((m) => m.target)])
  // Slots replaced within REUSE_AFTER_MS, the longest ago first: taken only when no other is free.
  const cooling = new Map(stillCooling(dir, now))
  const freeSlot = (level: 'a' | 'm') => {
    const slots = Array.from({ length: SLOTS[level] }, (_, i) => `${level}${i}`).filter((id) => !used.has(id))
    const id = slots.find((slot) => !cooling.has(slot)) ?? [...cooling.keys()].find((slot) => slots.includes(slot))
    if (id === undefined) return undefined
    used.add(id)
    cooling.delete(id)
    return id
  }
  const newestFirstIds = (ids: readonly string[]) => newestFirst(ids.map((id) => byId.get(id)!)).map((a) => a.id)

  // The recent articles become a small segment once past RECENT_MAX.
  let pending = [...liveOf(RECENT), ...added]
  if (pending.length > RECENT_MAX) {
    const id = freeSlot('a')
    if (id === undefined) throw new Error('no free search segment slot for the newest articles')
    const ordered = newestFirstIds(pending)
    const built = buildSegment(ordered.map(docOf), ordered.length > BATCH ? 'few' : 'normal')
    puts.push(
      ...segmentPuts(id, built.chunks, built.docChunks),
      jsonPut(membersKey(id), () => built.members),
    )
    segments.push({ id, docs: ordered.length, bounds: built.bounds, ...(built.per === DOCS_PER_CHUNK ? {} : { per: built.per }) })
    members[id] = built.members
    for (const [ord, article] of ordered.entries()) where.set(article, { segment: id, ord })
    pending = []
  }

  // The merges under way go on, the smallest first; a finished one takes its sources' place.
  const merges: SearchState['merges'] = { ...previous.merges }
  const merging: Merging[] = []
  // With the directory, what this publish writes stays within 32 keys.
  let budget = Math.min(MERGE_KEYS, PUBLISH_KEYS - 1 - puts.length)
  const underWay = [...(dir.merging ?? [])].sort((a, b) => merges[a.target].members.length - merges[b.target].members.length)
  const advance = (job: Merging, docs: IndexedDoc[], laidOut?: BuiltSegment) => {
    const { members: list, cuts } = merges[job.target]
    const total = cuts.length + Math.ceil(list.length / DOCS_PER_CHUNK)
    const until = Math.min(total, job.written + Math.max(0, budget))
    const termsUntil = Math.min(cuts.length, until)
    if (job.written < termsUntil) {
      const chunks = laidOut?.chunks.slice(job.written, termsUntil) ?? chunksByCuts(docs, cuts, job.written, termsUntil)
      for (const [i, chunk] of chunks.entries()) puts.push(jsonPut(termChunkKey(job.target, job.written + i), () => chunk))
    }
    for (let k = Math.max(job.written, cuts.length); k < until; k++) {
      const part = docs.slice((k - cuts.length) * DOCS_PER_CHUNK, (k - cuts.length + 1) * DOCS_PER_CHUNK)
      puts.push(jsonPut(docChunkKey(job.target, k - cuts.length), () => part.map((doc) => searchDoc(doc))))
    }
    budget -= until - job.written
    if (until < total) {
      merging.push({ ...job, written: until })
      return
    }
    // Written: it replaces its sources. A member edited or deleted since it was laid out is deleted in it.
    const sources = new Set(job.sources)
    const dead = new Set<number>()
    list.forEach(([id], ord) => {
      if (!sources.has(where.get(id)?.segment ?? '')) dead.add(ord)
      else where.set(id, { segment: job.target, ord })
    })
    for (let i = segments.length - 1; i >= 0; i--) if (sources.has(segments[i].id)) segments.splice(i, 1)
    for (const source of sources) {
      delete members[source]
      deleted.delete(source)
      cooling.set(source, now)
    }
    segments.push({ id: job.target, docs: list.length, bounds: cuts.map(([term]) => term) })
    members[job.target] = list
    if (dead.size > 0) deleted.set(job.target, dead)
    delete merges[job.target]
  }
  for (const job of underWay) {
    const docs = merges[job.target].members.map(([id]) => docOf(id))
    advance(job, docs)
  }

  // A tier holding FANOUT segments not being merged starts a merge of its oldest, written as far as this publish allows.
  const inMerges = new Set(merging.flatMap((job) => job.sources))
  const busyTiers = new Set(segments.filter((s) => inMerges.has(s.id)).map((s) => tierOf(s.docs)))
  const tiers = new Map<number, Segment[]>()
  for (const segment of segments) {
    if (inMerges.has(segment.id)) continue
    const tier = tierOf(segment.docs)
    tiers.set(tier, [...(tiers.get(tier) ?? []), segment])
  }
  for (const [tier, list] of [...tiers].sort(([a], [b]) => a - b)) {
    // A merge starts with its members and cuts, then writes what the budget leaves.
    if (list.length < FANOUT || busyTiers.has(tier) || budget < 4) continue
    // With every slot taken (merges of many tiers at once), this one waits for a later publish.
    const target = freeSlot('m')
    if (target === undefined) break
    const sources = list.slice(0, FANOUT).map((s) => s.id)
    const ids = newestFirstIds(sources.flatMap(liveOf))
    const docs = ids.map(docOf)
    const laidOut = buildSegment(docs)
    merges[target] = { members: laidOut.members, cuts: laidOut.cuts }
    puts.push(
      jsonPut(membersKey(target), () => laidOut.members),
      jsonPut(cutsKey(target), () => laidOut.cuts),
    )
    budget -= 2
    advance({ target, sources, written: 0 }, docs, laidOut)
  }

  const recent = buildSegment(newestFirstIds(pending).map(docOf), 'inline')
  members[RECENT] = recent.members
  const next = await directory(segments, recent, deleted, members, byId, scheduled, merging, [...cooling])
  // A directory that comes out as it was is not written again (an unchanged re-seed writes nothing).
  if (puts.length === 0 && next.version === dir.version) return { puts: [], deletes: [], state: previous }
  puts.push(jsonPut(SEARCH_DIR_KEY, () => storedDirectory(next)))
  return { puts, deletes: [], state: { dir: next, members, merges } }
}

/**
 * An article as it is now, to index. A merge's member deleted since the merge was laid out reads
 * as empty (its ordinal is deleted in the merge once written, so nothing it gives is read).
 */
function memberDoc(byId: ReadonlyMap<string, SearchArticle>, body: (id: string) => string, id: string): IndexedDoc {
  const article = byId.get(id)
  if (article) return { ...article, body: () => body(id) }
  return { id, slug: id, title: '', summary: '', published_at: '1970-01-01T00:00:00Z', body: () => '' }
}

/** The slots a directory lists as replaced that are still within REUSE_AFTER_MS of it at `now`. */
function stillCooling(dir: SearchDirectory | null, now: string): Array<[string, string]> {
  return (dir?.freed ?? []).filter(([, at]) => Date.parse(now) - Date.parse(at) < REUSE_AFTER_MS)
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
  now: string,
): Promise<SearchPlan> {
  const id = previous.dir?.segments.some((s) => s.id === 'b0') ? 'b1' : 'b0'
  const ordered = newestFirst(articles)
  const built = buildSegment(ordered.map((a) => docOf(a.id)))
  const segment: Segment = { id, docs: ordered.length, bounds: built.bounds }
  const members: Members = { [id]: built.members, [RECENT]: [] }
  const byId = new Map(articles.map((a) => [a.id, a]))
  // The small and merged segments it replaces are left alone for a while, like any other (a merge under way is named by no reader).
  const freed = [
    ...stillCooling(previous.dir, now),
    ...(previous.dir?.segments ?? []).filter((s) => !s.id.startsWith('b')).map((s): [string, string] => [s.id, now]),
  ]
  const next = await directory([segment], buildSegment([], 'inline'), new Map(), members, byId, scheduled, [], freed)
  const puts = segmentPuts(id, built.chunks, built.docChunks)
  for (let k = 0; k * BASE_MEMBERS_CHUNK < built.members.length || k === 0; k++) {
    if (k >= BASE_MEMBER_CHUNKS) throw new Error('too many articles for the search index')
    puts.push(jsonPut(baseMembersKey(k), () => built.members.slice(k * BASE_MEMBERS_CHUNK, (k + 1) * BASE_MEMBERS_CHUNK)))
  }
  puts.push(jsonPut(SEARCH_DIR_KEY, () => storedDirectory(next)))
  // The old base's keys go; the small and merged slots are written over when next used.
  const deletes = (previous.dir?.segments ?? [])
    .filter((s) => s.id.startsWith('b'))
    .flatMap((s) => [
      ...s.bounds.map((_, k) => termChunkKey(s.id, k)),
      ...Array.from({ length: Math.ceil(s.docs / (s.per ?? DOCS_PER_CHUNK)) }, (_, k) => docChunkKey(s.id, k)),
    ])
  return { puts, deletes, state: { dir: next, members, merges: {} } }
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
  merging: readonly Merging[],
  freed: ReadonlyArray<[string, string]>,
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
    ...(merging.length > 0 ? { merging: [...merging] } : {}),
    ...(freed.length > 0 ? { freed: [...freed] } : {}),
  }
  return { format: SEARCH_FORMAT, version: (await sha256Hex(JSON.stringify(body))).slice(0, 16), ...body }
}

/** Whether the scheduled documents the directory lists are still the ones to list (a changed date is a change, so an edit). */
function sameUpcoming(dir: SearchDirectory, where: ReadonlyMap<string, Located>, scheduled: ReadonlySet<string>, nowMs: number): boolean {
  const listed = new Set(dir.upcoming.filter(([, , at]) => Date.parse(at) > nowMs).map(([segment, ord]) => `${segment}:${ord}`))
  const located = [...scheduled].map((id) => where.get(id)).map((l) => `${l?.segment}:${l?.ord}`)
  return located.length === listed.size && located.every((key) => listed.has(key))
}
