/**
 * Issue 24's bounds on what a publish costs with topics and authors, planned in-process over a
 * small archive filed the way a newsroom's is (a few prolific authors, a long tail of topics):
 * a new article with t topics and a authors ≤ 8 + 2·(t + a) KV writes; an edit that changes no
 * facet ≤ 8, one that adds or removes facets 2 more per facet it touches; a delete ≤ 16 + 2 per
 * facet; each facet touched adds at most 400 KB. The bounds at 100,000 are publish-cost's.
 */
import { describe, expect, it } from 'vitest'
import { planCost } from '../scripts/publish/plan-cost'
import { manifestShardKeys, type PreviousState, readPreviousState } from '../scripts/publish/manifest'
import { planSeed } from '../scripts/publish/plan'
import type { Document } from '../src/shared/records'
import { datedDocument } from './support/documents'
import { planFirstSeed, stateAfterFirstSeed } from './support/plan'
import { standInImages } from './support/stand-in-images'

// After every generated date: no scheduled article goes out between the two seeds.
const NOW = '2030-01-01T00:00:00Z'
const LATER = '2030-01-02T00:00:00Z'
const COUNT = 400
const TOPICS = 60
const AUTHORS = 12

/** Article n's lines: authors by a skewed draw (author 0 writes most), topics from a long tail. */
const filed = (n: number): Document =>
  datedDocument(n, {
    authors: [`Reporter ${(n * n) % 7 === 0 ? 0 : n % AUTHORS}`],
    topics: [`Topic ${n % 3}`, `Topic ${3 + (n % (TOPICS - 3))}`],
  })
const archive = Array.from({ length: COUNT }, (_, n) => filed(n))

const priced = async (documents: Document[]) => {
  const first = await planFirstSeed(archive, NOW)
  return planCost(await planSeed(documents, stateAfterFirstSeed(first), LATER, { images: standInImages }))
}
const within = (cost: { writes: number; deletes: number }, bound: number) => expect(cost.writes + cost.deletes).toBeLessThanOrEqual(bound)
const MAX_BYTES_PER_FACET = 400_000

describe('the cost of publishing with topics and authors', () => {
  it('a new article with t topics and a authors writes at most 8 + 2·(t + a), 400 KB a facet', async () => {
    const added = datedDocument(COUNT + 10, { authors: ['Reporter 0', 'A newcomer'], topics: ['Topic 1', 'Topic 5', 'A new topic'] })
    const cost = await priced([...archive, added])
    within(cost, 8 + 2 * 5)
    // Each facet it joins has a head written: the plan is not free of them.
    expect(cost.writes).toBeGreaterThan(5)
    expect(cost.bytes).toBeLessThanOrEqual(1_000_000 + 5 * MAX_BYTES_PER_FACET)
  })

  it('an edit that changes no facet, nor what a list shows, writes at most 8', async () => {
    const doc = archive[COUNT / 2]
    within(await priced(archive.map((d) => (d === doc ? { ...d, paragraphs: [...d.paragraphs, 'Corrected.'] } : d))), 8)
  })

  it('an edit that re-files an article writes at most 2 more a facet it touches', async () => {
    const doc = archive[COUNT / 2]
    // Leaves one topic and joins another, so two topics are touched.
    const refiled = { ...doc, topics: [doc.topics![0], 'Topic 2'] }
    within(await priced(archive.map((d) => (d === doc ? refiled : d))), 8 + 2 * 2)
  })

  it('a delete writes and deletes at most 16 + 2 a facet', async () => {
    const doc = archive[COUNT / 3]
    within(await priced(archive.filter((d) => d !== doc)), 16 + 2 * 3)
  })

  it('reads a manifest written before its entries were short: re-files nothing, rewrites only its shards', async () => {
    const first = await planFirstSeed(archive, NOW)
    const values = new Map(first.steps.flatMap((step) => step.puts).map((put) => [put.key, put.read()]))
    // As the seed wrote it before: full facet keys (`topic:<slug>`), modified_at even when it is published_at.
    let shards = 0
    for (const key of manifestShardKeys) {
      const raw = values.get(key)
      if (raw === undefined) continue
      const shard = JSON.parse(raw) as Record<string, string[]>
      for (const entry of Object.values(shard)) {
        entry[2] ||= entry[3]
        if (entry[5]) entry[5] = entry[5].replace(/ ([TA])/g, (_, initial: string) => ` ${initial === 'T' ? 'topic' : 'author'}:`)
      }
      values.set(key, JSON.stringify(shard))
      shards++
    }
    expect(shards).toBeGreaterThan(0)
    const before = readPreviousState(values)
    const dates = (state: PreviousState) =>
      [...state.articles].map(([id, { modified_at, published_at }]) => [id, modified_at, published_at])
    expect(dates(before)).toEqual(dates(stateAfterFirstSeed(first)))
    const plan = await planSeed(archive, before, LATER, { images: standInImages })
    const written = plan.steps.flatMap((step) => step.puts.map((put) => put.key))
    expect(written.filter((key) => !key.startsWith('manifest:'))).toEqual([])
    expect(written.length).toBeGreaterThan(0)
  })

  it('an unchanged archive writes nothing', async () => {
    const cost = await priced(archive)
    expect([cost.writes, cost.deletes]).toEqual([0, 0])
  })
})
