/**
 * The real Worker for Node-side tests: a local KV store written by the real
 * seed CLI from a folder of documents (or left empty without one), then
 * wrangler's own dev server on a free 127.0.0.1 port reading that store, as
 * `npm start` does.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unstable_startWorker } from 'wrangler'
import { freePort } from '../../scripts/bench/free-port'
import { REPOSITORY, seedCli } from './seed-cli'

// Local KV and these tests never need the real `request.cf`; fetching it from
// the network only waits, in every wrangler run, for a lookup that cannot succeed offline.
const OFFLINE = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

export type WorkerServer = {
  /** The Worker's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string
  stop(): Promise<void>
}

/** The Worker over a store seeded from `documentsDir` (or empty); the store goes when the server stops. */
export async function startWorkerServer(documentsDir?: string): Promise<WorkerServer> {
  const store = await mkdtemp(join(tmpdir(), 'worker-store-'))
  const removeStore = () => rm(store, { recursive: true, force: true })
  try {
    // Read by the dev server, and inherited by the seed CLI's child process.
    Object.assign(process.env, OFFLINE)
    if (documentsDir) {
      const seeded = await seedCli(documentsDir, store)
      if (seeded.code !== 0) throw new Error(`seed CLI failed: ${seeded.stderr}`)
    }
    const server = await serveStore(store)
    return { url: server.url, stop: () => server.stop().then(removeStore) }
  } catch (error) {
    await removeStore()
    throw error
  }
}

export type ServeOptions = {
  /** Settings over wrangler.toml's [vars], as `wrangler dev --var NAME:VALUE` gives them. */
  vars?: Record<string, string>
  /** The port, when a setting must name it (SITE_URL); else a free one. */
  port?: number
}

/** The Worker over an existing local store (a seed's `--persist-to` folder), which it leaves in place. */
export async function serveStore(store: string, options: ServeOptions = {}): Promise<WorkerServer> {
  Object.assign(process.env, OFFLINE)
  const port = options.port ?? (await freePort())
  const bindings = Object.fromEntries(
    Object.entries(options.vars ?? {}).map(([name, value]) => [name, { type: 'plain_text' as const, value }]),
  )
  const worker = await unstable_startWorker({
    config: join(REPOSITORY, 'wrangler.toml'),
    bindings,
    dev: {
      server: { hostname: '127.0.0.1', port },
      persist: store,
      inspector: false,
      watch: false,
      logLevel: 'error',
    },
  })
  await worker.ready
  return { url: new URL(await worker.url).origin, stop: () => worker.dispose() }
}
