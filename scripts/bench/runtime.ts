/**
 * One workerd, started through Miniflare's API, running the bundled Worker,
 * its counting build, the seeder and (once our responses are known) the limit
 * Worker, each on its own direct socket: no `wrangler dev` proxy, no request
 * logging in the path being measured. All but the limit share one KV namespace,
 * persisted in a local store laid out as `wrangler --persist-to` lays it out.
 */
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { Log, LogLevel, Miniflare, type WorkerOptions } from 'miniflare'
import { unstable_readConfig } from 'wrangler'

export type WorkerName = 'ours' | 'counting' | 'seeder' | 'limit'

export type RuntimeScripts = Record<Exclude<WorkerName, 'limit'>, string>

export type Runtime = {
  url(name: WorkerName): Promise<URL>
  /** Adds the limit Worker; the others restart with it, with empty isolate caches. */
  addLimit(script: string): Promise<void>
  dispose(): Promise<void>
}

/** A port the OS has just handed out. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

export async function startRuntime(store: string, scripts: RuntimeScripts): Promise<Runtime> {
  // Fixed for the runtime's life: our pages carry absolute URLs with the port
  // (SITE_URL is empty), and the limit must repeat them byte for byte after the restart.
  const ports: Record<WorkerName, number> = { ours: await freePort(), counting: await freePort(), seeder: await freePort(), limit: await freePort() }
  const direct = (name: WorkerName) => [{ host: '127.0.0.1', port: ports[name] }]
  const config = unstable_readConfig({ config: 'wrangler.toml' })
  const namespace = config.kv_namespaces.find((ns: { binding: string }) => ns.binding === 'ARTICLES')
  if (!namespace?.id) throw new Error('wrangler.toml has no ARTICLES namespace')
  const compatibility = { compatibilityDate: config.compatibility_date, compatibilityFlags: config.compatibility_flags }
  const worker = (name: WorkerName, scriptPath: string): WorkerOptions => ({
    name,
    modules: true,
    scriptPath,
    // Module names are relative to this root; the bundle lives in a temporary folder.
    modulesRoot: dirname(scriptPath),
    ...compatibility,
    bindings: config.vars as Record<string, string>,
    kvNamespaces: { ARTICLES: namespace.id! },
    unsafeDirectSockets: direct(name),
  })
  const options = (limit?: string) => ({
    workers: [
      worker('ours', scripts.ours),
      worker('counting', scripts.counting),
      worker('seeder', scripts.seeder),
      ...(limit ? [{ name: 'limit', modules: true, script: limit, ...compatibility, unsafeDirectSockets: direct('limit') }] : []),
    ],
    // Where `wrangler kv ... --local --persist-to <store>` keeps KV.
    kvPersist: join(store, 'v3', 'kv'),
    log: new Log(LogLevel.WARN),
    // The placeholder `request.cf`: fetching the real one needs the network and the Worker never reads it.
    cf: false,
  })
  const mf = new Miniflare(options())
  await mf.ready
  return {
    url: (name) => mf.unsafeGetDirectURL(name),
    async addLimit(script) {
      await mf.setOptions(options(script))
    },
    dispose: () => mf.dispose(),
  }
}
