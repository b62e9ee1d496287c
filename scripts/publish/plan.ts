/**
 * The seed plan: from the parsed documents and what the store held before,
 * decide every write and delete, in an order that keeps the site consistent
 * at every step. Pure (no I/O), so the same plan drives the local store, the
 * real namespace and the tests, and runs in Node and in workerd alike.
 *
 * Order: changed articles, then the indexes that point at them, then deletes
 * of what no index points at any more, then the manifest. A run cut short
 * anywhere leaves old or new indexes over articles that exist, and the next
 * run, diffing against the manifest that was not yet rewritten, redoes the rest.
 */
import { sha256Hex } from '../../src/shared/hash'
import { toHead, toRecord, type ArticleRecord, type DocumentHead } from './document/derive'
import { assignSlugs } from './document/slug'
import { type Document, type FeedSource, type Meta, type StoredArticle, toListEntry } from '../../src/shared/records'
import { articleKey, FEED_KEY, FEED_SIZE, LIST_PAGE_SIZE, listKey, META_KEY, SITEMAP_SIZE, sitemapKey } from '../../src/shared/keys'
import {
  MANIFEST_INDEX_KEY,
  manifestShardKey,
  manifestShardOf,
  MANIFEST_SHARDS,
  type Fingerprint,
  type IndexState,
  type ManifestEntry,
  type ManifestShard,
  type PreviousState,
} from './manifest'
import { jsonPut, type LazyPut, utf8Length } from './put'

export type Summary = { added: number; updated: number; unchanged: number; deleted: number; total: number; version: string }

export type Plan = {
  /** Steps run in order; each is a list of puts or of deletes, never both. */
  steps: Array<{ name: 'articles' | 'indexes' | 'deletes' | 'manifest'; puts: LazyPut[]; deletes: string[] }>
  summary: Summary
  /** The index state the store's manifest holds once the plan is applied. */
  index: IndexState
}

/** The plan when the last run's record shows nothing can have changed (see last-run.ts). */
export const emptyPlan = (summary: Summary, index: IndexState): Plan => ({
  steps: (['articles', 'indexes', 'deletes', 'manifest'] as const).map((name) => ({ name, puts: [], deletes: [] })),
  summary,
  index,
})

export const isEmpty = (plan: Plan) => plan.steps.every((step) => step.puts.length === 0 && step.deletes.length === 0)

const newestFirst = (a: ArticleRecord, b: ArticleRecord) => b.published_at.localeCompare(a.published_at) || a.id.localeCompare(b.id)

const laterOf = (a: string, b: string) => (a > b ? a : b)
const earlierOf = (a: string, b: string) => (a < b ? a : b)

/**
 * An article's last significant change (RFC 4287 section 4.2.15 atom:updated; sitemaps.org lastmod:
 * when the page last changed, not when the sitemap was made): its document's own date until an edit,
 * so a first seed does not date every article to its own minute. An edit stamps the seed that
 * stores it, never earlier than the date readers already saw nor than the publication: a document
 * dated in the future keeps modified = published.
 */
const articleDate = (published: string, before: ManifestEntry | undefined, now: string): string =>
  before ? [now, before.modified_at, published].reduce(laterOf) : published

/**
 * Fingerprints an index (a list page, a sitemap file, the feed, meta) and dates it. The same content
 * and newest entry date keep the previous fingerprint: nothing to write. A changed index is as new as
 * its newest entry, each entry's date capped at the seed's clock: a Last-Modified may not be later
 * than the answer's Date (RFC 9110 section 8.8.2.1), and a document dated in the future would hold
 * its page's date ahead of later changes. When that is no newer than the previous date (an entry
 * removed, a backdated one inserted), keeping a date would make If-Modified-Since clients miss the
 * change (RFC 9110 section 13.1.3): the seed's clock instead, never earlier than before.
 */
async function fingerprint(
  content: unknown,
  entries: readonly ArticleRecord[],
  previous: Fingerprint | null | undefined,
  now: string,
): Promise<{ fp: Fingerprint; changed: boolean }> {
  const newest = entries.length > 0 ? entries.map((a) => a.modified_at).reduce(laterOf) : null
  // The newest entry date is hashed too: a list page shows no dates, yet an entry's edit re-dates it.
  const hash = await sha256Hex(JSON.stringify([content, newest]))
  if (previous && previous[0] === hash) return { fp: previous, changed: false }
  const latest = newest === null ? now : entries.map((a) => earlierOf(a.modified_at, now)).reduce(laterOf)
  if (previous && latest <= previous[1]) return { fp: [hash, laterOf(now, previous[1])], changed: true }
  return { fp: [hash, latest], changed: true }
}

