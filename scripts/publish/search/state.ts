/**
 * The publisher's memory of the search index: the directory the Worker reads,
 * and which document each segment holds at each ordinal (with its fields'
 * token counts), so a delete or an edit can be marked deleted where it is
 * indexed, and a merge can rebuild segments from the documents themselves.
 *
 *   search:<s>:m          [[id, title tokens, body tokens], …] of a small or merged segment, written with it (a merge's when it starts)
 *   search:<s>:c          a merge's cuts, written when it starts (its members too, in search:<s>:m)
 *   search:base:00 … :63  the base segment's, BASE_MEMBERS_CHUNK a key: written only when the base is built
 *   (the recent segment's are in the directory, rewritten with it: a publish costs one key)
 */
import { z } from 'zod'
import { RECENT, SEARCH_DIR_KEY, type SearchDirectory, SearchDirectorySchema } from '../../../src/shared/search-index'
import type { Cut } from './segment'

/**
 * Slots of small segments ('a', at most FANOUT of them at once, and as many being merged) and of
 * merged ones ('m', a few a tier and a merge's target), so a new segment never takes one the last
 * directory named.
 */
export const SLOTS = { a: 16, m: 32 } as const
export const membersKey = (segment: string) => `search:${segment}:m`
/** A merge's cuts (segment.ts), written when it starts, read by each publish that writes more of it. */
export const cutsKey = (segment: string) => `search:${segment}:c`
export const BASE_MEMBERS_CHUNK = 4096
export const BASE_MEMBER_CHUNKS = 64
export const baseMembersKey = (k: number) => `search:base:${k.toString().padStart(2, '0')}`

const CutSchema = z.tuple([z.string(), z.union([z.literal(0), z.literal(1)]), z.number().int().nonnegative()])

export const MemberSchema = z.tuple([z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()])
export type Member = z.infer<typeof MemberSchema>
export type Members = Record<string, Member[]>

/** A merge being written: its target's members in ordinal order and where its chunks start. */
export type Merge = { members: Member[]; cuts: Cut[] }

export type SearchState = {
  dir: SearchDirectory | null
  /** segment → its members in ordinal order, the base and the recent segment included. */
  members: Members
  /** target → the merge being written there (the directory's `merging` says how far). */
  merges: Record<string, Merge>
}

export const EMPTY_SEARCH: SearchState = { dir: null, members: {}, merges: {} }

/** Every key the state is read from, in one multi-key get with the manifest's. */
export const searchStateKeys = [
  SEARCH_DIR_KEY,
  ...Array.from({ length: BASE_MEMBER_CHUNKS }, (_, k) => baseMembersKey(k)),
  ...(['a', 'm'] as const).flatMap((level) => Array.from({ length: SLOTS[level] }, (_, i) => membersKey(`${level}${i}`))),
  ...Array.from({ length: SLOTS.m }, (_, i) => cutsKey(`m${i}`)),
]

/** The state from the raw values of searchStateKeys; a missing or unreadable part means the index is built anew. */
export function readSearchState(values: ReadonlyMap<string, string | null>): SearchState {
  const dir = SearchDirectorySchema.safeParse(JSON.parse(values.get(SEARCH_DIR_KEY) ?? 'null'))
  if (!dir.success) return EMPTY_SEARCH
  const members: Members = { [RECENT]: dir.data.recent.members }
  const list = (key: string) => z.array(MemberSchema).safeParse(JSON.parse(values.get(key) ?? 'null'))
  for (const segment of dir.data.segments) {
    const found: Member[] = []
    if (segment.id.startsWith('b')) {
      for (let k = 0; found.length < segment.docs && k < BASE_MEMBER_CHUNKS; k++) {
        const chunk = list(baseMembersKey(k))
        if (!chunk.success) return EMPTY_SEARCH
        found.push(...chunk.data)
      }
    } else {
      const chunk = list(membersKey(segment.id))
      if (!chunk.success) return EMPTY_SEARCH
      found.push(...chunk.data)
    }
    if (found.length !== segment.docs) return EMPTY_SEARCH
    members[segment.id] = found
  }
  const merges: Record<string, Merge> = {}
  for (const { target } of dir.data.merging ?? []) {
    const found = list(membersKey(target))
    const cuts = z.array(CutSchema).safeParse(JSON.parse(values.get(cutsKey(target)) ?? 'null'))
    if (!found.success || !cuts.success) return EMPTY_SEARCH
    merges[target] = { members: found.data, cuts: cuts.data }
  }
  return { dir: dir.data, members, merges }
}
