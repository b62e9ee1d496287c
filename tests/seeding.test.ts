/**
 * Incremental seeding against the real local KV binding: what a re-seed
 * writes, what it counts, which dates it keeps, and the order that keeps the
 * site consistent at every step of a run.
 */
import { reset } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { planSeed } from '../scripts/publish/plan'
import { applyPlan, loadPrevious } from '../scripts/publish/seed-run'
import { bindingTarget } from '../scripts/publish/target'
import { slugify } from '../scripts/publish/document/slug'
import type { Document, PageEntry } from '../src/shared/records'
import { articleKey, HEAD_SEAL_AT, PAGE_SIZE, pageKey } from '../src/shared/keys'
import { readArticleValue, readFeedSource, readHead, readIndex } from '../src/store/read'
import { fetchPath } from './support/http'
import { datedDocument, datedDocuments } from './support/documents'
import { kv, seedDocuments } from './support/seed'

// Seed clocks, in order; a test passes one as `now` to say when a run happens.
const MAY_1 = '2026-05-01T00:00:00Z'
const MAY_2 = '2026-05-02T00:00:00Z'
const MAY_3 = '2026-05-03T00:00:00Z'

const slugOf = (doc: Document) => slugify(doc.title)
const corrected = (doc: Document): Document => ({
  ...doc,
  paragraphs: [...doc.paragraphs, 'Correction: an earlier version misnamed the ferry.'],
})
// Newer than the rest, with an id the store has never seen.
const newcomer = () => datedDocument(1000, { title: 'A late arrival' })

/**
 * Every entry the index lists, newest first: the head, then each page the head counts as sealed,
 * newest page first. `missing` names the counted pages that are not stored.
 */
async function indexed(): Promise<{ entries: PageEntry[]; missing: string[] }> {
  const head = await readHead(kv())
  const sealed = head?.sealed ?? 0
  const pages = Array.from({ length: sealed }, (_, i) => sealed - 1 - i)
  const { pages: stored } = await readIndex(kv(), { head: false, pages })
  const entries = [...(head?.entries ?? [])]
  const missing: string[] = []
  for (const k of pages) {
    const page = stored.get(k)
    if (page) entries.push(...page.entries)
    else missing.push(pageKey(k))
  }
  return { entries, missing }
}

/** Every key and raw value in the namespace. */
async function snapshot(): Promise<Map<string, string | null>> {
  const { keys } = await kv().list()
  return new Map(await Promise.all(keys.map(async ({ name }) => [name, await kv().get(name)] as const)))
}

beforeEach(() => reset())

describe('re-seeding', () => {
  it('an unchanged set writes nothing', async () => {
    // A sealed page as well as the head.
    const docs = datedDocuments(HEAD_SEAL_AT + 5)
    await seedDocuments(docs, { now: MAY_1 })
    const before = await snapshot()

    const plan = await seedDocuments(docs, { now: MAY_2 })

    for (const step of plan.steps)
      expect({ step: step.name, puts: step.puts.length, deletes: step.deletes.length }).toEqual({ step: step.name, puts: 0, deletes: 0 })
    expect(plan.summary).toMatchObject({ added: 0, updated: 0, unchanged: docs.length, deleted: 0, total: docs.length })
    expect(await snapshot()).toEqual(before)
  })

  it('rewrites a changed document and counts it updated', async () => {
    const docs = datedDocuments(5)
    await seedDocuments(docs, { now: MAY_1 })
    const changed = corrected(docs[2])

    const plan = await seedDocuments(
      docs.map((doc) => (doc === docs[2] ? changed : doc)),
      { now: MAY_2 },
    )

    expect(plan.summary).toMatchObject({ added: 0, updated: 1, unchanged: docs.length - 1, deleted: 0 })
    expect(plan.steps.find((step) => step.name === 'articles')?.puts.map((p) => p.key)).toEqual([articleKey(slugOf(changed))])
    const stored = (await readArticleValue(kv(), slugOf(changed)))?.record()
    expect(stored?.paragraphs).toEqual(changed.paragraphs)
    expect(stored?.modified_at).toBe(MAY_2)
  })

  // The oldest is in the first sealed page, the newest in the head.
  it.each([
    ['a sealed page', 1],
    ['the head', HEAD_SEAL_AT + 3],
  ])('deletes a removed document from KV and %s, and counts it deleted', async (_, n) => {
    const docs = datedDocuments(HEAD_SEAL_AT + 5)
    await seedDocuments(docs, { now: MAY_1 })
    const removed = docs[n]

    const plan = await seedDocuments(
      docs.filter((doc) => doc !== removed),
      { now: MAY_2 },
    )

    expect(plan.summary).toMatchObject({ added: 0, updated: 0, unchanged: docs.length - 1, deleted: 1 })
    expect(await kv().get(articleKey(slugOf(removed)))).toBeNull()
    const { entries, missing } = await indexed()
    expect(missing).toEqual([])
    expect(entries.map((entry) => entry.slug)).toEqual(
      docs
        .filter((doc) => doc !== removed)
        .reverse()
        .map(slugOf),
    )
  })

  it('counts added, updated, unchanged and deleted documents together', async () => {
    const docs = datedDocuments(6)
    await seedDocuments(docs, { now: MAY_1 })
    const next = [...docs.slice(0, 3), corrected(docs[3]), docs[4], newcomer()] // docs[5] removed
    const untouched = next.filter((doc) => docs.includes(doc)).length

    const plan = await seedDocuments(next, { now: MAY_2 })

    expect(plan.summary).toMatchObject({ added: 1, updated: 1, unchanged: untouched, deleted: 1, total: next.length })
  })
})

