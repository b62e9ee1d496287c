/**
 * The seed plan: from the parsed documents and what the store held before,
 * decide every write and delete, in an order that keeps the site consistent
 * at every step. Pure (no I/O), so the same plan drives the local store, the
 * real namespace and the tests, and runs in Node and in workerd alike.
 *
 * Order: changed articles (and the site's preview image); then the pages, which no reader opens before the head
 * counts them; then the head and the feed that point at them; then deletes of what
 * nothing points at any more; then the manifest. A run cut short anywhere leaves old
 * or new indexes over articles that exist, and the next run, diffing against the
 * manifest that was not yet rewritten, redoes the rest.
 */
import { articleHeaderLine, articleValue, type MeasuredAnswers } from '../../src/shared/article-value'
import { sha256Hex, strongEtag } from '../../src/shared/hash'
import { toHead, toRecord, type ArticleRecord, type DocumentHead } from './document/derive'
import { assignSlugs } from './document/slug'
import {
  type Document,
  type FeedArticle,
  type FeedSource,
  type Head,
  type SealedPage,
  type SiteImage,
  type StoredArticle,
  toPageEntry,
} from '../../src/shared/records'
import { articleKey, FEED_KEY, FEED_SIZE, HEAD_KEY, pageKey, SITE_IMAGE_KEY } from '../../src/shared/keys'
import { isReleased, newestFirst } from '../../src/shared/order'
import {
  BOUNDS_CHUNK,
  BOUNDS_CHUNKS,
  BOUNDS_TAIL,
  boundsChunkOf,
  boundsKey,
  MANIFEST_HASH_LENGTH,
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
import { layOut, pageOf } from './pages'
import { planFacets } from './facets'
import { planNotices } from './notices'
import { NO_NOTICES, type Notices } from '../../src/shared/notices'
import { jsonPut, type LazyPut, textPut, utf8Length } from './put'
import { planSearch } from './search/plan-search'
import type { SearchState } from './search/state'

export type Summary = {
  added: number
  updated: number
  unchanged: number
  deleted: number
  total: number
  version: string
  /** When each scheduled article (stored, not yet out when the seed ran) goes out, soonest first. */
  upcoming: string[]
}

export const STEP_NAMES = ['articles', 'pages', 'indexes', 'deletes', 'manifest'] as const

export type Plan = {
  /** Steps run in order; each is a list of puts or of deletes, never both. */
  steps: Array<{ name: (typeof STEP_NAMES)[number]; puts: LazyPut[]; deletes: string[] }>
  summary: Summary
  /** The index state the store's manifest holds once the plan is applied. */
  index: IndexState
  /** The preview images the plan's puts read: its image source prepares them before any is read. */
  images: PlannedImages
  /** What to tell hubs and search engines once it is applied (notices.ts); nothing for a dry run. */
  notices: Notices
}

/** An article's preview image: its input hash and what it shows. */
export type PlannedImage = { hash: string; title: string; date: string }
export type PlannedImages = { articles: PlannedImage[]; site: boolean }

const NO_IMAGES: PlannedImages = { articles: [], site: false }

/**
 * Where a plan gets link-preview images (issue 12): what each image's pixels depend on, hashed,
 * so an image is redrawn and its article rewritten only when that changes, and the PNG itself.
 * Absent from a plan's options: no images are drawn; articles written are stored without one,
 * and those not written keep what they have.
 */
export type ImageSource = {
  /** The site image's input hash. */
  site: string
  /** An article image's input hash (its title, its day, the site's name, the renderer's version). */
  hashOf(article: { title: string; published_at: string }): Promise<string>
  /**
   * Makes every image a plan reads ready to be read (drawn, where they are drawn at all), before any
   * put is read; tells how many of how many it has drawn, from 0, when it draws any.
   */
  prepare(images: PlannedImages, onDrawn?: (done: number, total: number) => void): Promise<void>
  /** The PNG of an image prepared, in base64. Synchronous, as a put's read() is. */
  base64(hash: string): string
  /** Its length in base64, or undefined before it is drawn (a dry run then counts an estimate). */
  base64Length(hash: string): number | undefined
}

/**
 * Where a plan gets the article answers it prepares (issue 12, the long tail): the Worker's own
 * renderers (src/render/article-answers.tsx), handed down by the command line, since the publisher
 * does not import the Worker. Each article written then holds its JSON and HTML answers as the
 * Worker sends them, with their ETags (src/shared/article-value.ts). A new fingerprint (another
 * site, changed renderers) rewrites every article, as a new image renderer does, and dates none.
 * Absent: articles written hold their record alone, and the Worker renders them on a miss.
 */
export type AnswerSource = {
  /** What the answers depend on besides the article, as the Worker computes it for its site. */
  fingerprint: string
  json(article: StoredArticle): string
  html(article: StoredArticle): string
}

/**
 * A dry run's stand-in for an image not drawn yet: the mean PNG of 1,000 generated articles
 * (docs/benchmarks.md, "Preview images"), 18.5 KB, in base64.
 */
export const ESTIMATED_IMAGE_BASE64 = Math.ceil(18_500 / 3) * 4

const imageBase64Length = (images: ImageSource, hash: string) => images.base64Length(hash) ?? ESTIMATED_IMAGE_BASE64

/** The plan when the last run's record shows nothing can have changed (see last-run.ts). */
export const emptyPlan = (summary: Summary, index: IndexState): Plan => ({
  steps: STEP_NAMES.map((name) => ({ name, puts: [], deletes: [] })),
  summary,
  index,
  images: NO_IMAGES,
  notices: NO_NOTICES,
})

export const isEmpty = (plan: Plan) => plan.steps.every((step) => step.puts.length === 0 && step.deletes.length === 0)

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
  /** The preview images; none without it (`--no-images`, and the tests in workerd, which cannot draw). */
  images?: ImageSource
  /** Build the search index again from every article (`--rebuild-search`; see search/plan-search.ts). */
  rebuildSearch?: boolean
  /** The article answers to prepare; none without it (the tests that seed in workerd, unless they pass one). */
  answers?: AnswerSource
  /** AUTHOR_NAME, when the site has one: articles without a `By:` line are filed under it (facets.ts). */
  siteAuthor?: string
}

