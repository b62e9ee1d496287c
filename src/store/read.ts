/**
 * Reads from KV, each validated by its schema where it enters. A request reads
 * one key or one multi-key get (a few, for a facet's feed, a search or the news
 * sitemap); nothing here lists keys or loops over articles.
 */
import type { z } from 'zod'
import {
  FacetDirectorySchema,
  FacetHeadSchema,
  FacetPageSchema,
  FeedSourceSchema,
  HeadSchema,
  SealedPageSchema,
  SiteImageSchema,
  StoredArticleSchema,
  type FacetDirectory,
  type FacetHead,
  type FacetPage,
  type FeedSource,
  type Head,
  type SealedPage,
  type SiteImage,
  type StoredArticle,
} from '../shared/records'
import { ArticleHeaderSchema, splitArticleValue } from '../shared/article-value'
import {
  articleKey,
  FACETS_KEY,
  type FacetKind,
  facetIndex,
  FEED_KEY,
  HEAD_KEY,
  type IndexKeys,
  SITE_IMAGE_KEY,
  SITE_INDEX,
} from '../shared/keys'

/** KV's minimum edge cache time; with the isolate cache's TTL it bounds staleness at 60 s. */
export const KV_CACHE_TTL = 30

/** A slow store is a failed store: past this, answer from cache or say 503. */
export const KV_READ_TIMEOUT_MS = 2000

/** Storage failed: a read threw, timed out, or returned a value that does not match its schema. */
export class StoreError extends Error {}

/** A stored value that does not match its schema: never served, always logged. */
export class CorruptValueError extends StoreError {}

