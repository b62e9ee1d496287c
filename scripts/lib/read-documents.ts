/** Reads and validates every document in a folder; all or nothing. */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseDocument } from '../../src/document/parse'
import { DocumentSchema, type Document } from '../../src/schema'

export type ReadResult = { documents: Document[]; files: Map<string, string>; errors: string[] }

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
  for (const [i, name] of names.entries()) {
    const path = join(dir, name)
    const result = await parseDocument(name, await readFile(path))
    onProgress?.(i + 1, names.length)
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
    files.set(checked.data.id, name)
    documents.push(checked.data)
  }
  return { documents, files, errors }
}