describe('dates that never move the wrong way', () => {
  it('an unchanged article keeps its Last-Modified across re-seeds', async () => {
    const docs = datedDocuments(3)
    await seedDocuments(docs, { now: MAY_1 })
    await seedDocuments([docs[0], corrected(docs[1]), docs[2]], { now: MAY_2 })
    await seedDocuments([docs[0], corrected(docs[1]), docs[2], newcomer()], { now: MAY_3 })

    // Never edited: dated by its document, not by the seed that first stored it (tests/dates.test.ts).
    const unchanged = await fetchPath(`/articles/${slugOf(docs[0])}`)
    expect(unchanged.headers.get('last-modified')).toBe(new Date(docs[0].published_at).toUTCString())
    const changed = await fetchPath(`/articles/${slugOf(docs[1])}`)
    expect(changed.headers.get('last-modified')).toBe(new Date(MAY_2).toUTCString())
  })

  // A seed from a machine whose clock is behind must not date the index before what readers already saw.
  it.each([
    ['a clock that is behind', MAY_1, MAY_2],
    ['a clock that is ahead', MAY_3, MAY_3],
  ])('list and feed modified_at never go backwards when an article is deleted, with %s', async (_, deletionClock, expected) => {
    const docs = datedDocuments(4)
    const newest = docs[docs.length - 1]
    await seedDocuments(docs, { now: MAY_1 })
    // An edit dates the first list page and the feed MAY_2: a first seed would date them by their newest document.
    await seedDocuments([...docs.slice(0, -1), corrected(newest)], { now: MAY_2 })

    await seedDocuments(docs.slice(0, -1), { now: deletionClock })

    const head = await readHead(kv())
    const feed = await readFeedSource(kv())
    expect(head?.entries.map((entry) => entry.slug)).not.toContain(slugOf(newest))
    expect(feed?.articles.map((article) => article.slug)).not.toContain(slugOf(newest))
    expect(head?.modified_at).toBe(expected)
    expect(feed?.modified_at).toBe(expected)
    for (const path of ['/', '/api/articles', '/feed.xml']) {
      expect((await fetchPath(path)).headers.get('last-modified')).toBe(new Date(expected).toUTCString())
    }
  })

  it.each([
    ['a clock that is behind', MAY_1, MAY_2],
    ['a clock that is ahead', MAY_3, MAY_3],
  ])('a sealed page modified_at never goes backwards when an article is deleted from it, with %s', async (_, deletionClock, expected) => {
    const docs = datedDocuments(HEAD_SEAL_AT + 5)
    // The newest of the oldest sealed page (archive page 1).
    const edited = docs[PAGE_SIZE - 1]
    await seedDocuments(docs, { now: MAY_1 })
    // The edit dates the page MAY_2.
    await seedDocuments(
      docs.map((doc) => (doc === edited ? corrected(doc) : doc)),
      { now: MAY_2 },
    )

    await seedDocuments(
      docs.filter((doc) => doc !== edited),
      { now: deletionClock },
    )

    const page = (await readIndex(kv(), { head: false, pages: [0] })).pages.get(0)
    expect(page?.entries.map((entry) => entry.slug)).not.toContain(slugOf(edited))
    expect(page?.modified_at).toBe(expected)
    expect((await fetchPath('/archive/1')).headers.get('last-modified')).toBe(new Date(expected).toUTCString())
  })
})