/**
 * The documents a plan reads: every document's head, and paragraphs on demand
 * (from the file, for a folder), so a 100,000-document seed need not hold every text at once.
 */
export type Corpus = { heads: readonly DocumentHead[]; paragraphs(id: string): string[] }

/** A corpus over documents already in memory. */
export async function corpusOf(documents: readonly Document[]): Promise<Corpus> {
  const byId = new Map(documents.map((doc) => [doc.id, doc.paragraphs]))
  return { heads: await deriveAll(documents, toHead), paragraphs: (id) => byId.get(id)! }
}

export type PlanOptions = {
  /** false for a dry run: article puts are planned (keys, counts, sizes) but never given a value to read. */
  values?: boolean
}

/** What `{ ...record, paragraphs }` adds to the record's JSON besides the paragraphs' own. */
const PARAGRAPHS_FIELD_BYTES = utf8Length(',"paragraphs":')

/** A dry run's article put: its size reckoned from the record and the paragraphs' size in the head, its value never made. */
const unread = (key: string, record: ArticleRecord, paragraphsBytes: number): LazyPut => ({
  key,
  read() {
    throw new Error(`${key}: a dry run does not read article values`)
  },
  bytes: () => utf8Length(JSON.stringify(record)) + PARAGRAPHS_FIELD_BYTES + paragraphsBytes,
})

export async function planSeed(
  source: readonly Document[] | Corpus,
  previous: PreviousState,
  now: string,
  options: PlanOptions = {},
): Promise<Plan> {
  const corpus = 'heads' in source ? source : await corpusOf(source)
  const { heads } = corpus
  const slugs = assignSlugs(heads, new Map([...previous.articles].map(([id, entry]) => [id, entry.slug])))
  const summary: Summary = { added: 0, updated: 0, unchanged: 0, deleted: 0, total: heads.length, version: '' }

  const changed: Array<{ draft: ArticleRecord; paragraphsBytes: number }> = []
  const articles = await deriveAll(heads, (head) =>
    toRecord(head, slugs.get(head.id)!, articleDate(head.published_at, previous.articles.get(head.id), now)),
  )
  for (const [i, draft] of articles.entries()) {
    const before = previous.articles.get(draft.id)
    if (before?.hash === draft.content_hash) {
      summary.unchanged++
      articles[i] = { ...draft, modified_at: before.modified_at }
    } else {
      summary[before ? 'updated' : 'added']++
      changed.push({ draft, paragraphsBytes: heads[i].paragraphs_bytes })
    }
  }
  const articlePuts = changed.map(({ draft, paragraphsBytes }): LazyPut => {
    const key = articleKey(draft.slug)
    return options.values === false
      ? unread(key, draft, paragraphsBytes)
      : jsonPut(key, (): StoredArticle => ({ ...draft, paragraphs: corpus.paragraphs(draft.id) }))
  })
  articles.sort(newestFirst)

  const present = new Set(heads.map((head) => head.id))
  const removed = [...previous.articles].filter(([id]) => !present.has(id))
  summary.deleted = removed.length

  const indexPuts: LazyPut[] = []
  const pageCount = Math.ceil(articles.length / LIST_PAGE_SIZE)
  const pages = await pagedWrites(articles, LIST_PAGE_SIZE, previous.index.pages, now, indexPuts, (chunk, n) => ({
    key: listKey(n),
    content: {
      entries: chunk.map(toListEntry),
      has_next: n < pageCount - 1,
    },
  }))
  const sitemaps = await pagedWrites(articles, SITEMAP_SIZE, previous.index.sitemaps, now, indexPuts, (chunk, n) => ({
    key: sitemapKey(n),
    content: { urls: chunk.map((a): [string, string] => [a.slug, a.modified_at]), files: Math.ceil(articles.length / SITEMAP_SIZE) },
  }))

  const latest = articles.slice(0, FEED_SIZE)
  const feed = await fingerprint(
    latest.map((a) => a.content_hash),
    latest,
    previous.index.feed,
    now,
  )
  if (feed.changed) {
    const modified_at = feed.fp[1]
    indexPuts.push(
      jsonPut(FEED_KEY, (): FeedSource => ({ articles: latest.map((a) => ({ ...a, paragraphs: corpus.paragraphs(a.id) })), modified_at })),
    )
  }

  summary.version = await sha256Hex(
    articles
      .map((a) => `${a.id}:${a.content_hash}`)
      .sort()
      .join('\n'),
  )
  const meta = await fingerprint([summary.version, pageCount, sitemaps.length], articles, previous.index.meta, now)
  if (meta.changed) {
    const value: Meta = {
      version: summary.version,
      count: articles.length,
      pages: pageCount,
      sitemaps: sitemaps.length,
      modified_at: meta.fp[1],
    }
    indexPuts.push(jsonPut(META_KEY, () => value))
  }

  // A newcomer may take a removed document's slug in this very seed: that key now holds a live article.
  const live = new Set(articles.map((a) => a.slug))
  // Pages past the new end go before the articles they may still list.
  const deletes = [
    ...previous.index.pages.slice(pageCount).map((_, i) => listKey(pageCount + i)),
    ...previous.index.sitemaps.slice(sitemaps.length).map((_, i) => sitemapKey(sitemaps.length + i)),
    ...removed.filter(([, entry]) => !live.has(entry.slug)).map(([, entry]) => articleKey(entry.slug)),
  ]

  const manifestPuts = manifestWrites(
    articles,
    previous,
    removed.map(([id]) => id),
  )
  const index: IndexState = { pages, sitemaps, feed: feed.fp, meta: meta.fp }
  if (indexPuts.length > 0 || deletes.length > 0) manifestPuts.push(jsonPut(MANIFEST_INDEX_KEY, () => index))

  return {
    steps: [
      { name: 'articles', puts: articlePuts, deletes: [] },
      { name: 'indexes', puts: indexPuts, deletes: [] },
      { name: 'deletes', puts: [], deletes },
      { name: 'manifest', puts: manifestPuts, deletes: [] },
    ],
    summary,
    index,
  }
}

