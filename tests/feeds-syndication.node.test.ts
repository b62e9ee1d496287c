/**
 * The three feeds as feed readers see them, from the running Worker: Atom and
 * RSS through a maintained feed parser, JSON Feed through a JSON Schema of
 * JSON Feed 1.1. All three carry the same newest articles under the same ids,
 * every HTML page advertises all three, and all three answer conditional
 * requests alike.
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../scripts/corpus/write-corpus'
import { generatedDocuments } from './support/feed-corpora'
import type { ArticleSummary } from '../src/api-schema'
import { feedLinkType } from '../src/render/urls'
import { FEEDS as TABLE_FEEDS } from '../src/routes/table'
import { FEED_SIZE, HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { fetchArticles } from './support/articles'
import { attribute, elementsNamed, parseHtml } from './support/html'
import { jsonFeedValidator } from './support/json-feed-schema'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

/** Enough articles that the feeds must choose the newest, and a page is sealed, so there is an archive page. */
const ARTICLES = Math.max(FEED_SIZE, HEAD_SEAL_AT) + PAGE_SIZE
const SEED = 'feeds'

/** The route table's feeds, with their media types as links name them. */
const FEEDS = TABLE_FEEDS.map((feed) => ({ path: feed.path, type: feedLinkType(feed) }))

type JsonFeed = { home_page_url: string; feed_url: string; items: Array<{ id: string; url: string; title: string; content_html?: string }> }

let corpus: string
let worker: WorkerServer
let newest: ArticleSummary[]

beforeAll(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'feed-corpus-'))
  await writeCorpus({ count: ARTICLES, out: corpus, seed: SEED })
  worker = await startWorkerServer(corpus)
  newest = await fetchArticles(worker.url, FEED_SIZE)
})

