/**
 * Local stand-ins of a WebSub hub and of an IndexNow endpoint, on one 127.0.0.1 port, for the tests
 * of what the seed and the Cron Trigger send. Each checks a request as the real one does and records
 * it:
 * - the hub (`/hub`), a publish ping as PubSubHubbub 0.4's hubs take it: POST, a form body with
 *   `hub.mode=publish` and an absolute `hub.url`; 204, else 400;
 * - IndexNow (`/indexnow`), as indexnow.org documents it: POST of JSON `{ host, key, keyLocation,
 *   urlList }` with at most 10,000 URLs, every one on `host` (else 422), and, when asked to verify,
 *   the key file fetched from keyLocation holding the key (else 403); 200, else 400.
 * Either can be told to answer its next requests with other statuses (and a Retry-After).
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export type PingRequest = { path: string; method: string; contentType: string | undefined; body: string; status: number }
export type Answer = number | { status: number; retryAfter: string }

export type PingStandIns = {
  /** The hub's URL, as WEBSUB_HUBS names it. */
  hub: string
  /** IndexNow's endpoint, as INDEXNOW_ENDPOINT names it. */
  indexNow: string
  /** Every request, in order of arrival. */
  requests: PingRequest[]
  /** The feeds the hub was told of (each accepted request's hub.url), in order. */
  published(): string[]
  /** The URL lists IndexNow accepted, one per request. */
  submitted(): string[][]
  /** What the hub (or IndexNow) answers its next requests with, in order, before it serves them again. */
  answerNext(path: '/hub' | '/indexnow', ...answers: Answer[]): void
  /** Whether IndexNow fetches keyLocation and compares it with the key, as the real one does. */
  verifyKeys: boolean
  clear(): void
  close(): Promise<void>
}

const INDEXNOW_LIMIT = 10_000

const absolute = (url: unknown): url is string => {
  try {
    return typeof url === 'string' && /^https?:$/.test(new URL(url).protocol)
  } catch {
    return false
  }
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function hubStatus(req: IncomingMessage, body: string): number {
  if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-www-form-urlencoded') return 400
  const form = new URLSearchParams(body)
  const url = form.get('hub.url')
  return form.get('hub.mode') === 'publish' && absolute(url) && [...form.keys()].length === 2 ? 204 : 400
}

async function indexNowStatus(req: IncomingMessage, body: string, verify: boolean): Promise<number> {
  if (req.method !== 'POST' || req.headers['content-type'] !== 'application/json; charset=utf-8') return 400
  let parsed: { host?: unknown; key?: unknown; keyLocation?: unknown; urlList?: unknown }
  try {
    parsed = JSON.parse(body)
  } catch {
    return 400
  }
  const { host, key, keyLocation, urlList } = parsed
  if (typeof host !== 'string' || typeof key !== 'string' || typeof keyLocation !== 'string' || !Array.isArray(urlList)) return 400
  if (urlList.length === 0 || urlList.length > INDEXNOW_LIMIT || Object.keys(parsed).length !== 4) return 400
  if (![keyLocation, ...urlList].every((url) => absolute(url) && new URL(url).host === host)) return 422
  if (verify) {
    const file = await fetch(keyLocation).catch(() => undefined)
    if (!file?.ok || (await file.text()) !== key) return 403
  }
  return 200
}

export async function startPingStandIns(): Promise<PingStandIns> {
  const requests: PingRequest[] = []
  const queued: Record<string, Answer[]> = { '/hub': [], '/indexnow': [] }
  const standIns = {
    verifyKeys: false,
    requests,
    published: () => requests.filter((r) => r.path === '/hub' && r.status === 204).map((r) => new URLSearchParams(r.body).get('hub.url')!),
    submitted: () => requests.filter((r) => r.path === '/indexnow' && r.status === 200).map((r) => JSON.parse(r.body).urlList),
    answerNext: (path: string, ...answers: Answer[]) => queued[path].push(...answers),
    clear: () => {
      requests.length = 0
    },
  }
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname
    const body = await text(req)
    const next = queued[path]?.shift()
    let status: number
    const headers: Record<string, string> = {}
    if (next !== undefined) {
      status = typeof next === 'number' ? next : next.status
      if (typeof next !== 'number') headers['retry-after'] = next.retryAfter
    } else if (path === '/hub') status = hubStatus(req, body)
    else if (path === '/indexnow') status = await indexNowStatus(req, body, standIns.verifyKeys)
    else status = 404
    requests.push({ path, method: req.method ?? '', contentType: req.headers['content-type'], body, status })
    res.writeHead(status, headers).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return Object.assign(standIns, {
    hub: `${origin}/hub`,
    indexNow: `${origin}/indexnow`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  })
}
