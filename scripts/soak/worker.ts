/** The deploy bundle on workerd (Miniflare), reading a seeded store, with the V8 inspector on so the isolate's heap can be read. */
import { dirname, join } from 'node:path'
import { Log, LogLevel, Miniflare } from 'miniflare'
import { articlesNamespaceId, wranglerSettings } from '../publish/wrangler-config'

export type Running = { url: URL; inspector: URL; dispose(): Promise<void> }

/** The isolate's name, as the inspector lists it. */
export const WORKER_NAME = 'soak'

export async function startWorker(scriptPath: string, store: string): Promise<Running> {
  const config = wranglerSettings()
  const namespace = articlesNamespaceId(config)
  const mf = new Miniflare({
    workers: [
      {
        name: WORKER_NAME,
        modules: true,
        scriptPath,
        modulesRoot: dirname(scriptPath),
        compatibilityDate: config.compatibility_date,
        compatibilityFlags: config.compatibility_flags,
        bindings: config.vars as Record<string, string>,
        kvNamespaces: { ARTICLES: namespace },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
    ],
    // Where `npm run seed -- --persist-to <store>` keeps KV.
    kvPersist: join(store, 'v3', 'kv'),
    inspectorPort: 0,
    log: new Log(LogLevel.WARN),
    cf: false,
  })
  await mf.ready
  return { url: await mf.unsafeGetDirectURL(WORKER_NAME), inspector: await mf.getInspectorURL(), dispose: () => mf.dispose() }
}