describe('the order of a seed run', () => {
  /** A seeded store with a sealed page, and a next set that adds, changes (in the sealed page) and removes (from the head). */
  async function changeOfEverything() {
    const docs = datedDocuments(HEAD_SEAL_AT + 5)
    await seedDocuments(docs, { now: MAY_1 })
    return { removed: docs[docs.length - 1], next: [corrected(docs[0]), ...docs.slice(1, -1), newcomer()] }
  }

  it('puts articles, then pages, then the head and feed, then deletes, then the manifest', async () => {
    const { removed, next } = await changeOfEverything()
    const plan = await seedDocuments(next, { now: MAY_2, dryRun: true })

    expect(plan.steps.map((step) => step.name)).toEqual(['articles', 'pages', 'indexes', 'deletes', 'manifest'])
    const [articles, pages, indexes, deletes, manifest] = plan.steps
    expect(articles.puts.length).toBeGreaterThan(0)
    for (const { key } of articles.puts) expect(key).toMatch(/^article:/)
    // The edited article's page; a newly sealed page's bound would go with it.
    expect(pages.puts.map(({ key }) => key)).toEqual([pageKey(0)])
    for (const { key } of pages.puts) expect(key).toMatch(/^(page:\d+|manifest:bounds:\d+)$/)
    expect(indexes.puts.length).toBeGreaterThan(0)
    // The search index goes with the indexes (scripts/publish/search/).
    for (const { key } of indexes.puts) expect(key).toMatch(/^(head|feed|search:.+)$/)
    expect(deletes.deletes).toContain(articleKey(slugOf(removed)))
    expect(manifest.puts.length).toBeGreaterThan(0)
    for (const { key } of manifest.puts) expect(key).toMatch(/^manifest:/)
    for (const step of plan.steps) expect(step.puts.length === 0 || step.deletes.length === 0).toBe(true)

    const applied: string[] = []
    await seedDocuments(next, { now: MAY_2, onBatch: (step) => applied.at(-1) !== step && applied.push(step) })
    expect(applied).toEqual(['articles', 'pages', 'indexes', 'deletes', 'manifest'])
  })

  /** Everything a reader could follow from the index that leads nowhere. */
  async function danglingReferences(): Promise<string[]> {
    const dangling: string[] = []
    const exists = async (slug: string) => (await kv().get(articleKey(slug))) !== null
    const { entries, missing } = await indexed()
    dangling.push(...missing.map((key) => `the head counts ${key}, which is missing`))
    for (const { slug } of entries) if (!(await exists(slug))) dangling.push(`index → ${slug}`)
    for (const { slug } of (await readFeedSource(kv()))?.articles ?? []) if (!(await exists(slug))) dangling.push(`feed → ${slug}`)
    return dangling
  }

  it('never lets the index reference a missing article, after any prefix of the steps', async () => {
    // Two sealed pages and a head: most of both pages and part of the head go at once, with feed entries and articles, and a page is sealed anew.
    const docs = datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE - 15)
    await seedDocuments(docs, { now: MAY_1 })
    // Enough new ones that the head, which keeps its newest 25, seals a third page.
    const fresh = Array.from({ length: PAGE_SIZE + 15 }, (_, i) => datedDocument(2000 + i))
    const next = [
      corrected(docs[0]),
      { ...docs[1], title: 'Retitled report' },
      ...docs.slice(2, 18),
      ...docs.slice(60),
      newcomer(),
      ...fresh,
    ]
    // Planned against the store as a real run would, then applied one step at a time.
    const plan = await planSeed(next, await loadPrevious(bindingTarget(kv())), MAY_2)
    expect(plan.steps.find((step) => step.name === 'deletes')?.deletes.length).toBeGreaterThan(0)
    expect(plan.steps.find((step) => step.name === 'pages')?.puts.map(({ key }) => key)).toEqual(
      expect.arrayContaining([pageKey(0), pageKey(1), pageKey(2)]),
    )

    expect(await danglingReferences()).toEqual([])
    for (const step of plan.steps) {
      await applyPlan({ steps: [step], summary: plan.summary, index: plan.index }, bindingTarget(kv()), { backoffMs: 1 })
      expect({ after: step.name, dangling: await danglingReferences() }).toEqual({ after: step.name, dangling: [] })
    }
    const listed = (await indexed()).entries.map((entry) => entry.title)
    expect(listed).toEqual([...next].sort((a, b) => b.published_at.localeCompare(a.published_at)).map((doc) => doc.title))
  })
})