/**
 * A dry run's estimate of what prepared answers add to a value besides the paragraphs each carries:
 * their offsets and ETags in the header, the JSON's other fields, the page's head, style and JSON-LD.
 * tests/prepared-answers-plan.node.test.ts holds the dry run to the real size, on generated articles.
 */
const ESTIMATED_ANSWERS_BYTES = 7_500

/** What `{ ...record, paragraphs }` adds to the record's JSON besides the paragraphs' own. */
const PARAGRAPHS_FIELD_BYTES = utf8Length(',"paragraphs":')
/** And what `preview_png` adds besides the base64 itself. */
const IMAGE_FIELD_BYTES = utf8Length(',"preview_png":""')

/**
 * A dry run's article put: its size reckoned from the record, the paragraphs' size in the head and
 * the image's (drawn, or estimated), its value never made.
 */
const unread = (key: string, record: ArticleRecord, paragraphsBytes: number, imageBytes: number, answers: boolean): LazyPut => ({
  key,
  origin: record.id,
  read() {
    throw new Error(`${key}: a dry run does not read article values`)
  },
  bytes() {
    const recordBytes = utf8Length(JSON.stringify(record)) + PARAGRAPHS_FIELD_BYTES + paragraphsBytes + imageBytes
    // The header's own size is exact (its fields are the record's); answers not rendered are estimated.
    const header = utf8Length(articleHeaderLine({ ...record, paragraphs: [] }, recordBytes))
    return header + recordBytes + (answers ? ESTIMATED_ANSWERS_BYTES + 2 * paragraphsBytes : 0)
  },
})

/** A prepared answer's size and ETag, the value's offsets and the Worker's validator (src/shared/hash.ts). */
async function measureAnswers(answers: AnswerSource, article: StoredArticle): Promise<MeasuredAnswers> {
  const measure = async (text: string) => ({ bytes: utf8Length(text), etag: await strongEtag(text) })
  return { for: answers.fingerprint, json: await measure(answers.json(article)), html: await measure(answers.html(article)) }
}

