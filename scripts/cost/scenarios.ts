/**
 * The changes whose cost the publisher bounds (issue 11), priced against a
 * generated archive planned as already stored: `npm run publish-cost` prints
 * them and tests/long/publish-bounds.node.test.ts asserts the bounds at 100,000.
 * Pure planning: nothing is written. Documents are derived once and shared
 * by every scenario, so pricing a change costs one plan, not one parse. Every
 * plan carries preview images, each of the renderer's mean size (mean-sized-images.ts),
 * and prepared article answers (issue 12), both stored inside the article's value
 * as a seed stores them; a plan that writes no value sizes the answers by estimate.
 */
import type { Document } from '../../src/shared/records'
import { generateDocument, seedHash } from '../corpus/corpus'
import { parseDocument } from '../publish/document/parse'
import { FACET_KINDS, FACETS_KEY, HEAD_SEAL_AT } from '../../src/shared/keys'
import { facetSlug } from '../../src/shared/slug'
import {
  BOUNDS_CHUNK,
  BOUNDS_TAIL,
  boundsKey,
  EMPTY_STATE,
  IndexStateSchema,
  MANIFEST_INDEX_KEY,
  manifestKeys,
  type PreviousState,
  readPreviousState,
} from '../publish/manifest'
import { unsealed } from '../publish/pages'
import { type Corpus, corpusOf, planSeed } from '../publish/plan'
import { EMPTY_SEARCH, readSearchState, type SearchState, searchStateKeys } from '../publish/search/state'
import { type Cost, planCost } from '../publish/plan-cost'
import { meanSizedImages } from './mean-sized-images'
import { answersFor } from '../cli/prepared-answers'
import { configuredSite } from '../cli/site-config'

export const STORED_AT = '2026-01-01T00:00:00Z'
export const PUBLISHED_AT = '2026-02-01T00:00:00Z'

/** Issue 11's bounds: writes and deletes together, and the bytes written. */
export type Bound = { writes: number; bytes: number }
const SMALL: Bound = { writes: 8, bytes: 1_000_000 }
const WIDER: Bound = { writes: 16, bytes: 2_000_000 }
const THOUSAND: Bound = { writes: 1_100, bytes: Number.POSITIVE_INFINITY }
/** Issue 24: each topic or author a change touches allows 2 more writes and 400 KB more. */
const withFacets = (bound: Bound, touched: number): Bound => ({
  writes: bound.writes + 2 * touched,
  bytes: bound.bytes + 400_000 * touched,
})
const facetCount = (doc: Document) => (doc.authors?.length ?? 0) + (doc.topics?.length ?? 0)

