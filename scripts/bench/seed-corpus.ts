/**
 * A generated corpus in the runtime's local store: documents written as
 * `npm run generate` writes them, read back by the seed command's reader, and
 * seeded by the seeder Worker (see seeder-entry.ts).
 */
import { readDocuments } from '../publish/read-documents'
import type { Summary } from '../publish/plan'
import { writeCorpus } from '../corpus/write-corpus'

/** `answersFor`: the origin of the Worker whose site the seed prepares article answers for. */
export async function seedCorpus(seeder: URL, documentsDir: string, count: number, corpusSeed: string, answersFor: URL): Promise<Summary> {
  await writeCorpus({ count, out: documentsDir, seed: corpusSeed })
  const { documents, errors } = await readDocuments(documentsDir)
  if (errors.length > 0) throw new Error(`generated documents do not parse: ${errors[0]}`)
  const url = new URL(seeder)
  url.searchParams.set('site', answersFor.origin)
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(documents) })
  if (!response.ok) throw new Error(`the seeder answered ${response.status}: ${await response.text()}`)
  return (await response.json()) as Summary
}
