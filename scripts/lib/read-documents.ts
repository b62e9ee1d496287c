/** Reads and validates every document in a folder; all or nothing. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseDocument, type ParseResult } from '../../src/document/parse'
import { DocumentSchema, type Document } from '../../src/schema'

/** Reads in flight: enough to keep the disk and libuv's thread pool busy, few enough to bound memory. */
const IN_FLIGHT = 32

export type ReadResult = { documents: Document[]; files: Map<string, string>; errors: string[] }

async function parseAll(dir: string, names: readonly string[], onProgress?: (done: number, total: number) => void): Promise<ParseResult[]> {
  const results: ParseResult[] = new Array(names.length)
  let next = 0
  let done = 0
  async function reader(): Promise<void> {
    while (next < names.length) {
      const i = next++
      results[i] = await parseDocument(names[i], await readFile(join(dir, names[i])))
      onProgress?.(++done, names.length)
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, names.length) }, reader))
  return results
}

export async function readDocuments(dir: string, onProgress?: (done: number, total: number) => void): Promise<ReadResult> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.txt')).sort()
  } catch {
    return { documents: [], files: new Map(), errors: [`${dir}: cannot read the folder`] }
  }
  if (names.length === 0) return { documents: [], files: new Map(), errors: [`${dir}: no .txt documents`] }

  const documents: Document[] = []
  const errors: string[] = []
  /** document id → file name, to name a file in later errors */
  const files = new Map<string, string>()
  const results = await parseAll(dir, names, onProgress)
  for (const [i, result] of results.entries()) {
    const path = join(dir, names[i])
    if (!result.ok) {
      errors.push(`${path}: ${result.reason}`)
      continue
    }
    const checked = DocumentSchema.safeParse(result.document)
    if (!checked.success) {
      errors.push(`${path}: ${checked.error.issues[0].path.join('.')} ${checked.error.issues[0].message}`)
      continue
    }
    const other = files.get(checked.data.id)
    if (other) {
      errors.push(`${path}: same document id ${checked.data.id} as ${join(dir, other)}`)
      continue
    }
    files.set(checked.data.id, names[i])
    documents.push(checked.data)
  }
  return { documents, files, errors }
}
