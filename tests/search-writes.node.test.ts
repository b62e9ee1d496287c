/**
 * Issue 13's write bounds on the search index, at 100,000 planned documents:
 * 1,000 publishes one after another (new articles, with edits and deletes among
 * them) write at most 4 search keys per publish on average and at most 32 in any
 * one; a publish of 1,000 at once stays within 32 too. The planner never reads
 * the base segment's chunks, only its members, so the 100,000 are planned as a
 * seed leaves them (members and directory) without tokenizing them.
 */
import { describe, expect, it } from 'vitest'
import { planSearch, type SearchArticle } from '../scripts/publish/search/plan-search'
import type { SearchState } from '../scripts/publish/search/state'
import { RECENT, type SearchDirectory } from '../src/shared/search-index'

const BASE = 100_000
const DAY = 86_400_000
const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z')
const START = Date.parse('2026-01-01T00:00:00Z')

const article = (n: number, published: number): SearchArticle => ({
  id: n.toString(16).padStart(16, '0'),
  slug: `article-${n}`,
  title: `Article ${n} on the council budget`,
  summary: `The council met about article ${n}.`,
  published_at: at(published),
})
const body = (id: string) => `The council met about ${id}. Residents asked about rates, roads and schools.`

function storedBase(): { articles: SearchArticle[]; state: SearchState } {
  const articles = Array.from({ length: BASE }, (_, n) => article(n, START - (BASE - n) * 3_600_000))
  const members = articles.map((a): [string, number, number] => [a.id, 6, 400]).reverse()
  const dir: SearchDirectory = {
    version: 'stored',
    docs: BASE,
    title_tokens: 6 * BASE,
    body_tokens: 400 * BASE,
    segments: [{ id: 'b0', docs: BASE, bounds: ['a'] }],
    recent: { terms: {}, docs: [], members: [] },
    deleted: {},
    upcoming: [],
  }
  return { articles, state: { dir, members: { b0: members, [RECENT]: [] } } }
}

describe('search writes at 100,000 planned documents', () => {
  it('costs at most 4 keys a publish over 1,000 publishes, and at most 32 in any', async () => {
    const base = storedBase()
    const articles = base.articles
    let state = base.state
    // Changed in place, not copied: the planner keeps nothing of the list it is given.
    const costs: number[] = []
    for (let i = 0; i < 1000; i++) {
      const now = START + i * DAY
      const added = article(BASE + i, now)
      const changed = new Set([added.id])
      articles.push(added)
      // Every tenth publish also edits an old article, every 25th deletes one.
      if (i % 10 === 5) changed.add(articles[i * 7].id)
      if (i % 25 === 20) articles.splice(i * 11, 1)
      const plan = await planSearch({ articles, body, changed, previous: state, now: at(now) })
      costs.push(plan.puts.length + plan.deletes.length)
      state = plan.state
    }
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length
    console.log(`search keys per publish over 1,000: mean ${mean.toFixed(2)}, most ${Math.max(...costs)}`)
    expect(mean).toBeLessThanOrEqual(4)
    expect(Math.max(...costs)).toBeLessThanOrEqual(32)
    expect(state.dir!.segments.some((s) => s.id.startsWith('b0'))).toBe(true)
  }, 300_000)

  it('costs at most 32 keys for 1,000 articles published at once', async () => {
    const { articles, state } = storedBase()
    const now = START + DAY
    const added = Array.from({ length: 1000 }, (_, i) => article(BASE + i, now + i))
    const plan = await planSearch({
      articles: [...articles, ...added],
      body,
      changed: new Set(added.map((a) => a.id)),
      previous: state,
      now: at(now + DAY),
    })
    expect(plan.puts.length + plan.deletes.length).toBeLessThanOrEqual(32)
  }, 120_000)
})
