/**
 * Reads from KV, each validated by its schema where it enters. A request reads
 * one key, or one multi-key get; nothing here lists keys or loops over articles.
 */
import type { z } from 'zod'
import {
  FeedSourceSchema, ListPageSchema, MetaSchema, SitemapPageSchema, StoredArticleSchema,
  type FeedSource, type ListPage, type Meta, type SitemapPage, type StoredArticle,
} from '../schema'
import { articleKey, FEED_KEY, listKey, META_KEY, sitemapKey } from './keys'

/** KV's minimum edge cache time; with the isolate cache's TTL it bounds staleness at 60 s. */
export const KV_CACHE_TTL = 30

/** A stored value that does not match its schema: never served, always logged. */
export class CorruptValueError extends Error {}

function validate<T>(schema: z.ZodType<T>, key: string, value: unknown): T | null {
  if (value === null) return null
  const result = schema.safeParse(value)
  if (!result.success) {
    throw new CorruptValueError(`stored value ${key} does not match its schema: ${result.error.issues[0]?.message}`)
  }
  return result.data
}

async function readOne<T>(kv: KVNamespace, key: string, schema: z.ZodType<T>): Promise<T | null> {
  let value: unknown
  try {
    value = await kv.get(key, { type: 'json', cacheTtl: KV_CACHE_TTL })
  } catch (error) {
    if (error instanceof SyntaxError) throw new CorruptValueError(`stored value ${key} is not JSON`)
    throw error
  }
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
  let values: Map<string, unknown>
  try {
    values = await kv.get(keys, { type: 'json', cacheTtl: KV_CACHE_TTL })
  } catch (error) {
    if (error instanceof SyntaxError) throw new CorruptValueError(`a stored list page is not JSON`)
    throw error
  }
  return keys.map((key) => validate(ListPageSchema, key, values.get(key) ?? null))
}
