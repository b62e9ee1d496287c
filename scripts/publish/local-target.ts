/**
 * The local KV store that `wrangler dev` reads, written from this process: one
 * workerd started through Miniflare (the version wrangler itself runs), with
 * the namespace bound exactly as `wrangler kv ... --local` binds it, so the
 * same files on disk. Writing there through wrangler started a process per
 * batch and sent each pair from Node on its own; here a small Worker beside
 * the binding takes a chunk of pairs per request and puts them all at once.
 *
 * Not getPlatformProxy: its `persist.path` is the `v3` folder itself, one
 * level below what `--persist-to` names, and its binding proxy crosses from
 * Node to workerd once per key.
 */
import { dirname, join, resolve } from 'node:path'
import { articlesNamespaceId, WRANGLER_CONFIG, wranglerSettings } from './wrangler-config'
import type { Target } from './target'

export type LocalTargetOptions = {
  /** The store's folder, as `--persist-to` takes it; wrangler's default (.wrangler/state beside the config) when absent. */
  persistTo?: string
  /** wrangler environment (`--env`), e.g. "preview": its own namespace id, so its own local namespace. */
  env?: string
}

export type LocalTarget = Target & {
  /** Stops the workerd the target runs; the store stays. */
  dispose(): Promise<void>
}

/**
 * Keys a write request carries. The one Durable Object behind the namespace
 * does the writes, so more at once does not go faster: on 2 cores a
 * 10,000-document first seed uploaded in 11 s with 20 or 100 a request, in
 * 12–18 s with 200 to 2,000.
 */
const WRITE_CHUNK = 100
/** KV's bulk get answers at most 100 keys. */
const GET_CHUNK = 100

/** Runs beside the binding: each request is one bulk operation, its writes all in flight together. */
const BULK_WORKER = `
export default {
  async fetch(request, env) {
    const op = new URL(request.url).pathname
    const body = await request.json()
    if (op === '/get') return Response.json(Object.fromEntries(await env.KV.get(body, 'text')))
    if (op === '/put') await Promise.all(body.map(([key, value]) => env.KV.put(key, value)))
    else if (op === '/delete') await Promise.all(body.map((key) => env.KV.delete(key)))
    else return new Response('unknown operation', { status: 404 })
    return new Response(null, { status: 204 })
  },
}
`

/** Where wrangler keeps the local store: `--persist-to` from the working folder, else .wrangler/state beside the config. */
const storePath = (persistTo: string | undefined) =>
  persistTo ? resolve(persistTo) : resolve(dirname(WRANGLER_CONFIG), '.wrangler', 'state')

export async function localTarget(options: LocalTargetOptions = {}): Promise<LocalTarget> {
  const id = articlesNamespaceId(wranglerSettings(options.env), options.env)

  // Loaded here, not at the top: a command line that stops at its --help or at a bad document never starts it.
  const { Log, LogLevel, Miniflare } = await import('miniflare')
  const mf = new Miniflare({
    modules: true,
    script: BULK_WORKER,
    kvNamespaces: { KV: id },
    // wrangler's layout: its persistence root's v3 folder, KV under it (see usingLocalNamespace in wrangler).
    kvPersist: join(storePath(options.persistTo), 'v3', 'kv'),
    log: new Log(LogLevel.WARN),
    // The placeholder `request.cf`: fetching the real one only waits on the network.
    cf: false,
  })

  async function call(op: 'get' | 'put' | 'delete', body: string): Promise<string> {
    const response = await mf.dispatchFetch(`http://local-store/${op}`, { method: 'POST', body })
    const text = await response.text()
    if (!response.ok) throw new Error(`local store ${op}: ${response.status} ${text}`)
    return text
  }

  /** Sends the chunks in order, the next one made while the last is written. */
  async function inChunks<T>(items: readonly T[], size: number, send: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
    let previous: Promise<unknown> | undefined
    for (let i = 0; i < items.length; i += size) {
      const sending = send(items.slice(i, i + size))
      sending.catch(() => {}) // awaited below, after the one before it
      await previous
      previous = sending
    }
    await previous
  }

  try {
    await mf.ready
  } catch (error) {
    await mf.dispose()
    throw error
  }
  return {
    async get(keys) {
      const values = new Map<string, string | null>()
      for (let i = 0; i < keys.length; i += GET_CHUNK) {
        const chunk = keys.slice(i, i + GET_CHUNK)
        const found = JSON.parse(await call('get', JSON.stringify(chunk))) as Record<string, string | null>
        for (const key of chunk) values.set(key, found[key] ?? null)
      }
      return values
    },
    put: (batch) => inChunks(batch, WRITE_CHUNK, (chunk) => call('put', JSON.stringify(chunk.map((p) => [p.key, p.read()])))),
    delete: (batch) => inChunks(batch, WRITE_CHUNK, (chunk) => call('delete', JSON.stringify(chunk))),
    dispose: () => mf.dispose(),
  }
}
