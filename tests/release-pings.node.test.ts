/**
 * What hubs, feed readers and search engines get from the running Worker with WEBSUB_HUBS and
 * INDEXNOW_KEY set (issue 25), through wrangler's dev server as `npm start` serves it: the feeds'
 * hub and self links and Link header, IndexNow's key file, and the Cron Trigger, run through
 * the dev server's scheduled-event route, pinging the local stand-ins for a scheduled article released
 * within its minute, and not before or after. IndexNow's stand-in verifies the key as the real one
 * does: by fetching keyLocation from the Worker.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { freePort } from '../scripts/bench/free-port'
import { datedDocuments, documentText } from './support/documents'
import { jsonFeedValidator } from './support/json-feed-schema'
import { type PingStandIns, startPingStandIns } from './support/ping-stand-ins'
import { seedInProcess } from './support/seed-in-process'
import { serveStore, type WorkerServer } from './support/worker-server'

const KEY = 'f0e1d2c3b4a59687'
/** A release far ahead, half a minute past the minute, so the seed stores it as scheduled. */
const RELEASE = Date.parse('2031-03-04T05:06:30Z')
const MINUTE = 60_000
const FEEDS = ['/feed.xml', '/atom.xml', '/feed.json']

let standIns: PingStandIns
let worker: WorkerServer
let work: string

beforeAll(async () => {
  standIns = await startPingStandIns()
  standIns.verifyKeys = true
  work = await mkdtemp(join(tmpdir(), 'release-pings-'))
  const documents = join(work, 'seeds')
  await mkdir(documents)
  for (const doc of datedDocuments(3))
    await writeFile(join(documents, `${doc.id}.txt`), documentText(doc.title, doc.paragraphs, doc.published_at))
  const scheduled = documentText(
    'Launch day',
    ['The launch went ahead.', 'By: Ada Reporter', 'Topics: Space'],
    new Date(RELEASE).toISOString(),
  )
  await writeFile(join(documents, 'launch.txt'), scheduled)
  await seedInProcess(documents, join(work, 'store'))
  const port = await freePort()
  worker = await serveStore(join(work, 'store'), {
    port,
    vars: { SITE_URL: `http://127.0.0.1:${port}`, WEBSUB_HUBS: standIns.hub, INDEXNOW_KEY: KEY, INDEXNOW_ENDPOINT: standIns.indexNow },
  })
}, 60_000)

afterAll(async () => {
  await worker?.stop()
  await standIns?.close()
  await rm(work, { recursive: true, force: true })
})

/** A scheduled event at `time`, through the route wrangler's dev server keeps for it (Miniflare's, which takes the time too). */
const scheduledAt = async (time: number) => {
  const response = await fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('* * * * *')}&time=${time}`)
  expect(response.status).toBe(200)
}

describe('the feeds, with a hub set', () => {
  it.each(FEEDS)('%s names the hub and itself, in the body and the Link header', async (path) => {
    standIns.clear()
    const response = await fetch(`${worker.url}${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('link')).toBe(`<${standIns.hub}>; rel="hub", <${worker.url}${path}>; rel="self"`)
    const body = await response.text()
    if (path.endsWith('.json')) {
      expect(JSON.parse(body).hubs).toEqual([{ type: 'WebSub', url: standIns.hub }])
      const validate = jsonFeedValidator()
      expect(validate(JSON.parse(body)) ? [] : validate.errors).toEqual([])
    } else expect(body).toMatch(new RegExp(`<(atom:)?link (href="${standIns.hub}" rel="hub"|rel="hub" href="${standIns.hub}")/>`))
    // A reader's request sends nothing anywhere.
    expect(standIns.requests).toEqual([])
  })
})

describe("IndexNow's key file", () => {
  it('holds the key, as text, at the root', async () => {
    const response = await fetch(`${worker.url}/${KEY}.txt`)
    expect({ status: response.status, type: response.headers.get('content-type'), body: await response.text() }).toEqual({
      status: 200,
      type: 'text/plain; charset=utf-8',
      body: KEY,
    })
  })

  it('is the only such file', async () => {
    expect((await fetch(`${worker.url}/${KEY.replace('f', 'e')}.txt`)).status).toBe(404)
  })
})

describe('the Cron Trigger', () => {
  it('pings nothing in the minute before the release', async () => {
    standIns.clear()
    await scheduledAt(Math.floor(RELEASE / MINUTE) * MINUTE)
    expect(standIns.requests).toEqual([])
  })

  it("pings the site's, the author's and the topic's feeds, and IndexNow the article, in the minute of the release", async () => {
    standIns.clear()
    await scheduledAt(Math.ceil(RELEASE / MINUTE) * MINUTE)
    expect(standIns.published()).toEqual(
      ['', '/authors/ada-reporter', '/topics/space'].flatMap((home) => FEEDS.map((feed) => `${worker.url}${home}${feed}`)),
    )
    // Accepted only after the stand-in fetched the key file from the Worker and found the key.
    expect(standIns.submitted()).toEqual([[`${worker.url}/articles/launch-day`]])
    expect(standIns.requests.every((r) => r.status < 300)).toBe(true)
  })

  it('logs a hub that fails every try as one JSON line, and still tells IndexNow', async () => {
    standIns.clear()
    standIns.answerNext('/hub', ...Array(3).fill({ status: 503, retryAfter: '0' }))
    // The Worker's console, as wrangler's dev server prints it (`✘ [ERROR] {…}`), through this process's console.
    const written: string[] = []
    const spies = (['log', 'warn', 'error'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => written.push(args.map(String).join(' '))),
    )
    try {
      await scheduledAt(Math.ceil(RELEASE / MINUTE) * MINUTE)
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    const lines = written
      .join('')
      .split('\n')
      .filter((line) => line.includes('"event":"ping"'))
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0].slice(lines[0].indexOf('{'), lines[0].lastIndexOf('}') + 1))).toEqual({
      level: 'error',
      event: 'ping',
      message: `websub: ${standIns.hub} 503 after 3 tries (8 more not sent)`,
    })
    expect(standIns.submitted()).toEqual([[`${worker.url}/articles/launch-day`]])
  })

  it('pings nothing a minute later', async () => {
    standIns.clear()
    await scheduledAt(Math.ceil(RELEASE / MINUTE) * MINUTE + MINUTE)
    expect(standIns.requests).toEqual([])
  })
})
