/**
 * Issue 23, "It must show": what a client receives through `npm start`, whose wrangler dev sits in
 * front of the Worker as Cloudflare's edge does and compresses what passes it (miniflare's copy of
 * the edge's rules). For small and large answers, with and without gzip, and for the 304 that
 * revalidates each: the coding a response is in is the one its ETag stands for, each coding has an
 * ETag of its own, the bytes decode to the identity's, and an HTTP cache (http-cache-semantics)
 * keeps what it stored when it revalidates. Bodies are read raw (node:http), never decoded for us.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { get as httpGet, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import CachePolicy from 'http-cache-semantics'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../scripts/bench/free-port'
import { fetchArticles } from './support/articles'
import { type NpmScript, runNpmScript, waitFor } from '../scripts/bench/npm-script'
import { type DocumentsDir, writeSiteDocuments } from './support/site-documents'

const STARTUP_MS = 90_000
/** Where the Worker's choice between sending as it is and compressing once lay; both sides are checked. */
const KILOBYTE = 1024
/** A browser's header, and gzip alone; a client that sends none gets identity. */
const ACCEPTS = [undefined, 'gzip', 'gzip, deflate, br, zstd'] as const

let documents: DocumentsDir
let store: string
let run: NpmScript
let origin: string
let paths: string[]

type Raw = { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** One GET as sent on the wire: no decoding, no connection reuse. */
function raw(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpGet(`${origin}${path}`, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

const acceptHeaders = (accept: string | undefined): Record<string, string> => (accept === undefined ? {} : { 'accept-encoding': accept })
const codingOf = (response: Raw) => response.headers['content-encoding'] ?? 'identity'
/** The coding an ETag of ours stands for: the identity's tag, or it marked with the coding (src/http/representation.ts). */
const codingOfTag = (etag: string) => /-(gzip|br)"$/.exec(etag)?.[1] ?? 'identity'

beforeAll(async () => {
  documents = await writeSiteDocuments()
  store = await mkdtemp(join(tmpdir(), 'edge-encodings-store-'))
  const port = await freePort()
  origin = `http://127.0.0.1:${port}`
  run = runNpmScript(['start', '--', '--dir', documents.dir, '--persist-to', store, '--no-images'], { PORT: String(port) })
  const exitedEarly = run.exited.then((code) => {
    throw new Error(`npm start exited with ${code} before serving:\n${run.stdout()}\n${run.stderr()}`)
  })
  exitedEarly.catch(() => {})
  await Promise.race([
    waitFor(`${origin} to answer`, STARTUP_MS, async () => ((await fetch(`${origin}/healthz`)).ok ? true : undefined)),
    exitedEarly,
  ])
  const [article] = await fetchArticles(origin, 1)
  const slug = new URL(article.url).pathname.split('/').pop()!
  paths = [
    '/',
    `/articles/${slug}`,
    `/api/articles/${slug}`,
    '/api/articles?limit=1',
    '/feed.xml',
    '/atom.xml',
    '/feed.json',
    `/embed/${slug}`,
    '/embed.js',
    `/oembed?${new URLSearchParams({ url: `${origin}/articles/${slug}` })}`,
    `/oembed?${new URLSearchParams({ url: `${origin}/articles/${slug}`, format: 'xml' })}`,
    '/sitemap.xml',
    '/robots.txt',
  ]
}, STARTUP_MS + 30_000)

afterAll(async () => {
  await run?.stop()
  await rm(store, { recursive: true, force: true })
  await documents?.remove()
})

describe('through npm start (wrangler dev in front of the Worker)', () => {
  it('covers answers on both sides of a kilobyte', async () => {
    const sizes = await Promise.all(paths.map(async (path) => (await raw(path, {})).body.byteLength))
    expect(sizes.some((size) => size < KILOBYTE)).toBe(true)
    expect(sizes.some((size) => size >= KILOBYTE)).toBe(true)
  })

  it.each(ACCEPTS)('Accept-Encoding %j: each 200 is in the coding its ETag names, decoding to the identity bytes', async (accept) => {
    for (const path of paths) {
      const identity = await raw(path, {})
      const response = await raw(path, acceptHeaders(accept))
      const etag = String(response.headers.etag)
      expect([path, response.status]).toEqual([path, 200])
      expect([path, codingOf(response)]).toEqual([path, accept === undefined ? 'identity' : 'gzip'])
      expect([path, codingOfTag(etag)]).toEqual([path, codingOf(response)])
      expect(response.headers.vary).toBe('Accept-Encoding')
      const decoded = codingOf(response) === 'gzip' ? gunzipSync(response.body) : response.body
      expect(decoded.equals(identity.body), path).toBe(true)
      // RFC 9110 section 8.8.3: an ETag differs between a resource's negotiated representations.
      if (codingOf(response) !== 'identity') expect(etag, path).not.toBe(identity.headers.etag)
      const length = response.headers['content-length']
      if (length !== undefined) expect(Number(length), path).toBe(response.body.byteLength)
    }
  })

  it.each(ACCEPTS)('Accept-Encoding %j: the 304 carries the same ETag, and names no coding but the one it stands for', async (accept) => {
    for (const path of paths) {
      const first = await raw(path, acceptHeaders(accept))
      const etag = String(first.headers.etag)
      const again = await raw(path, { ...acceptHeaders(accept), 'if-none-match': etag })
      expect([path, again.status]).toEqual([path, 304])
      expect(again.body.byteLength).toBe(0)
      expect(again.headers.etag).toBe(etag)
      expect([path, again.headers['content-encoding'] ?? 'identity']).toEqual([path, codingOfTag(etag)])
    }
  })

  it.each(ACCEPTS)('Accept-Encoding %j: an HTTP cache revalidates what it stored and keeps it, in its coding', async (accept) => {
    for (const path of paths) {
      const request = { url: path, method: 'GET', headers: { host: new URL(origin).host, ...acceptHeaders(accept) } }
      const first = await raw(path, request.headers)
      const policy = new CachePolicy(request, { status: first.status, headers: first.headers }, { shared: false })
      expect(policy.storable(), path).toBe(true)
      const revalidation = policy.revalidationHeaders(request) as Record<string, string>
      expect(revalidation['if-none-match'], path).toBe(first.headers.etag)
      const answer = await raw(path, revalidation)
      const { policy: updated, modified } = policy.revalidatedPolicy(request, { status: answer.status, headers: answer.headers })
      expect([path, modified]).toEqual([path, false])
      const kept = updated.responseHeaders()
      expect([path, kept['content-encoding'] ?? 'identity']).toEqual([path, codingOf(first)])
      expect(codingOfTag(String(kept.etag))).toBe(codingOf(first))
      // A client that asks for another coding is not handed what the cache holds.
      const other = { ...request, headers: { ...request.headers, ...acceptHeaders(accept === undefined ? 'gzip' : 'identity') } }
      expect(updated.satisfiesWithoutRevalidation(other), path).toBe(false)
    }
  })
})