/** The site image's put; in a dry run, sized without reading an image that may not be drawn yet. */
function siteImagePut(images: ImageSource, values: boolean): LazyPut {
  const put = jsonPut(SITE_IMAGE_KEY, (): SiteImage => ({ png: images.base64(images.site) }))
  return values ? put : { ...put, bytes: () => utf8Length('{"png":""}') + imageBase64Length(images, images.site) }
}

/** What the feed stores of an article: never its image's bytes, only whether it has one. */
function feedArticle(record: ArticleRecord, paragraphs: string[], hasImage: boolean): FeedArticle {
  const { preview_png: _, ...fields } = record
  return hasImage ? { ...fields, paragraphs, has_preview_image: true } : { ...fields, paragraphs }
}

export async function planSeed(
  source: readonly Document[] | Corpus,
  /** With the search index's state as read from the store (search/state.ts); without one, the plan leaves the search index alone. */
  previous: PreviousState & { search?: SearchState },
  now: string,
  options: PlanOptions = {},
): Promise<Plan> {
  const corpus = 'heads' in source ? source : await corpusOf(source)
  const { heads } = corpus
  const nowMs = Date.parse(now)
  const slugs = assignSlugs(heads, new Map([...previous.articles].map(([id, entry]) => [id, entry.slug])))
  const summary: Summary = { added: 0, updated: 0, unchanged: 0, deleted: 0, total: heads.length, version: '', upcoming: [] }

  const { images } = options
  const values = options.values !== false
  // Articles whose content changed (their pages are touched too), and those rewritten for their image alone.
  const changed: Array<{ draft: ArticleRecord; paragraphsBytes: number }> = []
  const rewritten: Array<{ draft: ArticleRecord; paragraphsBytes: number; image: string | undefined }> = []
  const articles = await deriveAll(heads, (head) =>
    // An `Updated:` line dates the article itself (issue 24); without one, today's rule.
    toRecord(head, slugs.get(head.id)!, head.updated_at ?? articleDate(head.published_at, previous.articles.get(head.id), now)),
  )
  const imageHashes = images ? await deriveAll(articles, (a) => images.hashOf(a)) : undefined
  /** Each article's image hash prefix as the manifest keeps it once the plan is applied. */
  const imageOf = new Map<string, string | undefined>()
  const planned: PlannedImage[] = []
  // Answers made for another site or other renderers, or none, are made again for every article.
  const newAnswers = options.answers !== undefined && options.answers.fingerprint !== previous.index.answers
  for (const [i, draft] of articles.entries()) {
    const before = previous.articles.get(draft.id)
    const image = imageHashes?.[i]
    const sameContent = before?.hash === draft.content_hash.slice(0, MANIFEST_HASH_LENGTH)
    // Without an image source, an article not rewritten keeps the image it has.
    const sameImage = image === undefined ? sameContent : before?.image === image.slice(0, MANIFEST_HASH_LENGTH)
    const record = sameContent ? { ...draft, modified_at: before!.modified_at } : draft
    articles[i] = record
    imageOf.set(draft.id, image === undefined ? (sameContent ? before!.image : undefined) : image.slice(0, MANIFEST_HASH_LENGTH))
    if (sameContent && sameImage && !newAnswers) {
      summary.unchanged++
      continue
    }
    // A new image or new answers alone (a new renderer, another site name) rewrite the article but are no edit: its dates stay.
    summary[before ? 'updated' : 'added']++
    if (!sameContent) changed.push({ draft, paragraphsBytes: heads[i].paragraphs_bytes })
    rewritten.push({ draft: record, paragraphsBytes: heads[i].paragraphs_bytes, image })
    if (image !== undefined) planned.push({ hash: image, title: record.title, date: record.published_at })
  }
  const { answers } = options
  // Each article's stored record as the renderers see it; an image to come is there, empty: they only ask whether it is.
  const storedOf = (draft: ArticleRecord, image: string | undefined, png: (hash: string) => string): StoredArticle => ({
    ...draft,
    paragraphs: corpus.paragraphs(draft.id),
    ...(images && image !== undefined ? { preview_png: png(image) } : {}),
  })
  // Answers are rendered and hashed now, since a put's read is synchronous, and again when read: only their sizes and ETags are kept.
  const measured =
    answers && values
      ? await deriveAll(rewritten, ({ draft, image }) =>
          measureAnswers(
            answers,
            storedOf(draft, image, () => ''),
          ),
        )
      : undefined
  const articlePuts = rewritten.map(({ draft, paragraphsBytes, image }, i): LazyPut => {
    const key = articleKey(draft.slug)
    if (!values) {
      const imageBytes = images && image !== undefined ? IMAGE_FIELD_BYTES + imageBase64Length(images, image) : 0
      return unread(key, draft, paragraphsBytes, imageBytes, answers !== undefined)
    }
    const stored = () => storedOf(draft, image, (hash) => images!.base64(hash))
    const m = measured?.[i]
    if (!answers || !m) return { ...textPut(key, () => articleValue(stored())), origin: draft.id }
    return {
      key,
      origin: draft.id,
      read() {
        const article = stored()
        const [json, html] = [answers.json(article), answers.html(article)]
        if (utf8Length(json) !== m.json.bytes || utf8Length(html) !== m.html.bytes)
          throw new Error(`${key}: its answers rendered differently when written than when planned`)
        return articleValue(article, { measured: m, json, html })
      },
      bytes() {
        const article = stored()
        const recordBytes = utf8Length(JSON.stringify(article))
        return utf8Length(articleHeaderLine(article, recordBytes, m)) + recordBytes + m.json.bytes + m.html.bytes
      },
    }
  })
  // The site image goes with the articles, before the head that names it.
  const siteImage = images ? images.site : previous.index.site_image
  const siteImageChanged = images !== undefined && images.site !== previous.index.site_image
  if (siteImageChanged) articlePuts.push(siteImagePut(images, values))
  sortNewestFirst(articles)

  const present = new Set(heads.map((head) => head.id))
  const removed = [...previous.articles].filter(([id]) => !present.has(id))
  summary.deleted = removed.length
  const upcoming = articles.filter((a) => !isReleased(a, nowMs))
  summary.upcoming = upcoming.map((a) => a.published_at).reverse()

  const layout = layOut(articles, previous.bounds)
  const touched = touchedPages(previous, changed, removed)
  const stamped = previous.index.stamped
  const stamp = stamped !== null && Date.parse(stamped) > nowMs ? stamped : now
  const pagePuts = layout.pages.flatMap((entries, k): LazyPut[] => {
    if (k >= layout.firstNew) return [pagePut(k, entries, newestDate(entries, stamp))]
    return touched.has(k) ? [pagePut(k, entries, stamp)] : []
  })

  summary.version = await sha256Hex(
    articles
      .map((a) => `${a.id}:${a.content_hash}`)
      .sort()
      .join('\n'),
  )
  const indexPuts: LazyPut[] = []
  // What the head's readers show (the home page, the first list answer, the sitemap index) dates it;
  // the count and the data version, which only /healthz reports, are kept current without moving
  // that date: an edit deep in the archive changes no entry of the home page (RFC 9110 section 8.8.2).
  const shownContent = {
    entries: layout.head.map(toPageEntry),
    sealed: layout.bounds.length,
    upcoming: summary.upcoming,
    // Left out of the JSON, and of the fingerprint, when there is none: a store without images keeps its head.
    site_image: siteImage ?? undefined,
  }
  const headContent = { ...shownContent, count: articles.length, version: summary.version }
  const previousShown: Fingerprint | null = previous.index.head && [previous.index.head_shown ?? '', previous.index.head[1]]
  const shown = await fingerprint(shownContent, layout.head, previousShown, now)
  const head: Fingerprint = [await sha256Hex(JSON.stringify([headContent, shown.fp[1]])), shown.fp[1]]
  if (head[0] !== previous.index.head?.[0]) indexPuts.push(jsonPut(HEAD_KEY, (): Head => ({ ...headContent, modified_at: head[1] })))

  // The soonest scheduled articles ride along, so the feed fills as they go out without a re-seed.
  const inFeed = [...upcoming.slice(-FEED_SIZE), ...articles.slice(upcoming.length, upcoming.length + FEED_SIZE)]
  const hasImage = (a: ArticleRecord) => imageOf.get(a.id) !== undefined
  const feed = await fingerprint(
    // An article without an image is fingerprinted as before images were, so such a store keeps its feed.
    inFeed.map((a) => (hasImage(a) ? [a.content_hash, 'image'] : a.content_hash)),
    inFeed,
    previous.index.feed,
    now,
  )
  if (feed.changed) {
    indexPuts.push(
      jsonPut(
        FEED_KEY,
        (): FeedSource => ({
          articles: inFeed.map((a) => feedArticle(a, corpus.paragraphs(a.id), hasImage(a))),
          modified_at: feed.fp[1],
        }),
      ),
    )
  }

  // Topics and authors: their heads and pages go with the site's, their directory with the head.
  const facets = await planFacets({
    articles,
    previous: previous.articles,
    removed,
    readHeads: previous.facetHeads ?? (async (keys) => new Map(keys.map((key) => [key, null]))),
    siteAuthor: options.siteAuthor,
    previousDirectory: previous.index.facets,
    now,
    stamp,
  })
  pagePuts.push(...facets.pagePuts)
  indexPuts.push(...facets.headPuts)

  // A newcomer may take a removed document's slug in this very seed: that key now holds a live article.
  const live = new Set(articles.map((a) => a.slug))
  const deletes = [
    ...previous.legacyKeys,
    ...removed.filter(([, entry]) => !live.has(entry.slug)).map(([, entry]) => articleKey(entry.slug)),
  ]

  const manifestPuts = manifestWrites(
    articles,
    imageOf,
    facets.facetsOf,
    previous,
    removed.map(([id]) => id),
  )
  const index: IndexState = {
    sealed: layout.bounds.length,
    head,
    head_shown: shown.fp[0],
    feed: feed.fp,
    stamped: pagePuts.length > 0 ? stamp : stamped,
    site_image: siteImage,
    // A seed without answers that writes articles leaves some without: the next seed with answers makes them all again.
    answers: options.answers ? options.answers.fingerprint : rewritten.length > 0 ? null : previous.index.answers,
    facets: facets.directory,
    bounds_tail: layout.bounds.slice(previous.flushed),
  }
  const writesIndex = JSON.stringify(index) !== JSON.stringify(previous.index) || deletes.length > 0
  // The tail goes to its chunks in a publish that writes the index anyway and does not seal exactly one
  // page, the publish of one article whose cost issue 24 bounds tightest: as far as the end of its first
  // chunk, one write. Once it has grown to twice BOUNDS_TAIL, all of it, by any publish (manifest.ts).
  const sealedNow = layout.bounds.length - previous.bounds.length
  const tail = layout.bounds.length - previous.flushed
  if (writesIndex && tail >= BOUNDS_TAIL && (sealedNow !== 1 || tail >= 2 * BOUNDS_TAIL)) {
    const first = boundsChunkOf(previous.flushed)
    const through = tail >= 2 * BOUNDS_TAIL ? boundsChunkOf(layout.bounds.length - 1) : first
    let moved = previous.flushed
    for (let chunk = first; chunk <= through; chunk++) {
      const end = chunk === BOUNDS_CHUNKS - 1 ? layout.bounds.length : Math.min((chunk + 1) * BOUNDS_CHUNK, layout.bounds.length)
      manifestPuts.push(jsonPut(boundsKey(chunk), () => layout.bounds.slice(chunk * BOUNDS_CHUNK, end)))
      moved = end
    }
    index.bounds_tail = layout.bounds.slice(moved)
  }
  if (writesIndex) manifestPuts.push(jsonPut(MANIFEST_INDEX_KEY, () => index))

  // The search index goes with the indexes: its directory, written last, names only segments already written.
  const search = previous.search
    ? await planSearch({
        articles,
        body: (id) => corpus.paragraphs(id).join('\n'),
        changed: new Set(changed.map(({ draft }) => draft.id)),
        previous: previous.search,
        now,
        rebuild: options.rebuildSearch,
      })
    : { puts: [], deletes: [] }

  return {
    steps: [
      { name: 'articles', puts: articlePuts, deletes: [] },
      { name: 'pages', puts: pagePuts, deletes: [] },
      { name: 'indexes', puts: [...indexPuts, ...search.puts], deletes: [] },
      { name: 'deletes', puts: [], deletes: [...deletes, ...search.deletes] },
      { name: 'manifest', puts: manifestPuts, deletes: [] },
    ],
    summary,
    index,
    images: { articles: planned, site: siteImageChanged },
    // A dry run pings no one (scripts/cli/notify.ts): it leaves the scan of the manifest out.
    notices: values
      ? planNotices({ articles, imageOf, facetsOf: facets.facetsOf, previous: previous.articles, removed, nowMs })
      : NO_NOTICES,
  }
}

