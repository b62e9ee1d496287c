/**
 * The publisher's memory of the search index: the directory the Worker reads,
 * and which document each segment holds at each ordinal (with its fields'
 * token counts), so a delete or an edit can be marked deleted where it is
 * indexed, and a merge can rebuild segments from the documents themselves.
 *
 *   search:members        segment → [[id, title tokens, body tokens], …] for every segment but the base
 *   search:base:00 … :63  the base segment's members, BASE_MEMBERS_CHUNK a key: written only when the base is built
 */
import { z } from 'zod'
import { SEARCH_DIR_KEY, type SearchDirectory, SearchDirectorySchema } from '../../../src/shared/search-index'

export const MEMBERS_KEY = 'search:members'
export const BASE_MEMBERS_CHUNK = 4096
export const BASE_MEMBER_CHUNKS = 64
export const baseMembersKey = (k: number) => `search:base:${k.toString().padStart(2, '0')}`

export const MemberSchema = z.tuple([z.string(), z.number().int().nonnegative(), z.number().int().nonnegative()])
export type Member = z.infer<typeof MemberSchema>
export const MembersSchema = z.record(z.string(), z.array(MemberSchema))
export type Members = z.infer<typeof MembersSchema>

export type SearchState = {
  dir: SearchDirectory | null
  /** segment → its members in ordinal order, the base and the recent segment included. */
  members: Members
}

export const EMPTY_SEARCH: SearchState = { dir: null, members: {} }

/** Every key the state is read from, in one multi-key get with the manifest's. */
export const searchStateKeys = [SEARCH_DIR_KEY, MEMBERS_KEY, ...Array.from({ length: BASE_MEMBER_CHUNKS }, (_, k) => baseMembersKey(k))]

/** The state from the raw values of searchStateKeys; a missing or unreadable part means the index is built anew. */
export function readSearchState(values: ReadonlyMap<string, string | null>): SearchState {
  const dir = SearchDirectorySchema.safeParse(JSON.parse(values.get(SEARCH_DIR_KEY) ?? 'null'))
  const members = MembersSchema.safeParse(JSON.parse(values.get(MEMBERS_KEY) ?? 'null'))
  if (!dir.success || !members.success) return EMPTY_SEARCH
  const base = dir.data.segments.find((segment) => segment.id.startsWith('b'))
  if (base) {
    const list: Member[] = []
    for (let k = 0; list.length < base.docs && k < BASE_MEMBER_CHUNKS; k++) {
      const chunk = z.array(MemberSchema).safeParse(JSON.parse(values.get(baseMembersKey(k)) ?? 'null'))
      if (!chunk.success) return EMPTY_SEARCH
      list.push(...chunk.data)
    }
    if (list.length !== base.docs) return EMPTY_SEARCH
    members.data[base.id] = list
  }
  return { dir: dir.data, members: members.data }
}
