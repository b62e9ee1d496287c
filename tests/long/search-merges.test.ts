/**
 * The search index as a newsroom grows it, through the real seed and the
 * Worker's real entry over real local KV: articles published one seed at a
 * time, some edited or deleted, until small segments are merged over several
 * seeds (scripts/publish/search/plan-search.ts). Each article is found by its
 * title while a merge is under way and after it has replaced its sources, and
 * no deleted one is.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { SearchResultsSchema } from '../../src/api-schema'
import { isolateCache } from '../../src/http/serve'
import type { Document } from '../../src/shared/records'
import { SEARCH_DIR_KEY, SearchDirectorySchema } from '../../src/shared/search-index'
import { datedDocument } from '../support/documents'
import { fetchPath } from '../support/http'
import { seedWithSearch } from '../support/seed-search'

const PLACES = ['harbour', 'valley', 'market', 'station', 'library', 'bridge', 'stadium', 'museum', 'airport', 'school']
const TOPICS = ['budget', 'strike', 'flood', 'election', 'festival', 'repairs', 'inquiry', 'opening', 'closure', 'record']

/**
 * Article n: its title's words come back in other articles' bodies, as a newsroom's do, and its
 * body is long enough (some 900 words) that merging four small segments takes more than one seed.
 */
const article = (n: number): Document =>
  datedDocument(n, {
    title: `${PLACES[n % 10]} ${TOPICS[Math.floor(n / 10) % 10]} report ${n}`,
    paragraphs: Array.from(
      { length: 100 },
      (_, k) =>
        `The ${PLACES[(n + k) % 10]} ${TOPICS[(n * k) % 10]} drew item${(n * 31 + k * 17) % 4999}, note${(n + k * 13) % 2999} and file${(n * 7 + k) % 3999}.`,
    ),
  })

async function directory() {
  return SearchDirectorySchema.parse(await env.ARTICLES.get(SEARCH_DIR_KEY, 'json'))
}

/** The slugs /api/search finds for the article's exact title, as a phrase. */
async function foundBy(title: string): Promise<string[]> {
  isolateCache.clear()
  const response = await fetchPath(`/api/search?q=${encodeURIComponent(`"${title}"`)}&limit=50`)
  expect(response.status).toBe(200)
  return SearchResultsSchema.parse(await response.json()).items.map((item) => item.title)
}

async function expectEachFoundOnce(live: readonly Document[], removed: readonly Document[]) {
  const wrong: string[] = []
  for (const doc of live) {
    const titles = await foundBy(doc.title)
    if (titles.filter((title) => title === doc.title).length !== 1) wrong.push(`${doc.title}: ${titles.length} found`)
  }
  for (const doc of removed) if ((await foundBy(doc.title)).includes(doc.title)) wrong.push(`${doc.title}: found after its delete`)
  expect(wrong).toEqual([])
}

describe('search as articles are published one seed at a time', () => {
  it('finds each article once by its title, during a merge and after it, and no deleted one', async () => {
    const live: Document[] = []
    const removed: Document[] = []
    let seenMerging = false
    for (let n = 0; n < 90; n++) {
      live.push(article(n))
      if (n % 10 === 5) {
        const at = (n * 7) % live.length
        live[at] = { ...live[at], title: `${live[at].title} updated` }
      }
      if (n % 25 === 20) removed.push(...live.splice((n * 3) % live.length, 1))
      await seedWithSearch(live)
      const dir = await directory()
      if (!seenMerging && (dir.merging?.length ?? 0) > 0) {
        seenMerging = true
        await expectEachFoundOnce(live, removed)
      }
    }
    expect(seenMerging).toBe(true)
    const dir = await directory()
    expect(dir.merging ?? []).toEqual([])
    expect(dir.segments.some((segment) => segment.id.startsWith('m'))).toBe(true)
    await expectEachFoundOnce(live, removed)
  }, 180_000)
})
