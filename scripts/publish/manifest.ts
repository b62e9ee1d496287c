/**
 * The seed's memory, kept in KV beside the articles so that any machine can
 * seed incrementally (locally or against the real namespace) without listing keys.
 *
 *   manifest:00 … manifest:31   id → [slug, content hash, modified_at ('' when published_at), published_at, preview image hash, facets], by a hash of the id
 *   manifest:index              IndexState: how many pages are sealed, fingerprints of the head and the feed, the site image's hash,
 *                               and the bounds of the last sealed pages, about 250 (the tail, BOUNDS_TAIL)
 *   manifest:bounds:00 … :63    each sealed page's newest key, 1,000 pages a chunk: the tail moves into them about 250 at a time
 *
 * 32 shards: one change rewrites 1/32 of the ids (about 400 KB at 100,000 articles), and a
 * publish of 1,000 new articles still writes at most 32 of them.
 */
import { z } from 'zod'
import { TimestampSchema } from '../../src/shared/records'

export const MANIFEST_SHARDS = 32
export const MANIFEST_INDEX_KEY = 'manifest:index'
/** Sealed pages whose bounds one chunk holds: moving the tail rewrites one chunk, at most about 45 KB, not every page's bound. */
export const BOUNDS_CHUNK = 1000
/** 64,000 pages, over a million articles; past them the last chunk grows. Read every time, so a plan needs one multi-key get. */
export const BOUNDS_CHUNKS = 64
export const boundsKey = (chunk: number) => `manifest:bounds:${chunk.toString().padStart(2, '0')}`
const boundsKeys = Array.from({ length: BOUNDS_CHUNKS }, (_, chunk) => boundsKey(chunk))
/** The chunk that holds page k's bound. */
export const boundsChunkOf = (page: number) => Math.min(Math.floor(page / BOUNDS_CHUNK), BOUNDS_CHUNKS - 1)
export const manifestShardKey = (shard: number) => `manifest:${shard.toString().padStart(2, '0')}`
export const manifestShardKeys = Array.from({ length: MANIFEST_SHARDS }, (_, shard) => manifestShardKey(shard))
/** Everything a plan reads back, in one multi-key get. */
export const manifestKeys = [...manifestShardKeys, MANIFEST_INDEX_KEY, ...boundsKeys]

/** FNV-1a: a cheap, stable spread of ids over the manifest shards. */
export function manifestShardOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % MANIFEST_SHARDS
}

/** The manifest keeps 64 bits of an article's content hash: enough to tell a change, a quarter of the bytes. */
export const MANIFEST_HASH_LENGTH = 16

/**
 * id → [slug, content hash prefix, modified_at, published_at, preview image input hash prefix, facets]. A
 * manifest written before pages were sealed has no published_at: its articles are placed anew, as
 * on a first seed. An article stored without a preview image (before images, or `--no-images`) has
 * no fifth element: the next seed with images draws it. An article filed under a topic or an author
 * (issue 24) has a sixth, its facets as facets.ts writes them (its fifth then empty without an image).
 * modified_at is '' when it is published_at, as for every article never updated: 21 bytes an entry,
 * about 60 KB a shard at 100,000 articles, which a publish rewrites (issue 11's 1 MB a publish).
 */
const ModifiedSchema = z.union([TimestampSchema, z.literal('')])
export const ManifestShardSchema = z.record(
  z.string(),
  z.union([
    z.tuple([z.string(), z.string(), ModifiedSchema, TimestampSchema, z.string(), z.string()]),
    z.tuple([z.string(), z.string(), ModifiedSchema, TimestampSchema, z.string()]),
    z.tuple([z.string(), z.string(), ModifiedSchema, TimestampSchema]),
    z.tuple([z.string(), z.string(), TimestampSchema]),
  ]),
)
export type ManifestShard = z.infer<typeof ManifestShardSchema>

/** Each sealed page's newest [published_at, id], oldest page first. */
export const BoundsSchema = z.array(z.tuple([TimestampSchema, z.string()]))
export type Bounds = z.infer<typeof BoundsSchema>

/**
 * Sealed pages whose bounds `manifest:index` holds (the tail) before a publish moves them to their
 * chunk: the index is written by every publish that seals a page, so sealing writes no key of its
 * own. The move is one chunk's write, made by a publish that does not seal exactly one page (issue
 * 24: a new article that seals the site's page and one of each topic's and author's it is filed
 * under stays within 8 + 2 a facet), or by any once the tail is twice this. The tail stays about
 * 11 KB, at most about 25 KB, of the index a publish rewrites (issue 11's 1 MB).
 */
export const BOUNDS_TAIL = 250

const FingerprintSchema = z.tuple([z.string(), TimestampSchema])
export type Fingerprint = z.infer<typeof FingerprintSchema>