afterAll(async () => {
  await worker?.stop()
  await rm(corpus, { recursive: true, force: true })
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${worker.url}${path}`, { headers })
const xmlFeed = async (path: string) => parseFeed(await (await get(path)).text())

describe('feeds as readers parse them', () => {
  it('Atom carries the newest articles, newest first, with links, dates and content', async () => {
    const atom = await xmlFeed('/atom.xml')
    expect(atom.meta.type).toBe('atom')
    expect(atom.self).toBe(`${worker.url}/atom.xml`)
    expect(atom.items.map((item) => item.url)).toEqual(newest.map((article) => article.url))
    expect(atom.items.map((item) => item.title)).toEqual(newest.map((article) => article.title))
    for (const item of atom.items) {
      expect(item.published, `${item.url} published`).toBeInstanceOf(Date)
      expect(item.updated!.getTime()).toBeGreaterThanOrEqual(item.published!.getTime())
      expect(item.content).toMatch(/<p>/)
    }
  })

  // The W3C Feed Validator flags entries that share an atom:updated (RFC 4287 section 4.2.15) their documents do not.
  it("Atom dates each entry of a first seed by its document: updated is its Updated: line's, else published, not the seed", async () => {
    const atom = await xmlFeed('/atom.xml')
    const documents = new Map((await generatedDocuments(ARTICLES, SEED)).map((doc) => [doc.title, doc]))
    const dated = atom.items.map((item) => {
      const doc = documents.get(item.title!)!
      return [Date.parse(doc.published_at), Date.parse(doc.updated_at ?? doc.published_at)]
    })
    expect(atom.items.map((item) => [item.published!.getTime(), item.updated!.getTime()])).toEqual(dated)
    expect(new Set(dated.map(([published]) => published)).size).toBeGreaterThan(1)
    expect(dated.some(([published, updated]) => updated > published)).toBe(true)
  })

  it('RSS, Atom and JSON Feed name the same items with the same ids', async () => {
    const [rss, atom] = await Promise.all([xmlFeed('/feed.xml'), xmlFeed('/atom.xml')])
    const json = (await (await get('/feed.json')).json()) as JsonFeed
    const ids = atom.items.map((item) => item.id)
    expect(ids).toHaveLength(FEED_SIZE)
    expect(new Set(ids).size).toBe(FEED_SIZE)
    expect(rss.items.map((item) => item.id)).toEqual(ids)
    expect(json.items.map((item) => item.id)).toEqual(ids)
    expect(json.items.map((item) => item.url)).toEqual(rss.items.map((item) => item.url))
  })

  it('JSON Feed is valid JSON Feed 1.1, served as application/feed+json, and says where it and the site live', async () => {
    const response = await get('/feed.json')
    expect(response.headers.get('content-type')?.split(';')[0]).toBe('application/feed+json')
    const feed = (await response.json()) as JsonFeed
    const validate = jsonFeedValidator()
    expect(validate(feed) ? [] : validate.errors).toEqual([])
    expect(feed.home_page_url).toBe(`${worker.url}/`)
    expect(feed.feed_url).toBe(`${worker.url}/feed.json`)
    // The body once, as HTML (JSON Feed 1.1 asks for content_html or content_text): not twice.
    for (const item of feed.items) {
      expect(item, item.id).not.toHaveProperty('content_text')
      expect(item.content_html, item.id).toMatch(/^<p>/)
    }
    // The schema is live: it refuses a feed that lacks its items.
    expect(validate({ ...feed, items: undefined })).toBe(false)
  })
})

describe('feed autodiscovery', () => {
  it('every HTML page advertises all three feeds in its head', async () => {
    const pages = ['/', '/archive/1', new URL(newest[0].url).pathname, '/articles/no-such-article']
    for (const path of pages) {
      const [head] = elementsNamed(parseHtml(await (await get(path)).text()), 'head')
      const advertised = elementsNamed(head, 'link')
        .filter((link) => attribute(link, 'rel') === 'alternate')
        .map((link) => ({ type: attribute(link, 'type'), href: attribute(link, 'href') }))
      expect(advertised, path).toEqual(
        expect.arrayContaining(FEEDS.map((feed) => ({ type: feed.type, href: `${worker.url}${feed.path}` }))),
      )
    }
    for (const feed of FEEDS) expect((await get(feed.path)).headers.get('content-type')?.split(';')[0]).toBe(feed.type)
  })
})

// tests/conditional-requests.test.ts checks each rule in workerd, rendered and cached; here the
// three feeds must agree with each other, through a real HTTP server.
describe('conditional requests', () => {
  it('all three feeds share a Last-Modified and answer 304 by the same rules', async () => {
    const lastModified = new Set<string>()
    for (const { path } of FEEDS) {
      const response = await get(path)
      const etag = response.headers.get('etag')!
      const modified = response.headers.get('last-modified')!
      expect(response.status, path).toBe(200)
      expect(etag, path).toMatch(/^"[^"]+"$/)
      lastModified.add(modified)

      const byTag = await get(path, { 'if-none-match': etag })
      expect(byTag.status, path).toBe(304)
      expect(byTag.headers.get('etag'), path).toBe(etag)
      expect(await byTag.text(), path).toBe('')
      expect((await get(path, { 'if-none-match': `W/${etag}` })).status, `${path}: weak comparison`).toBe(304)
      expect((await get(path, { 'if-modified-since': modified })).status, path).toBe(304)
      const before = new Date(Date.parse(modified) - 1000).toUTCString() // HTTP dates count whole seconds
      expect((await get(path, { 'if-modified-since': before })).status, path).toBe(200)
      // If-None-Match wins over If-Modified-Since (RFC 9110 section 13.1.3).
      expect((await get(path, { 'if-none-match': '"other"', 'if-modified-since': modified })).status, path).toBe(200)
    }
    expect(lastModified.size).toBe(1)
    const atom = await xmlFeed('/atom.xml')
    expect(Date.parse([...lastModified][0])).toBe(Math.floor(atom.updated!.getTime() / 1000) * 1000)
  })
})
