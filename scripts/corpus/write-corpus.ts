/**
 * Writes a generated corpus to a folder, one file per document as the seed
 * expects. Writes are asynchronous and many at a time, so 100,000 files take
 * seconds rather than waiting on each file in turn.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateDocument, seedHash } from './corpus'

/** Enough writes in flight to overlap generating with the disk; many more only queue in libuv's thread pool. */
const IN_FLIGHT = 16

export type WriteCorpusOptions = {
  count: number
  out: string
  seed: string | number
  onProgress?: (done: number, total: number) => void
}

export async function writeCorpus({ count, out, seed, onProgress }: WriteCorpusOptions): Promise<void> {
  await mkdir(out, { recursive: true })
  const hashed = seedHash(seed)
  let next = 0
  let done = 0
  async function writer(): Promise<void> {
    while (next < count) {
      const { fileName, text } = generateDocument(hashed, next++)
      await writeFile(join(out, fileName), text)
      onProgress?.(++done, count)
    }
  }
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, writer))
}
