/**
 * The publisher's memory of the search index: the directory the Worker reads,
 * and which document each segment holds at each ordinal (with its fields'
 * token counts), so a delete or an edit can be marked deleted where it is
 * indexed, and a merge can rebuild segments from the documents themselves.
 *
 *   search:<s>:m          [[id, title tokens, body tokens], …] of a small or middle segment, written with it
 *   search:base:00 … :63  the base segment's, BASE_MEMBERS_CHUNK a key: written only when the base is built
 *   (the recent segment's are in the directory, rewritten with it: a publish costs one key)
 */
import { z } from 'zod'
import { RECENT, SEARCH_DIR_KEY, type SearchDirectory, SearchDirectorySchema } from '../../../src/shared/search-index'

/** Slots of each small ('a') and middle ('m') level: twice as many as FANOUT, so a new segment never takes one the last directory named. */
export const SLOTS = 16
export const membersKey = (segment: string) => `search:${segment}:m`
export const BASE_MEMBERS_CHUNK = 4096
export const BASE_MEMBER_CHUNKS = 64
export const baseMembersKey = (k: number) => `search:base:${k.toString().padStart(2, '0')}`

export const MemberSchema = z.tuple([z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()])
export type Member = z.infer<typeof MemberSchema>
export type Members = Record<string, Member[]>

export type SearchState = {
  dir: SearchDirectory | null
  /** segment → its members in ordinal order, the base and the recent segment included. */
  members: Members
}

export const EMPTY_SEARCH: SearchState = { dir: null, members: {} }

/** Every key the state is read from, in one multi-key get with the manifest's. */
export const searchStateKeys = [
  SEARCH_DIR_KEY,
  ...Array.from({ length: BASE_MEMBER_CHUNKS }, (_, k) => baseMembersKey(k)),
  ...['a', 'm'].flatMap((level) => Array.from({ length: SLOTS }, (_, i) => membersKey(`${level}${i}`))),
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
  return { dir: dir.data, members }
}
