/**
 * An unchanged re-seed of a folder big enough to have sealed pages stops after
 * stat'ing its files (the last run's record and the store's manifest index
 * agree), as a small one does (tests/seed-cli.node.test.ts): the index read
 * alone must not be taken for a store whose pages were lost.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { datedDocuments, documentText } from './support/documents'
import { seedInProcess } from './support/seed-in-process'

const HOUR = 3_600_000
let dir: string
let store: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reseed-'))
  store = await mkdtemp(join(tmpdir(), 'reseed-store-'))
  // Old enough not to count as changed within the last run's stat (last-run.ts, RACY_MS).
  const then = new Date(Date.now() - HOUR)
  for (const doc of datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE)) {
    const file = join(dir, `${doc.id}_${doc.id}.txt`)
    await writeFile(file, documentText(doc.title, doc.paragraphs, doc.published_at))
    await utimes(file, then, then)
  }
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(store, { recursive: true, force: true })
})

describe('an unchanged re-seed with sealed pages', () => {
  it('reads no document again', async () => {
    const first = await seedInProcess(dir, store)
    expect(first.plan.index.sealed).toBeGreaterThan(0)
    const again = await seedInProcess(dir, store)
    expect(again.read).toBe(false)
    expect(again.plan.summary.unchanged).toBe(HEAD_SEAL_AT + 2 * PAGE_SIZE)
  })
})
