/**
 * Reading files one at a time, on whichever thread calls: the part of
 * read-documents.ts that its worker threads (heads-worker.ts) run too.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseDocument } from './document/parse'
import { toHead, type DocumentHead } from './document/derive'
import { DocumentSchema, type Document } from '../../src/shared/records'

/**
 * One file, parsed and checked against the schema: a document or one readable reason.
 * Read synchronously: a seed document is a few kilobytes, and fs/promises spends
 * four thread-pool round trips on each (open, stat, read, close), which at 100,000
 * files cost more than the parsing. The seed is a command; it has nothing else to do meanwhile.
 */
export async function readOne(path: string, name: string, now?: string): Promise<{ document: Document } | { error: string }> {
  const result = await parseDocument(name, readFileSync(path), now)
  if (!result.ok) return { error: `${path}: ${result.reason}` }
  const checked = DocumentSchema.safeParse(result.document)
  if (!checked.success) return { error: `${path}: ${checked.error.issues[0].path.join('.')} ${checked.error.issues[0].message}` }
  return { document: checked.data }
}

export type Loaded<T> = { kept: T } | { error: string }

/** How often a long run of synchronous reads lets the event loop turn: progress, worker messages. */
const YIELD_EVERY = 500

/** Loads files one after another on this thread, in the order given. */
export async function loadInOrder<T>(
  dir: string,
  names: readonly string[],
  load: (path: string, name: string) => Promise<Loaded<T>>,
  loaded: (count: number) => void,
): Promise<Array<Loaded<T>>> {
  const results: Array<Loaded<T>> = []
  for (const name of names) {
    results.push(await load(join(dir, name), name))
    if (results.length % YIELD_EVERY === 0) {
      loaded(YIELD_EVERY)
      await new Promise(setImmediate)
    }
  }
  loaded(results.length % YIELD_EVERY)
  return results
}

/** Loads one file's head, or why it is not a document, against the seed's clock `now`. */
export const headLoader =
  (now?: string) =>
  async (path: string, name: string): Promise<Loaded<DocumentHead>> => {
    const one = await readOne(path, name, now)
    return 'error' in one ? one : { kept: await toHead(one.document) }
  }
