/**
 * Reads from KV, each validated by its schema where it enters. A request reads
 * one key, or one multi-key get; nothing here lists keys or loops over articles.
 */
import type { z } from 'zod'
import {
  FeedSourceSchema,
  HeadSchema,
  SealedPageSchema,
  SiteImageSchema,
  StoredArticleSchema,
  type FeedSource,
  type Head,
  type SealedPage,
  type SiteImage,
  type StoredArticle,
} from '../shared/records'
import { articleKey, FEED_KEY, HEAD_KEY, pageKey, SITE_IMAGE_KEY } from '../shared/keys'

/** KV's minimum edge cache time; with the isolate cache's TTL it bounds staleness at 60 s. */
export const KV_CACHE_TTL = 30

/** A slow store is a failed store: past this, answer from cache or say 503. */
export const KV_READ_TIMEOUT_MS = 2000

/** Storage failed: a read threw, timed out, or returned a value that does not match its schema. */
export class StoreError extends Error {}

/** A stored value that does not match its schema: never served, always logged. */
export class CorruptValueError extends StoreError {}

async function guarded<T>(key: string, read: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreError(`reading ${key} timed out after ${KV_READ_TIMEOUT_MS} ms`)), KV_READ_TIMEOUT_MS)
  })
  try {
    return await Promise.race([read(), timeout])
  } catch (error) {
    if (error instanceof StoreError) throw error
    if (error instanceof SyntaxError) throw new CorruptValueError(`stored value ${key} is not JSON`)
    throw new StoreError(`reading ${key} failed: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    clearTimeout(timer)
  }
}

function validate<T>(schema: z.ZodType<T>, key: string, value: unknown): T | null {
  if (value === null) return null
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new CorruptValueError(`stored value ${key} does not match its schema: ${result.error.issues[0]?.message}`)
  }
  return result.data
}

async function readOne<T>(kv: KVNamespace, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const value = await guarded(key, () => kv.get(key, { type: 'json', cacheTtl: KV_CACHE_TTL }))
  return validate(schema, key, value)
}

export const readArticle = (kv: KVNamespace, slug: string): Promise<StoredArticle | null> =>
  readOne(kv, articleKey(slug), StoredArticleSchema)

export const readFeedSource = (kv: KVNamespace): Promise<FeedSource | null> => readOne(kv, FEED_KEY, FeedSourceSchema)

export const readHead = (kv: KVNamespace): Promise<Head | null> => readOne(kv, HEAD_KEY, HeadSchema)

/** The site's preview image, or null before a seed with images. */
export const readSiteImage = (kv: KVNamespace): Promise<SiteImage | null> => readOne(kv, SITE_IMAGE_KEY, SiteImageSchema)

/** KV's limit of keys in one multi-key get. */
export const MAX_KEYS_PER_GET = 100

export type IndexRead = { head: Head | null; pages: Map<number, SealedPage | null> }

/** The head (when asked for) and sealed pages, in one multi-key get; a missing key is null. */
export async function readIndex(kv: KVNamespace, wanted: { head: boolean; pages: readonly number[] }): Promise<IndexRead> {
  const keys = [...(wanted.head ? [HEAD_KEY] : []), ...wanted.pages.map(pageKey)]
  if (keys.length === 1 && wanted.head) return { head: await readHead(kv), pages: new Map() }
  const values =
    keys.length === 0 ? new Map() : await guarded(keys.join(', '), () => kv.get(keys, { type: 'json', cacheTtl: KV_CACHE_TTL }))
  return {
    head: wanted.head ? validate(HeadSchema, HEAD_KEY, values.get(HEAD_KEY) ?? null) : null,
    pages: new Map(wanted.pages.map((k) => [k, validate(SealedPageSchema, pageKey(k), values.get(pageKey(k)) ?? null)])),
  }
}
