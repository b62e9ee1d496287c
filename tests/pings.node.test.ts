/**
 * What a publish tells (issue 25), against local stand-ins of a WebSub hub and of IndexNow started
 * here: the retrying POST both the seed and the Cron Trigger send through; which feeds and articles
 * a plan tells of; and the seed's command line, run as people run it, pinging after its writes, never
 * in a dry run, locally only when asked, and finishing with exit code 0 whatever the hub answers.
 */
import { createServer, type Server } from 'node:net'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { loadPrevious, seed } from '../scripts/publish/seed-run'
import { FEED_SIZE } from '../src/shared/keys'
import { notifySettings } from '../src/env'
import { indexNowPings } from '../src/notify/pings'
import { answersFingerprint } from '../src/render/article-answers'
import { failureLines, type Ping, send, sendAll } from '../src/notify/send'
import { NO_NOTICES } from '../src/shared/notices'
import type { Document } from '../src/shared/records'
import { datedDocument, datedDocuments, documentText } from './support/documents'
import { type PingStandIns, startPingStandIns } from './support/ping-stand-ins'
import { REPOSITORY, seedCliIn } from './support/seed-cli'
import { testSite } from './support/site'
import { mapTarget } from './support/upload-targets'

let standIns: PingStandIns

beforeAll(async () => {
  standIns = await startPingStandIns()
})

afterAll(() => standIns.close())

const publish = (feed: string): Ping => ({
  service: 'websub',
  endpoint: standIns.hub,
  body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': feed }).toString(),
  type: 'application/x-www-form-urlencoded',
})

describe('the settings', () => {
  const settingsOf = (vars: Record<string, string>) => notifySettings(vars as unknown as Env)

  it('are off by default: no hub, no IndexNow', () => {
    expect(settingsOf({ WEBSUB_HUBS: '', INDEXNOW_KEY: '', INDEXNOW_ENDPOINT: '' })).toEqual({ hubs: [], indexNow: undefined })
  })

  it('take a list of hubs, a key and the default endpoint', () => {
    expect(settingsOf({ WEBSUB_HUBS: ' https://Hub.Example, https://websub.example/hub?x=1 ,', INDEXNOW_KEY: 'a1B2-c3D4' })).toEqual({
      hubs: ['https://hub.example/', 'https://websub.example/hub?x=1'],
      indexNow: { key: 'a1B2-c3D4', endpoint: 'https://api.indexnow.org/indexnow' },
    })
  })

  it.each([
    ['WEBSUB_HUBS', 'https://hub.example/, hub.example'],
    ['INDEXNOW_KEY', 'short'],
    ['INDEXNOW_KEY', 'key with spaces'],
  ])('refuse %s %j, leaving it off, and say so as one JSON line', (name, value) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(settingsOf({ [name]: value })).toEqual({ hubs: [], indexNow: undefined })
    expect(JSON.parse(String(warn.mock.calls[0][0]))).toMatchObject({ level: 'warn', event: 'setting' })
    warn.mockRestore()
  })

  it("leave the articles' prepared answers as they were: hubs show in the feeds alone", async () => {
    const site = testSite()
    expect(await answersFingerprint({ ...site, hubs: ['https://hub.example/'] })).toBe(await answersFingerprint(site))
    expect(await answersFingerprint({ ...site, name: 'Another name' })).not.toBe(await answersFingerprint(site))
  })
})

describe('an IndexNow submission', () => {
  it('takes at most 10,000 URLs, each request naming the host, the key and where the key is', () => {
    const site = testSite({ url: 'https://news.example' })
    const urls = Array.from({ length: 10_001 }, (_, i) => `https://news.example/articles/a-${i}`)
    const bodies = indexNowPings(site, { key: 'a1b2c3d4', endpoint: 'https://search.example/indexnow' }, urls).map((ping) =>
      JSON.parse(ping.body),
    )
    expect(bodies.map((body) => body.urlList.length)).toEqual([10_000, 1])
    expect(bodies.flatMap((body) => body.urlList)).toEqual(urls)
    for (const body of bodies)
      expect(body).toMatchObject({ host: 'news.example', key: 'a1b2c3d4', keyLocation: 'https://news.example/a1b2c3d4.txt' })
  })
})

