/** Reads and validates every document in a folder; all or nothing. */
import { readFileSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { headsInWorker } from './heads-in-worker'
import { headLoader, loadInOrder, readOne, type Loaded } from './load-files'
import { parseBody } from './document/parse'
import type { DocumentHead } from './document/derive'
import type { Document } from '../../src/shared/records'
import type { Corpus } from './plan'

type Progress = (done: number, total: number) => void

/** Loads a share of the files, in order; `loaded` reports how many so far. */
type LoadShare<T> = (dir: string, names: readonly string[], loaded: (count: number) => void) => Promise<Array<Loaded<T>>>

/**
 * Loads every `.txt` file, keeping only what `loadShare` makes of each, so a
 * caller decides how much of the text stays in memory; results in name order.
 */
async function scan<T extends { id: string }>(dir: string, loadShare: LoadShare<T>, onProgress?: Progress) {
  const errors: string[] = []
  /** document id → file name, to name a file in later errors and to read it again */
  const files = new Map<string, string>()
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort()
  } catch {
    return { kept: [], files, errors: [`${dir}: cannot read the folder`] }
  }
  if (names.length === 0) return { kept: [], files, errors: [`${dir}: no .txt documents`] }

  let done = 0
  const results = await loadShare(dir, names, (count) => onProgress?.((done += count), names.length))

  const kept: T[] = []
  for (const [i, result] of results.entries()) {
    if ('error' in result) {
      errors.push(result.error)
      continue
    }
    const other = files.get(result.kept.id)
    if (other) {
      errors.push(`${join(dir, names[i])}: same document id ${result.kept.id} as ${join(dir, other)}`)
      continue
    }
    files.set(result.kept.id, names[i])
    kept.push(result.kept)
  }
  return { kept, files, errors }
}

export type ReadResult = { documents: Document[]; files: Map<string, string>; errors: string[] }

/** Every document in memory, text and all. */
export async function readDocuments(dir: string, onProgress?: Progress): Promise<ReadResult> {
  const load = async (path: string, name: string): Promise<Loaded<Document>> => {
    const one = await readOne(path, name)
    return 'error' in one ? one : { kept: one.document }
  }
  const { kept, files, errors } = await scan(dir, (d, names, loaded) => loadInOrder(d, names, load, loaded), onProgress)
  return { documents: kept, files, errors }
}

/** Below this, a worker's start-up (about half a second) costs more than it saves. */
const MIN_SHARE = 2000

/**
 * Heads of the files, parsed on every core: reading and parsing 100,000
 * documents is CPU-bound. This thread takes the first share, worker threads
 * (heads-worker.ts) the others; results come back in name order.
 */
const readHeadsInParallel =
  (now?: string): LoadShare<DocumentHead> =>
  async (dir, names, loaded) => {
    const threads = Math.max(1, Math.min(availableParallelism(), Math.floor(names.length / MIN_SHARE)))
    const size = Math.ceil(names.length / threads)
    const shares = Array.from({ length: threads }, (_, i) => names.slice(i * size, (i + 1) * size))
    const [own, ...others] = shares
    const results = await Promise.all([
      loadInOrder(dir, own, headLoader(now), loaded),
      ...others.map((share) => headsInWorker(dir, share, loaded, now)),
    ])
    return results.flat()
  }

export type CorpusResult = { corpus: Corpus; files: Map<string, string>; errors: string[] }

/**
 * The folder as a corpus: heads in memory, paragraphs read again from the
 * file when the plan needs them (a changed article, the feed's newest), so
 * memory does not grow with the text of 100,000 documents. `now`, the seed's clock, refuses an
 * `Updated:` line later than it.
 */
export async function readCorpus(dir: string, onProgress?: Progress, now?: string): Promise<CorpusResult> {
  const { kept, files, errors } = await scan(dir, readHeadsInParallel(now), onProgress)
  const paragraphs = (id: string) => {
    const path = join(dir, files.get(id)!)
    const result = parseBody(readFileSync(path))
    if (!result.ok) throw new Error(`${path}: ${result.reason} (the file changed during the seed)`)
    return result.body.paragraphs
  }
  return { corpus: { heads: kept, paragraphs }, files, errors }
}
