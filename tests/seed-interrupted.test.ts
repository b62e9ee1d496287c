/**
 * A seed killed mid-upload, simulated at every batch with any part of the
 * batch in flight landed: the site stays consistent (every article an index,
 * the feed or the sitemap names is served, no request fails), and the next
 * run repairs the store to exactly what an uninterrupted run leaves.
 */
import { env } from 'cloudflare:test'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../scripts/publish/seed-run'
import { bindingTarget } from '../scripts/publish/target'
import { isolateCache } from '../src/http/serve'
import type { Document } from '../src/shared/records'
import type { ArticleList } from '../src/api-schema'
import { LIST_PAGE_SIZE } from '../src/shared/keys'
import { datedDocument, datedDocuments } from './support/documents'
import { callWorker } from './support/entry'
import { ORIGIN } from './support/http'
import { restoreKv, snapshotKv } from './support/kv-snapshot'
import { dyingTarget, Killed, recordingTarget } from './support/upload-targets'
import { parseXml } from './support/xml'

/** Generated deaths: a batch, and which of its writes landed. */
const RUNS = 30

const BEFORE = '2026-05-01T00:00:00Z'
// The interrupted run and its repair share a clock, so the repaired store can be compared byte for byte.
const RUN = '2026-05-02T00:00:00Z'
const LATER = '2026-05-03T00:00:00Z'

const corrected = (doc: Document): Document => ({ ...doc, paragraphs: [...doc.paragraphs, 'Correction: the vote was on Tuesday.'] })

// Two index pages; the next set removes the oldest (the second page goes), changes some and adds some.
const previous = datedDocuments(LIST_PAGE_SIZE + 2)
const next: Document[] = [
  ...previous.slice(4).map((doc, i) => (i % 6 === 0 ? corrected(doc) : doc)),
  datedDocument(100),
  datedDocument(101, { title: 'A late arrival' }),
]

const target = () => bindingTarget(env.ARTICLES)
const options = { retries: 2, backoffMs: 0 }

let before: Map<string, string>
let uninterrupted: Map<string, string>
let batches: string[][]

beforeAll(async () => {
  await restoreKv(env.ARTICLES, new Map())
  await seed(previous, target(), { now: BEFORE })
  before = await snapshotKv(env.ARTICLES)
  const recording = recordingTarget(target())
  await seed(next, recording.target, { ...options, now: RUN })
  uninterrupted = await snapshotKv(env.ARTICLES)
  batches = recording.batches
})

async function get(path: string): Promise<Response> {
  const response = await callWorker(new Request(new URL(path, ORIGIN)))
  expect(response.status, path).toBe(200)
  return response
}

const slugOf = (url: string) => new URL(url).pathname.split('/').pop()!

/** Every slug the site links to: the whole list (cursor by cursor), the JSON Feed and the sitemap. */
async function linkedSlugs(): Promise<Set<string>> {
  const slugs = new Set<string>()
  for (let path: string | null = '/api/articles?limit=100'; path; ) {
    const page = (await (await get(path)).json()) as ArticleList
    for (const item of page.items) slugs.add(item.slug)
    path = page.next_cursor && `/api/articles?limit=100&cursor=${page.next_cursor}`
  }
  const feed = (await (await get('/feed.json')).json()) as { items: Array<{ url: string }> }
  for (const item of feed.items) slugs.add(slugOf(item.url))
  const sitemap = parseXml(await (await get('/sitemap.xml')).text())
  for (const url of [sitemap.urlset.url ?? []].flat() as Array<{ loc: string }>) slugs.add(slugOf(url.loc))
  return slugs
}

async function expectConsistentSite(): Promise<void> {
  isolateCache.clear()
  const slugs = [...(await linkedSlugs())]
  await Promise.all([...['/', '/feed.xml', '/atom.xml', '/healthz'], ...slugs.map((slug) => `/api/articles/${slug}`)].map(get))
}

describe('a seed killed mid-upload', () => {
  it('is compared with an uninterrupted run that left a consistent site', async () => {
    expect(batches.length).toBeGreaterThan(1)
    await expectConsistentSite()
  })

  it(`leaves a consistent site, and the next run repairs it exactly (${RUNS} deaths)`, async () => {
    const largest = Math.max(...batches.map((batch) => batch.length))
    const death = fc.record({
      batch: fc.nat({ max: batches.length - 1 }),
      landed: fc.array(fc.boolean(), { minLength: largest, maxLength: largest }),
    })
    await fc.assert(
      fc.asyncProperty(death, async ({ batch, landed }) => {
        await restoreKv(env.ARTICLES, before)
        const dying = dyingTarget(target(), { batch, landed: (keys) => keys.filter((_, i) => landed[i]) })
        await expect(seed(next, dying, { ...options, now: RUN })).rejects.toBeInstanceOf(Killed)

        await expectConsistentSite()

        await seed(next, target(), { ...options, now: RUN })
        expect(await snapshotKv(env.ARTICLES)).toEqual(uninterrupted)
        const again = await seed(next, target(), { ...options, now: LATER, dryRun: true })
        expect(again.steps.flatMap((step) => [...step.puts, ...step.deletes])).toEqual([])
      }),
      {
        numRuns: RUNS,
        // Always among them: dying before the first write lands, and with only the last write missing.
        examples: [
          [{ batch: 0, landed: Array(largest).fill(false) }],
          [{ batch: batches.length - 1, landed: batches[batches.length - 1].map((_, i, all) => i < all.length - 1) }],
        ],
      },
    )
  }, 120_000)
})