/** What the last plan left: fingerprints of the head and the feed, and how many pages it sealed. */
export const IndexStateSchema = z.object({
  sealed: z.number().int().nonnegative(),
  head: FingerprintSchema.nullable(),
  /** The fingerprint of what the head's readers show, which alone dates it (plan.ts). */
  head_shown: z.string().nullable().default(null),
  feed: FingerprintSchema.nullable(),
  /** The latest time a plan has stamped on a page: a later seed on a clock that is behind stamps no earlier. */
  stamped: TimestampSchema.nullable().default(null),
  /** The input hash of the site image stored under `image:site`; null: none stored. */
  site_image: z.string().nullable().default(null),
  /** The fingerprint every stored article's prepared answers were made for (plan.ts AnswerSource); null: not all have them. */
  answers: z.string().nullable().default(null),
  /** The fingerprint of the facet directory (`facets`); null: none written. */
  facets: FingerprintSchema.nullable().default(null),
  /** The last `bounds_tail.length` of the `sealed` pages' bounds; null: a store whose chunks hold them all. */
  bounds_tail: BoundsSchema.nullable().default(null),
})
export type IndexState = z.infer<typeof IndexStateSchema>

/** The index of a store seeded before pages were sealed: its keys are deleted by the next plan. */
const LegacyIndexSchema = z.object({ pages: z.array(z.unknown()), sitemaps: z.array(z.unknown()).default([]) })

export type ManifestEntry = {
  slug: string
  hash: string
  modified_at: string
  published_at: string | undefined
  /** The prefix of its preview image's input hash; undefined: stored without one. */
  image: string | undefined
  /** The facets it was filed under, and a hash of what their lists show of it (facets.ts); undefined: none. */
  facets: string | undefined
}

export type PreviousState = {
  articles: Map<string, ManifestEntry>
  index: IndexState
  bounds: Bounds
  /** How many of `bounds` (the first) are kept in chunks; the rest are the index's tail. */
  flushed: number
  /** Keys of the layout before sealed pages (list:<n>, sitemap:<n>, meta), left for this plan to delete. */
  legacyKeys: string[]
  /** Reads back the heads of the facets a plan touches (facets.ts); none: every facet is new. */
  facetHeads?: (keys: readonly string[]) => Promise<Map<string, string | null>>
}

export const EMPTY_INDEX: IndexState = {
  sealed: 0,
  head: null,
  head_shown: null,
  feed: null,
  stamped: null,
  site_image: null,
  answers: null,
  facets: null,
  bounds_tail: null,
}
export const EMPTY_STATE: PreviousState = { articles: new Map(), index: EMPTY_INDEX, bounds: [], flushed: 0, legacyKeys: [] }

/** The index state, or the keys a legacy index names. */
function readIndex(raw: string | null | undefined): { index: IndexState; legacyKeys: string[] } {
  if (raw == null) return { index: EMPTY_INDEX, legacyKeys: [] }
  const value: unknown = JSON.parse(raw)
  const legacy = LegacyIndexSchema.safeParse(value)
  if (legacy.success) {
    const { pages, sitemaps } = legacy.data
    const keys = [...pages.map((_, n) => `list:${n}`), ...sitemaps.map((_, n) => `sitemap:${n}`), 'meta']
    return { index: EMPTY_INDEX, legacyKeys: keys }
  }
  return { index: IndexStateSchema.parse(value), legacyKeys: [] }
}

/** The index state as stored, from the raw value of its key alone: what an unchanged re-seed compares (last-run.ts). */
export const storedIndexState = (values: ReadonlyMap<string, string | null>): IndexState => readIndex(values.get(MANIFEST_INDEX_KEY)).index

/** Rebuilds the previous state from the raw values of the manifest keys (missing keys are absent). */
export function readPreviousState(values: ReadonlyMap<string, string | null>): PreviousState {
  const articles = new Map<string, ManifestEntry>()
  for (const key of manifestShardKeys) {
    const raw = values.get(key)
    if (raw == null) continue
    for (const [id, [slug, hash, modified_at, published_at, image, facets]] of Object.entries(ManifestShardSchema.parse(JSON.parse(raw)))) {
      articles.set(id, {
        slug,
        hash: hash.slice(0, MANIFEST_HASH_LENGTH),
        modified_at: modified_at || (published_at as string),
        published_at,
        image: image || undefined,
        facets,
      })
    }
  }
  const { index, legacyKeys } = readIndex(values.get(MANIFEST_INDEX_KEY))
  const bounds: Bounds = []
  const tail = index.bounds_tail
  // With a tail, the chunks only up to it: more is what a run cut short before its index wrote early.
  const inChunks = tail === null ? Number.POSITIVE_INFINITY : index.sealed - tail.length
  for (const key of boundsKeys) {
    if (bounds.length >= inChunks) break
    const raw = values.get(key)
    if (raw == null || legacyKeys.length > 0) break
    bounds.push(...BoundsSchema.parse(JSON.parse(raw)))
  }
  const flushed = Math.min(bounds.length, inChunks)
  if (tail !== null && bounds.length >= inChunks) bounds.splice(inChunks, bounds.length, ...tail)
  // Pages the index does not count were written by a run cut short before its manifest: they are sealed
  // again. Fewer bounds than the index counts (a chunk lost) and the pages past them are sealed again too.
  const sealed = Math.min(index.sealed, bounds.length)
  // From the same values: a state read from a plan's puts (tests, publish-cost) holds the facet heads it wrote.
  const facetHeads = async (keys: readonly string[]) => new Map(keys.map((key) => [key, values.get(key) ?? null]))
  return {
    articles,
    index: { ...index, sealed },
    bounds: bounds.slice(0, sealed),
    flushed: Math.min(flushed, sealed),
    legacyKeys,
    facetHeads,
  }
}
