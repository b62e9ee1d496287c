/**
 * Pages as link unfurlers read them, from the running Worker (issue 12, "It
 * must show"): metascraper, which link-preview services build on, finds an
 * article's image, date, publisher, logo and author, the date its document's
 * own; open-graph-scraper finds og:image with its size and a large-image
 * Twitter card; a structured-data parser reads the NewsArticle's authors
 * (issue 24) and Google's checks of it pass; the images, logo and icon they
 * point at are real images. The
 * folder is seeded by the seed CLI, images on, as `npm start` seeds it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import createMetascraper from 'metascraper'
import metascraperAuthor from 'metascraper-author'
import metascraperDate from 'metascraper-date'
import metascraperImage from 'metascraper-image'
import metascraperLogo from 'metascraper-logo'
import metascraperPublisher from 'metascraper-publisher'
import metascraperTitle from 'metascraper-title'
import ogs from 'open-graph-scraper'
import sharp from 'sharp'
import { type StructuredDataTestResult, structuredDataTest } from 'structured-data-testing-tool'
import { Google } from 'structured-data-testing-tool/presets'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../scripts/corpus/write-corpus'
import { slugify } from '../scripts/publish/document/slug'
import type { Document } from '../src/shared/records'
import { facetSlug } from '../src/shared/slug'
import { generatedDocuments } from './support/feed-corpora'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

const COUNT = 5
const SEED = 'link-previews'
/** wrangler.toml's [vars]: the publisher, who is also the author of a document without a By: line. */
const PUBLISHER = 'Edge Articles'

const metascraper = createMetascraper([
  metascraperAuthor(),
  // `date` is the modified date first (an `Updated:` line's), `datePublished` the document's own.
  metascraperDate({ datePublished: true }),
  metascraperImage(),
  metascraperLogo(),
  metascraperPublisher(),
  metascraperTitle(),
])

let corpus: string
let worker: WorkerServer
let documents: Document[]
let article: Document
let articleUrl: string
let html: string
/** Checked by each test that reads the article page, so the others still run without one. */
let articleStatus: number

beforeAll(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'link-previews-'))
  await writeCorpus({ count: COUNT, out: corpus, seed: SEED })
  documents = await generatedDocuments(COUNT, SEED)
  ;[article] = documents
  worker = await startWorkerServer(corpus)
  articleUrl = `${worker.url}/articles/${slugify(article.title)}`
  const response = await fetch(articleUrl)
  articleStatus = response.status
  html = await response.text()
})

afterAll(async () => {
  await worker?.stop()
  await rm(corpus, { recursive: true, force: true })
})

/** An image the Worker serves: its type and pixel size as a decoder reads them. */
async function served(url: string) {
  const response = await fetch(url)
  const bytes = Buffer.from(await response.arrayBuffer())
  return { status: response.status, type: response.headers.get('content-type'), bytes }
}

