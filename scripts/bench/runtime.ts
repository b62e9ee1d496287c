/**
 * One workerd, started through Miniflare's API, running the bundled Worker,
 * its counting build, the seeder, the long tail's Workers (our Worker answering
 * every request as a miss, and the bare read twice: the second is its control)
 * and (once our responses are known) the limit Worker, each on its own direct
 * socket: no `wrangler dev` proxy, no request logging in the path being measured. All but the limit share one KV namespace,
 * persisted in a local store laid out as `wrangler --persist-to` lays it out.
 */
import { dirname, join } from 'node:path'
import { freePort } from './free-port'
import { Log, LogLevel, Miniflare, type WorkerOptions } from 'miniflare'
import { articlesNamespaceId, wranglerSettings } from '../publish/wrangler-config'
import type { EncodedAnswer } from './limit-answer'
import { pinWorkerd } from './pinning'

export type WorkerName = 'ours' | 'counting' | 'seeder' | 'limit' | 'misses' | 'bare' | 'bareAgain'

/** `misses` runs the `ours` bundle and `bareAgain` the `bare` one; every other Worker has its own. */
export type RuntimeScripts = Record<Exclude<WorkerName, 'misses' | 'bareAgain'>, string>

export type Runtime = {
  url(name: WorkerName): Promise<URL>
  /** workerd's DevTools inspector port, when started with one. */
  inspectorPort: number | undefined
  /** Adds the limit Worker with its answers; the others restart with it, with empty isolate caches. */
  addLimit(answers: EncodedAnswer[]): Promise<void>
  dispose(): Promise<void>
}

export async function startRuntime(store: string, scripts: RuntimeScripts, { inspector = false } = {}): Promise<Runtime> {
  // Fixed for the runtime's life: our pages carry absolute URLs with the port
  // (SITE_URL is empty), and the limit must repeat them byte for byte after the restart.
  const ports: Record<WorkerName, number> = {
    ours: await freePort(),
    counting: await freePort(),
    seeder: await freePort(),
    limit: await freePort(),
    misses: await freePort(),
    bare: await freePort(),
    bareAgain: await freePort(),
  }
  const direct = (name: WorkerName) => [{ host: '127.0.0.1', port: ports[name] }]
  const inspectorPort = inspector ? await freePort() : undefined
  const config = wranglerSettings()
  const namespace = articlesNamespaceId(config)
  const compatibility = { compatibilityDate: config.compatibility_date, compatibilityFlags: config.compatibility_flags }
  const worker = (name: WorkerName, scriptPath: string): WorkerOptions => ({
    name,
    modules: true,
    scriptPath,
    // Module names are relative to this root; the bundle lives in a temporary folder.
    modulesRoot: dirname(scriptPath),
    ...compatibility,
    bindings: config.vars as Record<string, string>,
    kvNamespaces: { ARTICLES: namespace },
    unsafeDirectSockets: direct(name),
  })
  const options = (answers?: EncodedAnswer[]) => ({
    workers: [
      worker('ours', scripts.ours),
      worker('counting', scripts.counting),
      worker('seeder', scripts.seeder),
      // Our Worker keeping nothing fresh: every request a miss (see long-tail.ts).
      { ...worker('misses', scripts.ours), bindings: { ...(config.vars as Record<string, string>), FRESHNESS_SECONDS: '0' } },
      worker('bare', scripts.bare),
      worker('bareAgain', scripts.bare),
      ...(answers ? [{ ...worker('limit', scripts.limit), bindings: { ANSWERS: answers }, kvNamespaces: {} }] : []),
    ],
    // Where `wrangler kv ... --local --persist-to <store>` keeps KV.
    kvPersist: join(store, 'v3', 'kv'),
    log: new Log(LogLevel.WARN),
    // The placeholder `request.cf`: fetching the real one needs the network and the Worker never reads it.
    cf: false,
    inspectorPort,
  })
  const mf = new Miniflare(options())
  await mf.ready
  await pinWorkerd()
  return {
    url: (name) => mf.unsafeGetDirectURL(name),
    inspectorPort,
    async addLimit(answers) {
      await mf.setOptions(options(answers))
      await pinWorkerd()
    },
    dispose: () => mf.dispose(),
  }
}
