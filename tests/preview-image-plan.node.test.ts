/**
 * The seed's preview images, in Node with the real renderer and its disk cache
 * (in a folder of the test's own): each article written carries its image;
 * nothing is drawn or written again for an unchanged article; an edit of the
 * body re-uses the image drawn before; a new title, or a new site name, draws
 * again and rewrites. The store is a map standing in for KV: what is planned
 * and written is the subject here, not KV (tests/preview-image-route.test.ts
 * serves the result in workerd).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cachedImages } from '../scripts/publish/images/image-cache'
import type { ImageSource, Plan } from '../scripts/publish/plan'
import { seed } from '../scripts/publish/seed-run'
import { articleKey, FEED_KEY, HEAD_KEY, SITE_IMAGE_KEY } from '../src/shared/keys'
import { FeedSourceSchema, HeadSchema, type Document, SiteImageSchema } from '../src/shared/records'
import { recordIn } from './support/article-value'
import { mapTarget } from './support/upload-targets'
import { datedDocuments } from './support/documents'

const SITE = { name: 'The Harbour Gazette', description: 'News of the harbour.' }
const NOW = '2026-06-01T12:00:00Z'

let cache: string
const store = new Map<string, string>()
/** How many images each seed drew (0: the renderer was not called). */
let drawn: number[] = []

async function seeded(documents: Document[], images: ImageSource | undefined): Promise<Plan> {
  let count = 0
  const plan = await seed(documents, mapTarget(store), { now: NOW, images, onDrawn: (_, total) => (count = total) })
  drawn.push(count)
  return plan
}

const article = (doc: Document) => recordIn(store.get(articleKey(slugOf(doc)))!)
const slugOf = (doc: Document) => doc.title.toLowerCase().replace(/ /g, '-')
const written = (plan: Plan) => plan.steps.flatMap((step) => step.puts.map((put) => put.key))

/** A PNG's width and height, from its IHDR chunk (PNG specification, section 11.2.2). */
function pngSize(base64: string): [number, number] {
  const bytes = Buffer.from(base64, 'base64')
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)]
}

const docs = datedDocuments(3)
let images: ImageSource

beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'preview-image-cache-'))
  images = await cachedImages(SITE, cache)
})
afterAll(() => rm(cache, { recursive: true, force: true }))

// Each seed draws on worker threads that load every font first: seconds on a busy machine.
describe('a seed with preview images', { timeout: 120_000 }, () => {
  it('stores each article with its 1200×630 PNG, and the site image once; the feed only says it has one', async () => {
    drawn = []
    const plan = await seeded(docs, images)
    expect(drawn).toEqual([docs.length + 1])
    for (const doc of docs) expect(pngSize(article(doc).preview_png!)).toEqual([1200, 630])
    expect(pngSize(SiteImageSchema.parse(JSON.parse(store.get(SITE_IMAGE_KEY)!)).png)).toEqual([1200, 630])
    expect(HeadSchema.parse(JSON.parse(store.get(HEAD_KEY)!)).site_image).toBe(images.site)
    const feed = FeedSourceSchema.parse(JSON.parse(store.get(FEED_KEY)!))
    expect(feed.articles.map((a) => a.has_preview_image)).toEqual(docs.map(() => true))
    expect(store.get(FEED_KEY)).not.toContain('preview_png')
    // Three articles and the site image: no write of an image's own.
    expect(plan.steps[0].puts).toHaveLength(docs.length + 1)
  })

  it('writes and draws nothing for an unchanged folder', async () => {
    drawn = []
    const plan = await seeded(docs, images)
    expect(written(plan)).toEqual([])
    expect(drawn).toEqual([0])
  })

  it('rewrites an article whose body changed with the image drawn before, drawing nothing', async () => {
    drawn = []
    const before = article(docs[0]).preview_png
    const plan = await seeded([{ ...docs[0], paragraphs: ['A corrected first paragraph.'] }, ...docs.slice(1)], images)
    expect(plan.summary).toMatchObject({ updated: 1, unchanged: 2 })
    expect(drawn).toEqual([0])
    expect(article(docs[0]).preview_png).toBe(before)
  })

  it('draws again and rewrites an article whose title changed', async () => {
    drawn = []
    const before = article(docs[1]).preview_png
    const plan = await seeded(
      [{ ...docs[0], paragraphs: ['A corrected first paragraph.'] }, { ...docs[1], title: `${docs[1].title} revised` }, docs[2]],
      images,
    )
    expect(plan.summary).toMatchObject({ updated: 1, unchanged: 2 })
    expect(drawn).toEqual([1])
    // The slug is kept; the image is new.
    expect(article(docs[1]).preview_png).not.toBe(before)
  })

  it("draws every image again and rewrites every article when the site's name changes, their dates kept", async () => {
    drawn = []
    const current = [
      { ...docs[0], paragraphs: ['A corrected first paragraph.'] },
      { ...docs[1], title: `${docs[1].title} revised` },
      docs[2],
    ]
    const dates = docs.map((doc) => article(doc).modified_at)
    const renamed = await cachedImages({ ...SITE, name: 'The Harbour Times' }, cache)
    const plan = await seeded(current, renamed)
    expect(plan.summary).toMatchObject({ updated: 3, unchanged: 0 })
    expect(written(plan)).toContain(SITE_IMAGE_KEY)
    expect(drawn).toEqual([docs.length + 1])
    // A new image is no edit of the article.
    expect(docs.map((doc) => article(doc).modified_at)).toEqual(dates)
  })

  it('without images, stores an edited article without one and leaves the others theirs', async () => {
    drawn = []
    const renamed = await cachedImages({ ...SITE, name: 'The Harbour Times' }, cache)
    const edited = { ...docs[2], paragraphs: ['Edited without images.'] }
    const current = [
      { ...docs[0], paragraphs: ['A corrected first paragraph.'] },
      { ...docs[1], title: `${docs[1].title} revised` },
      edited,
    ]
    const plan = await seeded(current, undefined)
    expect(plan.summary).toMatchObject({ updated: 1, unchanged: 2 })
    expect(article(docs[2]).preview_png).toBeUndefined()
    expect(article(docs[0]).preview_png).toBeDefined()
    expect(written(plan)).not.toContain(SITE_IMAGE_KEY)
    const feed = FeedSourceSchema.parse(JSON.parse(store.get(FEED_KEY)!))
    expect(feed.articles.find((a) => a.id === docs[2].id)?.has_preview_image).toBeUndefined()
    // The next seed with images stores it with one again: the one drawn for its title before, from the cache.
    drawn = []
    const again = await seeded(current, renamed)
    expect(again.summary).toMatchObject({ updated: 1, unchanged: 2 })
    expect(drawn).toEqual([0])
    expect(pngSize(article(docs[2]).preview_png!)).toEqual([1200, 630])
  })
})
