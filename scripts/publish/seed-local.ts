/**
 * A folder seeded into the local store `wrangler dev` reads: a workerd for the
 * run (local-target.ts, about 0.15 s to start), stopped after it, so nothing
 * of it outlives the seed, even when a watcher seeds again and again.
 */
import { localTarget, type LocalTargetOptions } from './local-target'
import { seedFolder, type SeedFolderOptions, type SeedFolderResult } from './seed-folder'

export async function seedLocalStore(store: LocalTargetOptions, options: SeedFolderOptions): Promise<SeedFolderResult> {
  const target = await localTarget(store)
  try {
    return await seedFolder(target, options)
  } finally {
    await target.dispose()
  }
}