/** Derives in parallel chunks: where hashing is asynchronous Web Crypto, awaiting one at a time idles the thread pool. */
async function deriveAll<T, R>(items: readonly T[], derive: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += 1000) out.push(...(await Promise.all(items.slice(i, i + 1000).map(derive))))
  return out
}

/**
 * Splits the newest-first articles into fixed-size stored pages and queues a
 * write for each page whose content or newest entry date changed; returns every page's fingerprint.
 */
async function pagedWrites(
  articles: readonly ArticleRecord[],
  size: number,
  previous: readonly Fingerprint[],
  now: string,
  puts: LazyPut[],
  page: (chunk: ArticleRecord[], n: number) => { key: string; content: object },
): Promise<Fingerprint[]> {
  const fingerprints: Fingerprint[] = []
  for (let n = 0; n * size < articles.length; n++) {
    const chunk = articles.slice(n * size, (n + 1) * size)
    const { key, content } = page(chunk, n)
    const { fp, changed } = await fingerprint(content, chunk, previous[n], now)
    fingerprints.push(fp)
    if (changed) puts.push(jsonPut(key, () => ({ ...content, modified_at: fp[1] })))
  }
  return fingerprints
}

/** Rewrites only the manifest shards that hold an added, changed or removed id. */
function manifestWrites(articles: readonly ArticleRecord[], previous: PreviousState, removedIds: readonly string[]): LazyPut[] {
  const dirty = new Set<number>(removedIds.map(manifestShardOf))
  const shards: ManifestShard[] = Array.from({ length: MANIFEST_SHARDS }, () => ({}))
  for (const a of articles) {
    const shard = manifestShardOf(a.id)
    shards[shard][a.id] = [a.slug, a.content_hash, a.modified_at]
    if (previous.articles.get(a.id)?.hash !== a.content_hash) dirty.add(shard)
  }
  return [...dirty].sort((a, b) => a - b).map((shard) => jsonPut(manifestShardKey(shard), () => shards[shard]))
}
