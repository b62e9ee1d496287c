/**
 * Reads from KV, each validated by its schema where it enters. A request reads
 * one key, or one multi-key get; nothing here lists keys or loops over articles.
 */
import type { z } from 'zod'
import {
  FeedSourceSchema,
  ListPageSchema,
  MetaSchema,
  SitemapPageSchema,
  StoredArticleSchema,
  type FeedSource,
  type ListPage,
  type Meta,
  type SitemapPage,
  type StoredArticle,
} from '../shared/records'
import { articleKey, FEED_KEY, listKey, META_KEY, sitemapKey } from '../shared/keys'

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

export const readSitemapPage = (kv: KVNamespace, page: number): Promise<SitemapPage | null> =>
  readOne(kv, sitemapKey(page), SitemapPageSchema)

export const readMeta = (kv: KVNamespace): Promise<Meta | null> => readOne(kv, META_KEY, MetaSchema)

/** Several consecutive list pages in one multi-key get; a missing page is null. */
export async function readListPages(kv: KVNamespace, first: number, count: number): Promise<Array<ListPage | null>> {
  const keys = Array.from({ length: count }, (_, i) => listKey(first + i))
  if (keys.length === 1) return [await readOne(kv, keys[0], ListPageSchema)]
  const values = await guarded(keys.join(', '), () => kv.get(keys, { type: 'json', cacheTtl: KV_CACHE_TTL }))
  return keys.map((key) => validate(ListPageSchema, key, values.get(key) ?? null))
}
