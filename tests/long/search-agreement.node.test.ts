/**
 * Issue 13's reference check: our engine, on the index the seed builds from a
 * generated 10,000-document corpus, against MiniSearch fed the same tokens with
 * the same BM25 (k1 1.2, b 0.75, no BM25+ floor, the title boosted alike, the
 * last term a prefix). Over 200 generated queries the top 10 overlap by 0.9 or
 * more on average, and a document's exact title finds it first.
 */
import MiniSearch from 'minisearch'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDocument, seedHash } from '../../scripts/corpus/corpus'
import { parseDocument } from '../../scripts/publish/document/parse'
import { summarize } from '../../scripts/publish/document/derive'
import { planSearch, type SearchArticle } from '../../scripts/publish/search/plan-search'
import { EMPTY_SEARCH } from '../../scripts/publish/search/state'
import { B, K1, PREFIX_WEIGHT, rank, TITLE_BOOST, withDocs } from '../../src/search/engine'
import { parseQuery, MIN_PREFIX } from '../../src/search/query'
import { terms } from '../../src/shared/search-tokens'
import type { SearchDirectory } from '../../src/shared/search-index'
import type { SearchSource } from '../../src/search/engine'
import { indexOf } from '../support/search-index'

const COUNT = 10_000
const NOW = Date.parse('2030-01-01T00:00:00Z')

type Doc = SearchArticle & { text: string }
let docs: Doc[]
let dir: SearchDirectory
let source: SearchSource
let reference: MiniSearch<Doc>
const ordOf = new Map<string, string>()

beforeAll(async () => {
  const seed = seedHash('search')
  docs = []
  for (let i = 0; i < COUNT; i++) {
    const { fileName, text } = generateDocument(seed, i)
    const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
    if (!parsed.ok) throw new Error(parsed.reason)
    const { id, title, paragraphs, published_at } = parsed.document
    docs.push({ id, slug: `s-${id}`, title, summary: summarize(paragraphs[0]), published_at, text: paragraphs.join('\n') })
  }
  const byId = new Map(docs.map((d) => [d.id, d]))
  const plan = await planSearch({
    articles: docs,
    body: (id) => byId.get(id)!.text,
    changed: new Set(docs.map((d) => d.id)),
    previous: EMPTY_SEARCH,
    now: new Date(NOW).toISOString(),
  })
  ;({ dir, source } = indexOf(plan.puts))
  for (const d of docs) ordOf.set(d.slug, d.id)

  reference = new MiniSearch<Doc>({
    fields: ['title', 'text'],
    storeFields: ['id'],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: TITLE_BOOST },
      bm25: { k: K1, b: B, d: 0 },
      combineWith: 'AND',
      weights: { prefix: PREFIX_WEIGHT, fuzzy: 0 },
      prefix: (term, i, all) => i === all.length - 1 && [...term].length >= MIN_PREFIX,
    },
  })
  reference.addAll(docs)
}, 300_000)

/** Our top ids for q. */
async function ours(q: string, limit = 10): Promise<string[]> {
  const ranked = await rank(dir, source, parseQuery(q), NOW, 'relevance')
  const shown = await withDocs(dir, source, ranked.hits.slice(0, limit))
  return shown.map((hit) => ordOf.get(hit.doc![0])!)
}

/** 200 queries: one to three words of a random document, the last sometimes cut to a prefix. */
function queries(): string[] {
  let state = seedHash('queries')
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
  const out: string[] = []
  while (out.length < 200) {
    const doc = docs[Math.floor(random() * docs.length)]
    const words = [...new Set(terms(`${doc.title} ${doc.text}`))]
    const picked = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => words[Math.floor(random() * words.length)]))]
    const last = picked[picked.length - 1]
    if (random() < 0.3 && last.length > 4) picked[picked.length - 1] = last.slice(0, 3 + Math.floor(random() * (last.length - 3)))
    out.push(picked.join(' '))
  }
  return out
}

describe('agreement with MiniSearch on 10,000 generated documents', () => {
  it('overlaps its top 10 by at least 0.9 over 200 queries', async () => {
    const overlaps: number[] = []
    for (const q of queries()) {
      const theirs = reference
        .search(q)
        .slice(0, 10)
        .map((r) => r.id as string)
      const mine = await ours(q)
      const same = mine.filter((id) => theirs.includes(id)).length
      overlaps.push(theirs.length === 0 && mine.length === 0 ? 1 : same / Math.max(theirs.length, mine.length))
    }
    const mean = overlaps.reduce((a, b) => a + b, 0) / overlaps.length
    console.log(`top-10 overlap over ${overlaps.length} queries: ${mean.toFixed(3)}`)
    expect(mean).toBeGreaterThanOrEqual(0.9)
  }, 120_000)

  it('finds a document first by its exact title', async () => {
    const missed: string[] = []
    for (const doc of docs.slice(0, 200)) {
      const [first] = await ours(doc.title, 1)
      if (first !== doc.id) missed.push(doc.title)
    }
    expect(missed).toEqual([])
  }, 120_000)
})