/** Sorts in the index's order, each time parsed once rather than at every comparison. */
function sortNewestFirst(articles: ArticleRecord[]): void {
  const ms = new Map(articles.map((a) => [a, Date.parse(a.published_at)]))
  articles.sort((a, b) => ms.get(b)! - ms.get(a)! || newestFirst(a, b))
}

/** A new page is as new as its newest entry (capped at the seed's clock: RFC 9110 section 8.8.2.1). */
const newestDate = (entries: readonly ArticleRecord[], now: string): string =>
  entries.map((a) => earlierOf(a.modified_at, now)).reduce(laterOf, '1970-01-01T00:00:00Z')

/**
 * A sealed page's value. A changed page is dated by the seed: whether an entry was removed,
 * edited or backdated into it, the change is the seed's, and If-Modified-Since clients must
 * see it (RFC 9110 section 13.1.3); the seed's clock never runs behind an earlier seed's date.
 */
const pagePut = (k: number, entries: readonly ArticleRecord[], modified_at: string): LazyPut =>
  jsonPut(pageKey(k), (): SealedPage => ({ entries: entries.map(toPageEntry), modified_at }))

/** The sealed pages an added, changed or removed article's old or new key falls in (the head is fingerprinted instead). */
function touchedPages(
  previous: PreviousState,
  changed: ReadonlyArray<{ draft: ArticleRecord }>,
  removed: ReadonlyArray<[string, ManifestEntry]>,
): Set<number> {
  const pages = new Set<number>()
  const bounds = previous.bounds
  const add = (published_at: string | undefined, id: string) => {
    if (published_at !== undefined) pages.add(pageOf({ published_at, id }, bounds))
  }
  for (const { draft } of changed) {
    add(draft.published_at, draft.id)
    add(previous.articles.get(draft.id)?.published_at, draft.id)
  }
  for (const [id, entry] of removed) add(entry.published_at, id)
  return pages
}

