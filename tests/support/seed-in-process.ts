/**
 * The seed run as `npm run seed -- --persist-to <store>` makes it, in this
 * process: the same local target, the same record of the last run (so a CLI run
 * and this one see each other's), against the
 * real local store (workerd through Miniflare), without starting a command line.
 * The target is stopped after each run, so a CLI run may use the store next.
 */
import { localTarget } from '../../scripts/publish/local-target'
import { seedFolder, type SeedFolderResult } from '../../scripts/publish/seed-folder'
import type { Plan } from '../../scripts/publish/plan'

export type Seeded = { plan: Plan; read: boolean }

export async function seedInProcess(dir: string, store: string): Promise<Seeded> {
  const target = await localTarget({ persistTo: store })
  let result: SeedFolderResult
  try {
    result = await seedFolder(target, { dir, record: { remote: false, persistTo: store } })
  } finally {
    await target.dispose()
  }
  if ('errors' in result) throw new Error(`invalid documents: ${result.errors.join('; ')}`)
  return result
}