describe('a ping', () => {
  it('is retried on a 5xx, with backoff, and counts its tries', async () => {
    standIns.clear()
    standIns.answerNext('/hub', 503, 502)
    const outcome = await send(publish('https://news.example/feed.xml'), { backoffMs: 10 })
    expect(outcome).toMatchObject({ ok: true, tries: 3, status: 204 })
    expect(standIns.requests.map((r) => r.status)).toEqual([503, 502, 204])
  })

  it("waits as a 429's Retry-After asks, and gives up on a wait past its limit", async () => {
    standIns.clear()
    standIns.answerNext('/hub', { status: 429, retryAfter: '1' })
    const started = Date.now()
    expect(await send(publish('https://news.example/feed.xml'), { backoffMs: 10 })).toMatchObject({ ok: true, tries: 2 })
    // Not sooner than asked (a lower bound only: a slow machine waits longer, never shorter).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)

    standIns.answerNext('/hub', { status: 503, retryAfter: '3600' })
    expect(await send(publish('https://news.example/feed.xml'), { backoffMs: 10 })).toMatchObject({ ok: false, tries: 1, status: 503 })
  })

  it('is not retried on a 4xx other than 429', async () => {
    standIns.clear()
    standIns.answerNext('/hub', 400)
    expect(await send(publish('https://news.example/feed.xml'), { backoffMs: 10 })).toMatchObject({ ok: false, tries: 1, status: 400 })
  })

  it('times out on a hub that never answers, each try', async () => {
    const silent: Server = createServer(() => undefined)
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    const outcome = await send(
      { ...publish('https://news.example/feed.xml'), endpoint: `http://127.0.0.1:${port}/` },
      { timeoutMs: 200, backoffMs: 10 },
    )
    silent.close()
    expect(outcome).toMatchObject({ ok: false, tries: 3 })
    expect(outcome.status).toBeUndefined()
    expect(failureLines([outcome])).toEqual([
      expect.stringMatching(new RegExp(`^websub: http://127\\.0\\.0\\.1:${port}/ .*after 3 tries$`)),
    ])
  })

  it('that fails every try stops the rest to that endpoint, not to others, each failing endpoint one line', async () => {
    standIns.clear()
    standIns.answerNext('/hub', 503, 503, 503)
    const feeds = ['a', 'b', 'c'].map((name) => publish(`https://news.example/${name}.xml`))
    const [other] = indexNowPings(testSite({ url: 'https://news.example' }), { key: 'a1b2c3d4', endpoint: standIns.indexNow }, [
      'https://news.example/articles/a',
    ])
    const outcomes = await sendAll([...feeds, other], { backoffMs: 10 })
    expect(outcomes.map((o) => [o.ok, o.tries])).toEqual([
      [false, 3],
      [false, 0],
      [false, 0],
      [true, 1],
    ])
    expect(failureLines(outcomes)).toEqual([`websub: ${standIns.hub} 503 after 3 tries (2 more not sent)`])
  })
})

describe('what a plan tells', () => {
  const NOW = '2026-12-01T00:00:00Z'
  const store = new Map<string, string>()
  const target = mapTarget(store)
  const at = (documents: readonly Document[], now = NOW) => seed(documents, target, { now, previous: loadPrevious(target) })
  // The site's 120, two topics taking turns, the oldest alone under a topic of its own.
  const filed = (n: number, changes: Partial<Document> = {}) =>
    datedDocument(n, { topics: n === 0 ? ['Old times'] : [n % 2 ? 'Harbour' : 'Weather'], authors: ['Ada Reporter'], ...changes })
  const site = Array.from({ length: 120 }, (_, n) => filed(n))
  const [author, harbour, oldTimes, weather] = [
    { kind: 'author', slug: 'ada-reporter' },
    { kind: 'topic', slug: 'harbour' },
    { kind: 'topic', slug: 'old-times' },
    { kind: 'topic', slug: 'weather' },
  ]

  it('a first seed: every feed, and every article out', async () => {
    const plan = await at(site)
    expect(plan.notices.feeds).toEqual(['site', author, harbour, oldTimes, weather])
    expect(plan.notices.articles).toHaveLength(site.length)
  })

  it('an unchanged seed: nothing', async () => {
    expect((await at(site)).notices).toEqual(NO_NOTICES)
  })

  it("an edit of the newest: the site's feeds and its own facets', and its address", async () => {
    site[119] = filed(119, { paragraphs: ['Corrected.'] })
    const plan = await at(site)
    expect(plan.notices.feeds).toEqual(['site', author, harbour])
    expect(plan.notices.articles).toEqual(['article-number-119'])
  })

  it(`an edit deep in the archive: only the feeds it is among the ${FEED_SIZE} newest of`, async () => {
    site[0] = filed(0, { paragraphs: ['Corrected, long after.'] })
    const plan = await at(site)
    expect(plan.notices.feeds).toEqual([oldTimes])
    expect(plan.notices.articles).toEqual(['article-number-0'])
  })

  it('a move between topics: both topics, and the site for its content', async () => {
    site[118] = filed(118, { topics: ['Harbour'] })
    const plan = await at(site)
    expect(plan.notices.feeds).toEqual(['site', author, harbour, weather])
  })

  it('a scheduled article: nothing when stored, nothing from a later seed either (the Cron Trigger tells of its release)', async () => {
    const scheduled = filed(400)
    expect(Date.parse(scheduled.published_at)).toBeGreaterThan(Date.parse(NOW))
    site.push(scheduled)
    expect((await at(site)).notices).toEqual(NO_NOTICES)
    expect((await at(site, '2027-12-01T00:00:00Z')).notices).toEqual(NO_NOTICES)
  })

  it('a delete: its feeds and its address', async () => {
    const removed = site.splice(117, 1)
    expect(removed).toHaveLength(1)
    const plan = await at(site, '2027-12-02T00:00:00Z')
    expect(plan.notices.feeds).toEqual(['site', author, harbour])
    expect(plan.notices.articles).toEqual(['article-number-117'])
  })
})