/** Derives in parallel chunks: where hashing is asynchronous Web Crypto, awaiting one at a time idles the thread pool. */
async function deriveAll<T, R>(items: readonly T[], derive: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < items.length; i += 1000) out.push(...(await Promise.all(items.slice(i, i + 1000).map(derive))))
  return out
}

/** Rewrites only the manifest shards that hold an added, changed or removed id. */
function manifestWrites(
  articles: readonly ArticleRecord[],
  imageOf: ReadonlyMap<string, string | undefined>,
  facetsOf: ReadonlyMap<string, string | undefined>,
  previous: PreviousState,
  removedIds: readonly string[],
): LazyPut[] {
  const dirty = new Set<number>(removedIds.map(manifestShardOf))
  const shards: ManifestShard[] = Array.from({ length: MANIFEST_SHARDS }, () => ({}))
  for (const a of articles) {
    const shard = manifestShardOf(a.id)
    const hash = a.content_hash.slice(0, MANIFEST_HASH_LENGTH)
    const image = imageOf.get(a.id)
    const facets = facetsOf.get(a.id)
    // Most articles were never updated: their modified_at is their published_at, written once (manifest.ts).
    const modified = a.modified_at === a.published_at ? '' : a.modified_at
    shards[shard][a.id] =
      facets !== undefined
        ? [a.slug, hash, modified, a.published_at, image ?? '', facets]
        : image === undefined
          ? [a.slug, hash, modified, a.published_at]
          : [a.slug, hash, modified, a.published_at, image]
    const before = previous.articles.get(a.id)
    // A legacy entry, without its publication time, is rewritten with it.
    if (before?.hash !== hash || before.image !== image || before.facets !== facets || before.published_at === undefined) dirty.add(shard)
  }
  return [...dirty].sort((a, b) => a - b).map((shard) => jsonPut(manifestShardKey(shard), () => shards[shard]))
}