/** A read that fails plainly: a StoreError when it throws, times out or returns what is not JSON. */
export async function guarded<T>(key: string, read: () => Promise<T>): Promise<T> {
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

/** A seed's prepared answer inside an article's value: its bytes (a view of the value's) and their strong ETag. */
export type PreparedPart = { body: Uint8Array; etag: string }

/** An article's value as read (src/shared/article-value.ts): its dates at once, its record on demand. */
export type ArticleValue = {
  published_at: string
  modified_at: string
  /** The answers the seed prepared, and the fingerprint of the site and renderers they were made for. */
  prepared?: { for: string; json: PreparedPart; html: PreparedPart }
  /** The record, parsed and validated when first asked for: a prepared answer needs none of it. */
  record(): StoredArticle
}

const utf8 = new TextDecoder()

function parseRecord(key: string, bytes: Uint8Array): StoredArticle {
  let value: unknown
  try {
    value = JSON.parse(utf8.decode(bytes))
  } catch {
    throw new CorruptValueError(`stored value ${key} is not JSON`)
  }
  return validate(StoredArticleSchema, key, value)!
}

/** Bytes [start, end) of a value's body, which its header names: a range past them is a corrupt value. */
function slice(key: string, body: Uint8Array, start: number, end: number): Uint8Array {
  if (start > end || end > body.length) throw new CorruptValueError(`stored value ${key} names bytes it does not hold`)
  return body.subarray(start, end)
}

const preparedPart = (key: string, body: Uint8Array, [start, end, etag]: [number, number, string]): PreparedPart => ({
  body: slice(key, body, start, end),
  etag,
})

export async function readArticleValue(kv: KVNamespace, slug: string): Promise<ArticleValue | null> {
  const key = articleKey(slug)
  const parts = await guarded(key, async () => {
    const bytes = await kv.get(key, { type: 'arrayBuffer', cacheTtl: KV_CACHE_TTL })
    return bytes && splitArticleValue(new Uint8Array(bytes))
  })
  if (!parts) return null
  if (parts.header === null) {
    // A record alone, as seeds before prepared answers wrote it.
    const record = parseRecord(key, parts.body)
    return { published_at: record.published_at, modified_at: record.modified_at, record: () => record }
  }
  const header = validate(ArticleHeaderSchema, key, parts.header)!
  const recordBytes = slice(key, parts.body, ...header.record)
  let record: StoredArticle | undefined
  const { prepared } = header
  return {
    published_at: header.published_at,
    modified_at: header.modified_at,
    prepared: prepared && {
      for: prepared.for,
      json: preparedPart(key, parts.body, prepared.json),
      html: preparedPart(key, parts.body, prepared.html),
    },
    record: () => (record ??= parseRecord(key, recordBytes)),
  }
}

export const readFeedSource = (kv: KVNamespace): Promise<FeedSource | null> => readOne(kv, FEED_KEY, FeedSourceSchema)

export const readHead = (kv: KVNamespace): Promise<Head | null> => readOne(kv, HEAD_KEY, HeadSchema)

/** The site's preview image, or null before a seed with images. */
export const readSiteImage = (kv: KVNamespace): Promise<SiteImage | null> => readOne(kv, SITE_IMAGE_KEY, SiteImageSchema)

/** KV's limit of keys in one multi-key get. */
export const MAX_KEYS_PER_GET = 100

/** An index as stored: its keys and the schemas of its head and pages (the site's, or a facet's). */
export type IndexStore<H extends IndexHead, P extends IndexPage> = { keys: IndexKeys; head: z.ZodType<H>; page: z.ZodType<P> }
/** What every index's head and pages hold, whatever else they carry. */
export type IndexHead = Pick<Head, 'sealed' | 'upcoming' | 'modified_at' | 'count'> & { entries: FacetPage['entries'] }
export type IndexPage = FacetPage

export const SITE_STORE: IndexStore<Head, SealedPage> = { keys: SITE_INDEX, head: HeadSchema, page: SealedPageSchema }
export const facetStore = (kind: FacetKind, slug: string): IndexStore<FacetHead, FacetPage> & { kind: FacetKind } => ({
  kind,
  keys: facetIndex(kind, slug),
  head: FacetHeadSchema,
  page: FacetPageSchema,
})

export type IndexRead<H extends IndexHead = Head, P extends IndexPage = SealedPage> = { head: H | null; pages: Map<number, P | null> }

/** The head (when asked for) and sealed pages of an index, in one multi-key get; a missing key is null. */
export async function readIndex<H extends IndexHead = Head, P extends IndexPage = SealedPage>(
  kv: KVNamespace,
  wanted: { head: boolean; pages: readonly number[] },
  store: IndexStore<H, P> = SITE_STORE as unknown as IndexStore<H, P>,
): Promise<IndexRead<H, P>> {
  const { keys: index } = store
  const keys = [...(wanted.head ? [index.head] : []), ...wanted.pages.map(index.page)]
  if (keys.length === 1 && wanted.head) return { head: await readOne(kv, index.head, store.head), pages: new Map() }
  const values =
    keys.length === 0 ? new Map() : await guarded(keys.join(', '), () => kv.get(keys, { type: 'json', cacheTtl: KV_CACHE_TTL }))
  return {
    head: wanted.head ? validate(store.head, index.head, values.get(index.head) ?? null) : null,
    pages: new Map(wanted.pages.map((k) => [k, validate(store.page, index.page(k), values.get(index.page(k)) ?? null)])),
  }
}

/** Every topic and author with its counts, or null before a seed filed any. */
export const readFacetDirectory = (kv: KVNamespace): Promise<FacetDirectory | null> => readOne(kv, FACETS_KEY, FacetDirectorySchema)

/** The site's head and the facet directory in one multi-key get: what a sitemap reads. */
export async function readHeadAndDirectory(kv: KVNamespace): Promise<{ head: Head | null; directory: FacetDirectory | null }> {
  const keys = [HEAD_KEY, FACETS_KEY]
  const values = await guarded(keys.join(', '), () => kv.get(keys, { type: 'json', cacheTtl: KV_CACHE_TTL }))
  return {
    head: validate(HeadSchema, HEAD_KEY, values.get(HEAD_KEY) ?? null),
    directory: validate(FacetDirectorySchema, FACETS_KEY, values.get(FACETS_KEY) ?? null),
  }
}

/**
 * Articles' records in one multi-key get (a facet's feed: at most FEED_SIZE), in the order asked;
 * one missing (deleted since its index was written) is left out.
 */
export async function readArticles(kv: KVNamespace, slugs: readonly string[]): Promise<StoredArticle[]> {
  if (slugs.length === 0) return []
  const keys = slugs.map(articleKey)
  const values = await guarded(keys[0], () => kv.get(keys, { type: 'text', cacheTtl: KV_CACHE_TTL }))
  const articles: StoredArticle[] = []
  for (const key of keys) {
    const text = values.get(key)
    if (!text) continue
    const parts = splitArticleValue(encoder.encode(text))
    const header = parts.header === null ? null : validate(ArticleHeaderSchema, key, parts.header)
    articles.push(parseRecord(key, header ? slice(key, parts.body, ...header.record) : parts.body))
  }
  return articles
}

const encoder = new TextEncoder()