describe('metascraper on an article page', () => {
  it("finds the preview image, the document's own dates, the publisher, the logo and the author", async () => {
    expect(articleStatus, articleUrl).toBe(200)
    const found = await metascraper({ url: articleUrl, html })
    expect(found).toMatchObject({
      title: article.title,
      image: `${worker.url}/images/${slugify(article.title)}.png`,
      date: new Date(article.updated_at ?? article.published_at).toISOString(),
      datePublished: new Date(article.published_at).toISOString(),
      publisher: PUBLISHER,
      author: article.authors?.[0] ?? PUBLISHER,
    })
    expect(found.logo).toMatch(new RegExp(`^${worker.url}/(logo\\.png|favicon\\.ico)$`))
    const logo = await served(found.logo!)
    expect(logo.status).toBe(200)
    expect(logo.type).toMatch(/^image\//)
  })
})

describe('a structured-data parser on an article page', () => {
  /** What structured-data-testing-tool reads of a page, against Google's presets; it rejects with the result when a check fails. */
  const parsed = async (url: string): Promise<StructuredDataTestResult> => {
    const page = await (await fetch(url)).text()
    return structuredDataTest(page, { presets: [Google], schemas: ['NewsArticle'] }).catch((error: { res?: StructuredDataTestResult }) => {
      if (error.res === undefined) throw error
      return error.res
    })
  }

  it("reads a NewsArticle whose authors are the By: line's people, each named and linked to its page, and Google's checks pass", async () => {
    const bylined = documents.filter((doc) => (doc.authors?.length ?? 0) > 0)
    expect(bylined.length).toBeGreaterThan(0)
    for (const doc of bylined) {
      const result = await parsed(`${worker.url}/articles/${slugify(doc.title)}`)
      expect(result.failed.map((test) => `${test.description}: ${test.error?.message}`)).toEqual([])
      const [news] = result.structuredData.jsonld.NewsArticle ?? []
      expect(news?.headline).toBe(doc.title)
      expect(news?.author).toEqual(
        doc.authors!.map((name) => ({ '@type': 'Person', name, url: `${worker.url}/authors/${facetSlug(name)}` })),
      )
    }
  })
})

describe('open-graph-scraper on an article page', () => {
  it('finds og:image with its type, size and alt, and a summary_large_image card with the same image', async () => {
    expect(articleStatus, articleUrl).toBe(200)
    const { result } = await ogs({ html })
    const image = `${worker.url}/images/${slugify(article.title)}.png`
    expect(result.ogImage).toEqual([expect.objectContaining({ url: image, type: 'image/png', width: '1200', height: '630' })])
    expect(result.ogImage?.[0].alt).toContain(article.title)
    expect(result.twitterCard).toBe('summary_large_image')
    expect(result.twitterImage?.map((twitterImage) => twitterImage.url)).toEqual([image])
  })

  it('the image URL answers 200 image/png at 1200×630, as the PNG header says', async () => {
    expect(articleStatus, articleUrl).toBe(200)
    const { result } = await ogs({ html })
    const image = await served(result.ogImage![0].url)
    expect([image.status, image.type]).toEqual([200, 'image/png'])
    // The signature, then IHDR's width and height (PNG specification, sections 5.2 and 11.2.2).
    expect([...image.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(image.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
    expect([image.bytes.readUInt32BE(16), image.bytes.readUInt32BE(20)]).toEqual([1200, 630])
    const site = await served(`${worker.url}/images/site.png`)
    expect([site.status, site.type, site.bytes.readUInt32BE(16)]).toEqual([200, 'image/png', 1200])
  })
})

describe('the home page', () => {
  it("shows the site's own image and says who the site is in WebSite JSON-LD", async () => {
    const home = await (await fetch(`${worker.url}/`)).text()
    const { result } = await ogs({ html: home })
    expect(result.ogImage).toEqual([expect.objectContaining({ url: `${worker.url}/images/site.png`, width: '1200', height: '630' })])
    expect(result.twitterCard).toBe('summary_large_image')
    const found = await metascraper({ url: `${worker.url}/`, html: home })
    expect(found.publisher).toBe(PUBLISHER)
    expect(result.jsonLD).toEqual([
      expect.objectContaining({ '@type': 'WebSite', publisher: expect.objectContaining({ name: PUBLISHER }) }),
    ])
  })
})

describe("the site's icon and logo", () => {
  it('/logo.png is a 192×192 PNG in the site colour, and the JSON-LD names it with that size', async () => {
    const logo = await served(`${worker.url}/logo.png`)
    expect([logo.status, logo.type]).toEqual([200, 'image/png'])
    const { data, info } = await sharp(logo.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([192, 192, 4])
    // Left of the bars, the colour of wrangler.toml's SITE_COLOR (#0b57d0), opaque; the corner, transparent.
    const at = (x: number, y: number) => [...data.subarray((y * 192 + x) * 4, (y * 192 + x) * 4 + 4)]
    expect(at(20, 96)).toEqual([0x0b, 0x57, 0xd0, 255])
    expect(at(0, 0)[3]).toBe(0)
    expect(at(96, 55)).toEqual([255, 255, 255, 255])
    expect(articleStatus, articleUrl).toBe(200)
    const ld = (await ogs({ html })).result.jsonLD as Array<{ publisher: { logo: unknown } }>
    expect(ld[0].publisher.logo).toEqual({ '@type': 'ImageObject', url: `${worker.url}/logo.png`, width: 192, height: 192 })
  })

  it('/favicon.ico is an icon holding one 32×32 PNG, and every page links it', async () => {
    const icon = await served(`${worker.url}/favicon.ico`)
    expect([icon.status, icon.type]).toEqual([200, 'image/vnd.microsoft.icon'])
    // ICONDIR: reserved 0, type 1 (icon), one image; its entry: 32×32, 32 bits, the PNG's length and offset.
    expect([icon.bytes.readUInt16LE(0), icon.bytes.readUInt16LE(2), icon.bytes.readUInt16LE(4)]).toEqual([0, 1, 1])
    expect([icon.bytes[6], icon.bytes[7], icon.bytes.readUInt16LE(12)]).toEqual([32, 32, 32])
    const offset = icon.bytes.readUInt32LE(18)
    expect(offset + icon.bytes.readUInt32LE(14)).toBe(icon.bytes.length)
    const png = await sharp(icon.bytes.subarray(offset)).metadata()
    expect([png.format, png.width, png.height]).toEqual(['png', 32, 32])
    expect(articleStatus, articleUrl).toBe(200)
    for (const page of [articleUrl, `${worker.url}/`]) {
      const { result } = await ogs({ html: await (await fetch(page)).text() })
      expect(result.favicon, page).toBe(`${worker.url}/favicon.ico`)
    }
  })
})
