/**
 * The search index as a newsroom grows it, with articles as the corpus
 * generator writes them (titles and bodies sharing their words, as real ones
 * do), not the one-line stand-ins of search-writes.node.test.ts: an article
 * just published is found by each of its words, and publishing one at a time
 * keeps within issue 13's write bounds.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { generateDocument, seedHash } from '../scripts/corpus/corpus'
import { summarize } from '../scripts/publish/document/derive'
import { parseDocument } from '../scripts/publish/document/parse'
import type { LazyPut } from '../scripts/publish/put'
import { planSearch, type SearchArticle } from '../scripts/publish/search/plan-search'
import { EMPTY_SEARCH, type SearchState } from '../scripts/publish/search/state'
import { rank, withDocs } from '../src/search/engine'
import { parseQuery } from '../src/search/query'
import { RECENT } from '../src/shared/search-index'
import { terms } from '../src/shared/search-tokens'
import { indexOf } from './support/search-index'

const NOW = '2030-01-01T00:00:00Z'
type Doc = SearchArticle & { body: string }

let docs: Doc[]

beforeAll(async () => {
  const seed = seedHash('search-publishing')
  docs = []
  for (let i = 0; i < 2_000; i++) {
    const { fileName, text } = generateDocument(seed, i)
    const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
    if (!parsed.ok) throw new Error(parsed.reason)
    const { id, title, paragraphs, published_at } = parsed.document
    docs.push({ id, slug: `s-${id}`, title, summary: summarize(paragraphs[0]), published_at, body: paragraphs.join('\n') })
  }
}, 120_000)

/** An archive of the first `base` documents, then each publish's plan as the seed makes it; the values as KV would hold them. */
function archive(base: number) {
  const bodies = new Map(docs.map((d) => [d.id, d.body]))
  const articles = docs.slice(0, base)
  const values = new Map<string, LazyPut>()
  let state: SearchState = EMPTY_SEARCH
  const publish = async (changed: readonly string[]) => {
    const plan = await planSearch({ articles, body: (id) => bodies.get(id)!, changed: new Set(changed), previous: state, now: NOW })
    for (const put of plan.puts) values.set(put.key, put)
    for (const key of plan.deletes) values.delete(key)
    state = plan.state
    return plan.puts.length + plan.deletes.length
  }
  return { articles, publish, index: () => indexOf([...values.values()]) }
}

describe('the search index as articles are published one at a time', () => {
  it('finds an article just published by every word of its title and body', async () => {
    const { articles, publish, index } = archive(300)
    await publish(articles.map((a) => a.id))
    const missing: string[] = []
    for (const doc of docs.slice(300, 312)) {
      articles.push(doc)
      await publish([doc.id])
      const { dir, source } = index()
      // The recent documents are held inline in the directory, every word of each.
      expect(dir.recent.docs.some(([slug]) => slug === doc.slug)).toBe(true)
      for (const word of new Set(terms(`${doc.title} ${doc.body}`))) {
        const ranked = await rank(dir, source, parseQuery(`${word} `), Date.parse(NOW), 'relevance')
        const recent = ranked.hits.filter((hit) => hit.segment === RECENT)
        const shown = await withDocs(dir, source, recent)
        if (!shown.some((hit) => hit.doc?.[0] === doc.slug)) missing.push(`${doc.slug}: ${word}`)
      }
    }
    expect(missing).toEqual([])
  }, 120_000)

  it('writes at most 32 search keys a publish and at most 4 on average over 1,000 publishes', async () => {
    const { articles, publish } = archive(1_000)
    await publish(articles.map((a) => a.id))
    const costs: number[] = []
    for (let i = 0; i < 1_000; i++) {
      const added = docs[1_000 + i]
      articles.push(added)
      const changed = [added.id]
      // An edit every tenth publish and a delete every 25th, as in search-writes.node.test.ts.
      if (i % 10 === 5) changed.push(articles[(i * 7) % articles.length].id)
      if (i % 25 === 20) articles.splice((i * 9) % articles.length, 1)
      costs.push(await publish(changed))
    }
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length
    console.log(`search keys per publish of generated articles over 1,000: mean ${mean.toFixed(2)}, most ${Math.max(...costs)}`)
    expect(Math.max(...costs)).toBeLessThanOrEqual(32)
    expect(mean).toBeLessThanOrEqual(4)
  }, 300_000)
})
