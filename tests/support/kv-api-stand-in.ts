/**
 * A local stand-in of the Workers KV REST API, for end-to-end tests of
 * `--remote` seeding: wrangler honours CLOUDFLARE_API_BASE_URL, so pointed at
 * this server it runs exactly the requests it sends to Cloudflare. It answers
 * in the documented shapes and limits (the API's "Bulk Get Result" is
 * `{ values: { key: "value" } }`, at most 100 keys; bulk writes and deletes
 * take at most 10,000), holds the namespace in memory, and records every request.
 * https://developers.cloudflare.com/api/resources/kv/subresources/namespaces/
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Recorded = { method: string; path: string; keys: string[]; status: number }

export type StandIn = {
  /** The value of CLOUDFLARE_API_BASE_URL that reaches this server. */
  baseUrl: string
  token: string
  accountId: string
  /** The namespace's contents, as the API would hold them. */
  store: Map<string, string>
  requests: Recorded[]
  /** Statuses to answer the next KV requests with instead of serving them (429, 500, …), in order. */
  failNext(...statuses: number[]): void
  close(): Promise<void>
}

const BULK_GET_MAX = 100
const BULK_WRITE_MAX = 10_000

const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result })
const failure = (code: number, message: string) => ({ success: false, errors: [{ code, message }], messages: [], result: null })

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : undefined
}

export async function startKvApiStandIn(namespaceId: string): Promise<StandIn> {
  const token = 'stand-in-token'
  const accountId = '0123456789abcdef0123456789abcdef'
  const store = new Map<string, string>()
  const requests: Recorded[] = []
  const failures: number[] = []
  const prefix = `/client/v4/accounts/${accountId}/storage/kv/namespaces/${namespaceId}`

  function answer(res: ServerResponse, status: number, payload: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(payload))
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname
    const payload = await body(req).catch(() => undefined)
    const record = (keys: string[], status: number) => requests.push({ method: req.method ?? '', path, keys, status })

    if (req.headers.authorization !== `Bearer ${token}`) {
      record([], 403)
      return answer(res, 403, failure(10000, 'Authentication error'))
    }
    if (!path.startsWith(prefix)) {
      record([], 404)
      return answer(res, 404, failure(7003, `No route for ${req.method} ${path}`))
    }
    const route = `${req.method} ${path.slice(prefix.length)}`
    const injected = failures.shift()
    if (injected !== undefined) {
      record([], injected)
      return answer(res, injected, failure(injected === 429 ? 10013 : 10001, injected === 429 ? 'Too many requests' : 'Internal error'))
    }

    if (route === 'POST /bulk/get') {
      const keys = (payload as { keys: string[] }).keys
      if (keys.length > BULK_GET_MAX) {
        record(keys, 400)
        return answer(res, 400, failure(10029, `at most ${BULK_GET_MAX} keys may be requested at once`))
      }
      record(keys, 200)
      return answer(res, 200, envelope({ values: Object.fromEntries(keys.map((key) => [key, store.get(key) ?? null])) }))
    }
    if (route === 'PUT /bulk') {
      const pairs = payload as Array<{ key: string; value: string }>
      const keys = pairs.map((p) => p.key)
      if (pairs.length > BULK_WRITE_MAX) {
        record(keys, 400)
        return answer(res, 400, failure(10026, `at most ${BULK_WRITE_MAX} pairs may be written at once`))
      }
      for (const p of pairs) store.set(p.key, p.value)
      record(keys, 200)
      return answer(res, 200, envelope({ successful_key_count: pairs.length, unsuccessful_keys: [] }))
    }
    if (route === 'DELETE /bulk' || route === 'POST /bulk/delete') {
      const keys = payload as string[]
      if (keys.length > BULK_WRITE_MAX) {
        record(keys, 400)
        return answer(res, 400, failure(10026, `at most ${BULK_WRITE_MAX} keys may be deleted at once`))
      }
      for (const key of keys) store.delete(key)
      record(keys, 200)
      return answer(res, 200, envelope({ successful_key_count: keys.length, unsuccessful_keys: [] }))
    }
    record([], 404)
    return answer(res, 404, failure(7003, `No route for ${route}`))
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => answer(res, 500, failure(10001, 'stand-in failed')))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    token,
    accountId,
    store,
    requests,
    failNext: (...statuses) => failures.push(...statuses),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
