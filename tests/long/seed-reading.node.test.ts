/**
 * Reading a large folder on every core: the seed parses its share on this
 * thread and the rest on worker threads. Whatever the split, the heads are
 * those one thread derives, in name order, and a bad file in a worker's share
 * is reported as plainly as one in this thread's.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toHead } from '../../scripts/publish/document/derive'
import { readCorpus, readDocuments } from '../../scripts/publish/read-documents'
import { writeCorpus } from '../../scripts/corpus/write-corpus'
import { seedCli } from '../support/seed-cli'

// Enough for two threads (a share is at least 2,000 files), and not a multiple of two.
const COUNT = 4_501

describe(`reading ${COUNT.toLocaleString('en')} documents on ${availableParallelism()} cores`, { timeout: 300_000 }, () => {
  let root: string
  let dir: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seed-reading-'))
    dir = join(root, 'documents')
    await writeCorpus({ count: COUNT, out: dir, seed: 'threads' })
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('derives the same heads, in the same order, as one thread', async () => {
    const { corpus, errors } = await readCorpus(dir)
    expect(errors).toEqual([])
    const { documents } = await readDocuments(dir)
    expect(corpus.heads).toHaveLength(COUNT)
    expect(corpus.heads).toEqual(await Promise.all(documents.map(toHead)))
    const last = documents[documents.length - 1]
    expect(corpus.paragraphs(last.id)).toEqual(last.paragraphs)
  })

  it('reports progress up to every file', async () => {
    const seen: number[] = []
    await readCorpus(dir, (done, total) => {
      expect(total).toBe(COUNT)
      seen.push(done)
    })
    expect(seen.at(-1)).toBe(COUNT)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
  })

  it('names a bad file in the last share and writes nothing', async () => {
    const last = (await readdir(dir)).sort().at(-1)!
    await writeFile(join(dir, last), 'A title and nothing else\n')
    const { code, stdout, stderr } = await seedCli(dir, join(root, 'store'), '--dry-run')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toContain(`${join(dir, last)}: no "Published: <date>" line at the end`)
    expect(stderr).toContain('seed: 1 invalid document(s); nothing written')
  })
})
