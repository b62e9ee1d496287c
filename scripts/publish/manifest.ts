/**
 * The seed's memory, kept in KV beside the articles so that any machine can
 * seed incrementally (locally or against the real namespace) without listing keys.
 */
import { z } from 'zod'
import { TimestampSchema } from '../../src/shared/records'

export const MANIFEST_SHARDS = 16
export const MANIFEST_INDEX_KEY = 'manifest:index'
export const manifestShardKey = (shard: number) => `manifest:${shard.toString().padStart(2, '0')}`
export const manifestShardKeys = Array.from({ length: MANIFEST_SHARDS }, (_, shard) => manifestShardKey(shard))

/** FNV-1a: a cheap, stable spread of ids over the manifest shards. */
export function manifestShardOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % MANIFEST_SHARDS
}

/** id → [slug, content hash, modified_at] */
export const ManifestShardSchema = z.record(z.string(), z.tuple([z.string(), z.string(), TimestampSchema]))
export type ManifestShard = z.infer<typeof ManifestShardSchema>

const FingerprintSchema = z.tuple([z.string(), TimestampSchema])
export type Fingerprint = z.infer<typeof FingerprintSchema>

/** Fingerprints of what was last written for each list page and the feed. */
export const IndexStateSchema = z.object({
  pages: z.array(FingerprintSchema),
  sitemaps: z.array(FingerprintSchema).default([]),
  feed: FingerprintSchema.nullable(),
  meta: FingerprintSchema.nullable(),
})
export type IndexState = z.infer<typeof IndexStateSchema>

export type ManifestEntry = { slug: string; hash: string; modified_at: string }

export type PreviousState = {
  articles: Map<string, ManifestEntry>
  index: IndexState
}

export const EMPTY_STATE: PreviousState = { articles: new Map(), index: { pages: [], sitemaps: [], feed: null, meta: null } }

/** Rebuilds the previous state from the raw values of the manifest keys (missing keys are absent). */
export function readPreviousState(
  values: ReadonlyMap<string, string | null>,
  shardKeys: readonly string[],
  indexKey: string,
): PreviousState {
  const articles = new Map<string, ManifestEntry>()
  for (const key of shardKeys) {
    const raw = values.get(key)
    if (raw == null) continue
    for (const [id, [slug, hash, modified_at]] of Object.entries(ManifestShardSchema.parse(JSON.parse(raw)))) {
      articles.set(id, { slug, hash, modified_at })
    }
  }
  const rawIndex = values.get(indexKey)
  const index = rawIndex == null ? EMPTY_STATE.index : IndexStateSchema.parse(JSON.parse(rawIndex))
  return { articles, index }
}