describe('the seed command line', () => {
  const KEY = 'a1b2c3d4-e5f6-4789'
  let work: string
  let documents: string
  let store: string

  // A `By:` line goes after the paragraphs, before `Published:`.
  const write = (doc: Document, byline?: string) =>
    writeFile(join(documents, `${doc.id}.txt`), documentText(doc.title, [...doc.paragraphs, ...(byline ? [byline] : [])], doc.published_at))

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'pings-'))
    documents = join(work, 'seeds')
    store = join(work, 'store')
    await mkdir(documents)
    // The site's own wrangler.toml, with the stand-ins as its hub and IndexNow endpoint.
    const config = (await readFile(join(REPOSITORY, 'wrangler.toml'), 'utf8'))
      .replace('WEBSUB_HUBS = ""', `WEBSUB_HUBS = "${standIns.hub}"`)
      .replace('INDEXNOW_KEY = ""', `INDEXNOW_KEY = "${KEY}"`)
      .replace('INDEXNOW_ENDPOINT = ""', `INDEXNOW_ENDPOINT = "${standIns.indexNow}"`)
    await writeFile(join(work, 'wrangler.toml'), config)
    for (const doc of datedDocuments(2)) await write(doc)
    await write(datedDocument(2), 'By: Ada Reporter')
  })

  afterAll(() => rm(work, { recursive: true, force: true }))

  const seedHere = (...flags: string[]) => seedCliIn(work, documents, '--persist-to', store, '--no-images', ...flags)

  it('pings each hub once per changed feed and IndexNow once, after its writes', async () => {
    standIns.clear()
    const { code, stdout, stderr } = await seedHere('--ping')
    expect({ code, stderr }).toEqual({ code: 0, stderr: expect.any(String) })
    const origin = 'http://127.0.0.1:8787'
    expect(standIns.published()).toEqual(
      ['', '/authors/ada-reporter'].flatMap((home) => ['/feed.xml', '/atom.xml', '/feed.json'].map((feed) => `${origin}${home}${feed}`)),
    )
    expect(standIns.requests.filter((r) => r.path === '/hub').map((r) => r.contentType)).toEqual(
      Array(6).fill('application/x-www-form-urlencoded'),
    )
    const [submitted] = standIns.requests.filter((r) => r.path === '/indexnow')
    expect(JSON.parse(submitted.body)).toEqual({
      host: '127.0.0.1:8787',
      key: KEY,
      keyLocation: `${origin}/${KEY}.txt`,
      urlList: expect.arrayContaining([0, 1, 2].map((n) => `${origin}/articles/article-number-${n}`)),
    })
    expect(standIns.requests).toHaveLength(7)
    expect(stdout).toContain('seed: pinged: 7 sent, 0 failed')
  })

  it('pings no one when nothing changed', async () => {
    standIns.clear()
    expect((await seedHere('--ping', '--no-cache')).code).toBe(0)
    expect(standIns.requests).toEqual([])
  })

  it('pings no one in a dry run, nor locally unless asked', async () => {
    await write(datedDocument(3))
    standIns.clear()
    expect((await seedHere('--ping', '--dry-run')).code).toBe(0)
    expect((await seedHere()).code).toBe(0)
    expect(standIns.requests).toEqual([])
  })

  it('keeps exit code 0 when the hub fails, one line for it, and counts in --json', async () => {
    await write(datedDocument(4))
    standIns.clear()
    // Each try answered at once: Retry-After 0 (the backoff alone is tested above).
    standIns.answerNext('/hub', ...Array(3).fill({ status: 503, retryAfter: '0' }))
    const { code, stdout, stderr } = await seedHere('--ping', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout).pings).toEqual({ sent: 1, failed: 3 })
    expect(stderr).toContain(`seed: websub: ${standIns.hub} 503 after 3 tries (2 more not sent)\n`)
    expect(standIns.submitted()).toEqual([['http://127.0.0.1:8787/articles/article-number-4']])
  })
})
