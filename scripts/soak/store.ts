/** The soak's store: generated documents seeded by the seed CLI, as `npm start` seeds. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { writeCorpus } from '../corpus/write-corpus'

/** Writes `count` documents under `dir` and seeds them into a local store there: returns the store's folder. */
export async function seededStore(dir: string, count: number, corpusSeed: string): Promise<string> {
  const [documents, store] = [join(dir, 'documents'), join(dir, 'store')]
  await writeCorpus({ count, out: documents, seed: corpusSeed })
  await promisify(execFile)('npx', ['tsx', 'scripts/seed.ts', '--dir', documents, '--persist-to', store, '--json'], { maxBuffer: 1 << 26 })
  return store
}