/** The names the most documents carry, most first: the newsroom's big sections and prolific authors. */
function commonest(documents: readonly Document[], names: (doc: Document) => readonly string[] | undefined): string[] {
  const counts = new Map<string, number>()
  for (const doc of documents) for (const name of names(doc) ?? []) counts.set(name, (counts.get(name) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name)
}

/** A change's cost, and how many of its writes are topics' and authors' (their heads and pages, and the directory). */
export type FacetedCost = Cost & { facetWrites: number }
export type Priced = { change: string; bound: Bound; cost: FacetedCost }

async function generated(count: number): Promise<Document[]> {
  const seed = seedHash('cost')
  const documents: Document[] = []
  for (let i = 0; i < count; i++) {
    const { fileName, text } = generateDocument(seed, i)
    const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
    if (!parsed.ok) throw new Error(`${fileName}: ${parsed.reason}`)
    documents.push(parsed.document)
  }
  return documents
}

/** A new article, newer than every generated one (or as old as `at`), filed under `facets` when given. */
const article = (n: number, at = PUBLISHED_AT, facets: Pick<Document, 'authors' | 'topics'> = {}): Document => ({
  id: `c0${n.toString(16).padStart(14, '0')}`,
  title: `A new article number ${n}`,
  paragraphs: [`The first paragraph of new article ${n}.`, 'A second paragraph.'],
  published_at: at,
  ...facets,
})

/** The corpus with documents added, replaced (same id) or removed, deriving only what changed. */
async function changed(base: Corpus, add: readonly Document[], remove: ReadonlySet<string> = new Set()): Promise<Corpus> {
  const extra = await corpusOf(add)
  const replaced = new Set(add.map((doc) => doc.id))
  return {
    heads: [...base.heads.filter((head) => !replaced.has(head.id) && !remove.has(head.id)), ...extra.heads],
    paragraphs: (id) => (replaced.has(id) ? extra.paragraphs(id) : base.paragraphs(id)),
  }
}

type Stored = PreviousState & { search: SearchState; values: Map<string, string> }

const STATE_KEYS = new Set([...manifestKeys, ...searchStateKeys])
/** A topic's or author's head (`topic:<slug>`, not one of its pages): a plan reads back those of the facets it touches. */
const isFacetHead = (key: string) => FACET_KINDS.some((kind) => key.startsWith(`${kind}:`) && key.indexOf(':', kind.length + 1) < 0)

/**
 * The store as a seed of this corpus leaves it: the manifest, the search index's state and the
 * topics' and authors' heads its plan writes. From `before`, the store after seeding only the difference, as a later seed would: building
 * the search index of 100,000 documents once is enough.
 */
async function stored(corpus: Corpus, before?: Stored): Promise<Stored> {
  const plan = await planSeed(corpus, before ?? { ...EMPTY_STATE, search: EMPTY_SEARCH }, STORED_AT, {
    values: false,
    images,
    answers: await answers,
  })
  const values = new Map(before?.values)
  for (const put of plan.steps.flatMap((step) => step.puts))
    if (STATE_KEYS.has(put.key) || isFacetHead(put.key)) values.set(put.key, put.read())
  return { ...readPreviousState(values), search: readSearchState(values), values }
}

/**
 * The store with its newest BOUNDS_TAIL sealed pages' bounds in the index's tail and the rest in their
 * chunks, as publishes of one article at a time leave it just before one that does not seal exactly
 * one page moves the tail to its chunk (manifest.ts).
 */
function withFullTail(state: Stored): Stored {
  const index = IndexStateSchema.parse(JSON.parse(state.values.get(MANIFEST_INDEX_KEY)!))
  const values = new Map(state.values).set(MANIFEST_INDEX_KEY, JSON.stringify({ ...index, bounds_tail: state.bounds.slice(-BOUNDS_TAIL) }))
  const inChunks = Math.max(0, state.bounds.length - BOUNDS_TAIL)
  for (let chunk = 0; chunk * BOUNDS_CHUNK < inChunks; chunk++)
    values.set(boundsKey(chunk), JSON.stringify(state.bounds.slice(chunk * BOUNDS_CHUNK, Math.min((chunk + 1) * BOUNDS_CHUNK, inChunks))))
  return { ...readPreviousState(values), search: state.search, values }
}

const images = meanSizedImages()
const answers = answersFor(configuredSite('https://news.example'))

const isFacetKey = (key: string) => key === FACETS_KEY || FACET_KINDS.some((kind) => key.startsWith(`${kind}:`))

const price = async (corpus: Corpus, previous: Stored): Promise<FacetedCost> => {
  const plan = await planSeed(corpus, previous, PUBLISHED_AT, { values: false, images, answers: await answers })
  const facetWrites = plan.steps.reduce((n, step) => n + step.puts.filter((put) => isFacetKey(put.key)).length, 0)
  return { ...planCost(plan), facetWrites }
}

/** The archive a pricing starts from: its articles, and the topics and authors (distinct facets, by slug) they are filed under. */
export type Archive = { articles: number; topics: number; authors: number }

const distinctSlugs = (documents: readonly Document[], names: (doc: Document) => readonly string[] | undefined) =>
  new Set(documents.flatMap((doc) => (names(doc) ?? []).map(facetSlug))).size

/** Each change to an archive of `count` generated documents, with its cost and its bound. */
export async function priceChanges(
  count: number,
  onPriced: (priced: Priced) => void = () => {},
): Promise<{ archive: Archive; priced: Priced[] }> {
  const documents = await generated(count)
  const archive: Archive = {
    articles: count,
    topics: distinctSlugs(documents, (doc) => doc.topics),
    authors: distinctSlugs(documents, (doc) => doc.authors),
  }
  const base = await corpusOf(documents)
  const previous = await stored(base)
  const byDate = [...documents].sort((a, b) => Date.parse(a.published_at) - Date.parse(b.published_at))
  const middle = byDate[Math.floor(byDate.length / 2)]
  const newest = byDate[byDate.length - 1]
  const edit = (doc: Document) => changed(base, [{ ...doc, paragraphs: [...doc.paragraphs, 'Corrected.'] }])
  // Issue 24: a new article by the most prolific author and a newcomer, in the biggest section, a middling
  // topic and a new one; an archived article moved from one of its topics to another; a filed one deleted.
  const topics = commonest(documents, (doc) => doc.topics)
  const authors = commonest(documents, (doc) => doc.authors)
  const filed = article(300, PUBLISHED_AT, {
    authors: [authors[0] ?? 'A reporter', 'A newcomer'],
    topics: [topics[0] ?? 'A section', topics[Math.floor(topics.length / 2)] ?? 'A middling topic', 'A new topic'],
  })
  // The archived article edited, moved and deleted: the middle one, or the nearest after it filed under a topic.
  const archived = byDate.slice(byDate.length / 2).find((doc) => (doc.topics?.length ?? 0) > 0) ?? { ...middle, topics: ['A topic'] }
  const refiled = {
    ...archived,
    topics: [...archived.topics!.slice(1), topics.find((t) => !archived.topics!.includes(t)) ?? 'Another topic'],
  }
  // Stored with the head one short of sealing, so that `doc` seals the page and its bound; with `filed`,
  // first HEAD_SEAL_AT - 1 articles filed as `doc` is, so that it seals a page of each of its facets too.
  const sealing = async (doc: Document, filed = 0) => {
    const alike = Array.from({ length: filed }, (_, i) => article(500 + i, PUBLISHED_AT, { authors: doc.authors, topics: doc.topics }))
    const full = await changed(base, [
      ...alike,
      ...Array.from({ length: HEAD_SEAL_AT - 1 - unsealed(count + filed) }, (_, i) => article(i)),
    ])
    return price(await changed(full, [doc]), await stored(full, previous))
  }
  // Five facets of its own, so that only the articles filed above fill their heads.
  const apart = article(301, PUBLISHED_AT, {
    authors: ['A sealing reporter', 'A second sealing reporter'],
    topics: ['Seal one', 'Seal two', 'Seal three'],
  })
  const scenarios: Array<[string, Bound, () => Promise<FacetedCost>]> = [
    ['a new newest article', SMALL, async () => price(await changed(base, [article(100)]), previous)],
    ['a new newest article that seals a page', SMALL, () => sealing(article(100))],
    [
      "a new newest article that moves the sealed pages' bounds to their chunk",
      SMALL,
      async () => price(await changed(base, [article(101)]), withFullTail(previous)),
    ],
    ['an edit of an archived article', SMALL, async () => price(await edit(middle), previous)],
    [
      'an edit of the newest article',
      // Its topics' and authors' dates move with it, in the directory (`facets`), which dates their pages
      // in the sitemaps: 400 KB more a facet it is filed under, as issue 24 allows a facet a publish touches.
      { writes: SMALL.writes, bytes: withFacets(SMALL, facetCount(newest)).bytes },
      async () => price(await edit(newest), previous),
    ],
    ['a delete', withFacets(WIDER, facetCount(archived)), async () => price(await changed(base, [], new Set([archived.id])), previous)],
    ['a backdated article', WIDER, async () => price(await changed(base, [article(200, middle.published_at)]), previous)],
    [
      `a new article with ${facetCount(filed)} topics and authors`,
      withFacets(SMALL, facetCount(filed)),
      async () => price(await changed(base, [filed]), previous),
    ],
    [
      'an edit that moves an article from one topic to another',
      withFacets(SMALL, 2),
      async () => price(await changed(base, [refiled]), previous),
    ],
    ['a new article with topics and authors that seals a page', withFacets(SMALL, facetCount(filed)), () => sealing(filed)],
    [
      "a new article that seals the site's page and one of each of its topics' and authors'",
      withFacets(SMALL, facetCount(apart)),
      () => sealing(apart, HEAD_SEAL_AT - 1),
    ],
    [
      '1,000 new articles at once',
      THOUSAND,
      async () =>
        price(
          await changed(
            base,
            Array.from({ length: 1000 }, (_, i) => article(1000 + i)),
          ),
          previous,
        ),
    ],
  ]
  const priced: Priced[] = []
  for (const [change, bound, cost] of scenarios) {
    priced.push({ change, bound, cost: await cost() })
    onPriced(priced[priced.length - 1])
  }
  return { archive, priced }
}
