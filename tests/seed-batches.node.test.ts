/**
 * The seed's batching against KV's bulk limits, on synthetic plans: the
 * fewest batches within 10,000 pairs and 100 MB, values over 25 MiB refused
 * by name before anything is written, every key written once, indexes after
 * the articles they point at.
 */
import { describe, expect, it } from 'vitest'
import { batchDeletes, batchPuts, MAX_BATCH_BYTES, MAX_PAIRS_PER_BATCH } from '../scripts/publish/batches'
import { EMPTY_STATE, readPreviousState } from '../scripts/publish/manifest'
import { planSeed } from '../scripts/publish/plan'
import type { LazyPut } from '../scripts/publish/put'
import { applyPlan } from '../scripts/publish/seed-run'
import type { Target } from '../scripts/publish/target'
import { datedDocument, datedDocuments } from './support/documents'

const NOW = '2026-11-01T00:00:00Z'
const bytes = (batch: readonly LazyPut[]) => batch.reduce((n, p) => n + Buffer.byteLength(p.key) + Buffer.byteLength(p.read()), 0)

/** A target that only records what it is asked to do, in order. */
function recordingTarget() {
  const calls: Array<{ op: 'put' | 'delete'; keys: string[] }> = []
  const target: Target = {
    get: async (keys) => new Map(keys.map((key) => [key, null])),
    put: async (batch) => void calls.push({ op: 'put', keys: batch.map((p) => p.key) }),
    delete: async (batch) => void calls.push({ op: 'delete', keys: [...batch] }),
  }
  return { target, calls }
}

describe('seed batches', () => {
  it('splits 25,001 changed documents into the fewest batches of at most 10,000 pairs', async () => {
    const plan = await planSeed(datedDocuments(25_001), EMPTY_STATE, NOW)
    const articles = plan.steps.find((step) => step.name === 'articles')!.puts
    expect(articles).toHaveLength(25_001)
    const batches = batchPuts(articles)
    expect(batches).toHaveLength(Math.ceil(25_001 / MAX_PAIRS_PER_BATCH))
    expect(batches.every((batch) => batch.length <= MAX_PAIRS_PER_BATCH)).toBe(true)
    expect(batches.flat().map((p) => p.key)).toEqual(articles.map((p) => p.key))
  })

  it('closes a batch before it passes 100 MB', () => {
    const value = 'x'.repeat(9 * 1024 * 1024)
    const puts = Array.from({ length: 25 }, (_, i): LazyPut => ({ key: `article:big-${i}`, read: () => value, bytes: () => value.length }))
    const batches = batchPuts(puts)
    const total = bytes(puts)
    expect(batches).toHaveLength(Math.ceil(total / MAX_BATCH_BYTES))
    for (const batch of batches) expect(bytes(batch)).toBeLessThanOrEqual(MAX_BATCH_BYTES)
  })

  it('refuses a value over 25 MiB, naming its file, before writing anything', async () => {
    const huge = datedDocument(1, { paragraphs: ['word '.repeat(6 * 1024 * 1024)] })
    const plan = await planSeed([datedDocument(0), huge], EMPTY_STATE, NOW)
    const { target, calls } = recordingTarget()
    const describe = (p: LazyPut) => (p.read().includes(huge.id) ? 'seeds/001_huge.txt' : p.key)
    await expect(applyPlan(plan, target, { describe })).rejects.toThrow(
      /^seeds\/001_huge\.txt: stored value is 30\.0 MiB, over KV's 25 MiB$/,
    )
    expect(calls).toEqual([])
  })

  it('batches deletions by the same pair limit', () => {
    const keys = Array.from({ length: 20_001 }, (_, i) => `article:gone-${i}`)
    const batches = batchDeletes(keys)
    expect(batches.map((batch) => batch.length)).toEqual([10_000, 10_000, 1])
    expect(batches.flat()).toEqual(keys)
  })

  it('writes every key once per run, indexes after articles, deletes after indexes, the manifest last', async () => {
    const before = await planSeed(datedDocuments(60), EMPTY_STATE, NOW)
    const { target: first } = recordingTarget()
    await applyPlan(before, first)
    // Re-plan against the state that run left: change 3, remove 25 (so list pages shrink), add 2.
    const written = new Map(before.steps.flatMap((step) => step.puts).map((p): [string, string] => [p.key, p.read()]))
    const previous = readPreviousState(written)
    const documents = [...datedDocuments(35), ...datedDocuments(2, 100)].map((doc, i) =>
      i < 3 ? { ...doc, title: `${doc.title} (corrected)` } : doc,
    )
    const plan = await planSeed(documents, previous, '2026-11-02T00:00:00Z')
    const { target, calls } = recordingTarget()
    await applyPlan(plan, target)

    const keys = calls.flatMap((call) => call.keys)
    expect(new Set(keys).size).toBe(keys.length)
    const kinds = calls.map((call) => `${call.op}:${call.keys[0].split(':')[0]}`)
    expect(kinds[0]).toBe('put:article')
    const firstIndex = kinds.findIndex((kind) => kind !== 'put:article')
    expect(kinds.slice(firstIndex).includes('put:article')).toBe(false)
    const deletes = kinds.findIndex((kind) => kind.startsWith('delete:'))
    expect(deletes).toBeGreaterThan(firstIndex)
    expect(kinds.slice(deletes + 1).every((kind) => kind === 'delete:article' || kind === 'put:manifest')).toBe(true)
    expect(kinds[kinds.length - 1]).toBe('put:manifest')
    expect(plan.summary).toMatchObject({ added: 2, updated: 3, unchanged: 32, deleted: 25 })
  })
})
