/**
 * One Worker entry, bundled as a deploy bundles it, running alone in workerd
 * with wrangler.toml's compatibility settings: for the benchmarks that time
 * one part of an answer (bench-headers, bench-read-guard). Its folder, bundle
 * and store are removed when `use` is done.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Miniflare, type WorkerOptions } from 'miniflare'
import { unstable_readConfig } from 'wrangler'
import { bundleWorker } from './bundle'

export async function withOneWorker<T>(
  entry: string,
  /** More of the Worker's options (bindings, sockets, a store), given its folder. */
  options: (dir: string) => Partial<WorkerOptions> & { kvPersist?: string },
  use: (mf: Miniflare, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-worker-'))
  try {
    const { scriptPath } = await bundleWorker(join(dir, 'worker'), entry)
    const config = unstable_readConfig({ config: 'wrangler.toml' })
    const mf = new Miniflare({
      modules: true,
      scriptPath,
      // Module names are relative to this root; the bundle lives in a temporary folder.
      modulesRoot: dirname(scriptPath),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      ...options(dir),
    })
    try {
      await mf.ready
      return await use(mf, dir)
    } finally {
      await mf.dispose()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
