/**
 * Where the sealed pages' bounds are kept (manifest.ts): chunks of 1,000 under
 * their own keys; the last ones, the tail, inside `manifest:index`, which a
 * publish that seals a page writes anyway. So sealing a page writes no key of
 * its own (issue 24: a new article that seals the site's page and one of each
 * facet's stays within 8 + 2 a facet): the tail goes to its chunk, once it
 * holds 250, in a publish that does not seal exactly one page (a first seed of
 * 250 pages or more leaves none), or in any from 500. A store whose last chunk holds the tail, as seeds before kept it,
 * reads the same; what a run cut short wrote past the index's count is not read.
 */
import { describe, expect, it } from 'vitest'
import {
  BOUNDS_CHUNK,
  BOUNDS_TAIL,
  type Bounds,
  boundsKey,
  EMPTY_INDEX,
  EMPTY_STATE,
  MANIFEST_INDEX_KEY,
  readPreviousState,
} from '../scripts/publish/manifest'
import { type Plan, planSeed } from '../scripts/publish/plan'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { datedDocument, datedDocuments } from './support/documents'

const NOW = '2030-01-01T00:00:00Z'
const bounds = (count: number, first = 0): Bounds =>
  Array.from({ length: count }, (_, i) => [`2026-01-01T00:00:${String((first + i) % 60).padStart(2, '0')}Z`, `id-${first + i}`])

const stateOf = (values: Record<string, unknown>) =>
  readPreviousState(new Map(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)])))

/** The manifest's keys as a plan writes them, over those of the store before it. */
const manifestAfter = (plan: Plan, before: ReadonlyMap<string, string> = new Map()) =>
  new Map([
    ...before,
    ...plan.steps
      .flatMap((step) => step.puts)
      .filter((put) => put.key.startsWith('manifest:'))
      .map((put): [string, string] => [put.key, put.read()]),
  ])
const keysOf = (plan: Plan, prefix: string) =>
  plan.steps.flatMap((step) => step.puts.map((put) => put.key)).filter((key) => key.startsWith(prefix))

describe('reading the bounds back', () => {
  it('reads the full chunks, then the tail the index holds', () => {
    const all = bounds(BOUNDS_CHUNK + 3)
    const state = stateOf({
      [MANIFEST_INDEX_KEY]: { ...EMPTY_INDEX, sealed: all.length, bounds_tail: all.slice(BOUNDS_CHUNK) },
      [boundsKey(0)]: all.slice(0, BOUNDS_CHUNK),
    })
    expect(state.bounds).toEqual(all)
    expect(state.index.sealed).toBe(all.length)
  })

  it('does not read a chunk past the tail, which a run cut short before its index wrote', () => {
    const all = bounds(BOUNDS_CHUNK + 3)
    const state = stateOf({
      [MANIFEST_INDEX_KEY]: { ...EMPTY_INDEX, sealed: all.length, bounds_tail: all.slice(BOUNDS_CHUNK) },
      [boundsKey(0)]: all.slice(0, BOUNDS_CHUNK),
      [boundsKey(1)]: bounds(BOUNDS_CHUNK, 5_000),
    })
    expect(state.bounds).toEqual(all)
  })

  it('reads a chunk only as far as the index counts, then the tail', () => {
    const all = bounds(3 * BOUNDS_TAIL + 10)
    const state = stateOf({
      [MANIFEST_INDEX_KEY]: { ...EMPTY_INDEX, sealed: all.length, bounds_tail: all.slice(3 * BOUNDS_TAIL) },
      [boundsKey(0)]: [...all.slice(0, 3 * BOUNDS_TAIL), ...bounds(40, 9_000)],
    })
    expect(state.bounds).toEqual(all)
  })

  it('reads a store whose last chunk holds the tail, as seeds before kept it', () => {
    const all = bounds(BOUNDS_CHUNK + 3)
    const { bounds_tail: _, ...before } = EMPTY_INDEX
    const state = stateOf({
      [MANIFEST_INDEX_KEY]: { ...before, sealed: all.length },
      [boundsKey(0)]: all.slice(0, BOUNDS_CHUNK),
      [boundsKey(1)]: all.slice(BOUNDS_CHUNK),
    })
    expect(state.bounds).toEqual(all)
  })

  it('seals again from a lost chunk: the tail alone is not enough', () => {
    const all = bounds(BOUNDS_CHUNK + 3)
    const state = stateOf({ [MANIFEST_INDEX_KEY]: { ...EMPTY_INDEX, sealed: all.length, bounds_tail: all.slice(BOUNDS_CHUNK) } })
    expect(state.bounds).toEqual([])
    expect(state.index.sealed).toBe(0)
  })
})

describe('sealing a page', () => {
  it('writes the page, and its bound into the index it writes anyway: no chunk', async () => {
    const stored = datedDocuments(HEAD_SEAL_AT - 1)
    const before = manifestAfter(await planSeed(stored, EMPTY_STATE, NOW, { values: false }))
    const plan = await planSeed([...stored, datedDocument(HEAD_SEAL_AT)], readPreviousState(before), NOW, { values: false })
    expect(keysOf(plan, 'page:')).toEqual(['page:0'])
    expect(keysOf(plan, 'manifest:bounds:')).toEqual([])
    const after = readPreviousState(manifestAfter(plan, before))
    expect(after.bounds).toHaveLength(1)
    expect(after.index.bounds_tail).toHaveLength(1)
  })

  it('keeps 250 in the tail while publishes seal pages, and moves them to their chunk in the next that seals none', async () => {
    // A store one page short of 250: 249 bounds, all in the tail.
    const count = (BOUNDS_TAIL - 1) * PAGE_SIZE + HEAD_SEAL_AT - 1
    const stored = datedDocuments(count)
    const first = await planSeed(stored, EMPTY_STATE, NOW, { values: false })
    expect(keysOf(first, 'manifest:bounds:')).toEqual([])
    let values = manifestAfter(first)
    expect(readPreviousState(values).index.bounds_tail).toHaveLength(BOUNDS_TAIL - 1)

    const sealing = [...stored, datedDocument(count)]
    const sealed = await planSeed(sealing, readPreviousState(values), NOW, { values: false })
    expect(keysOf(sealed, 'page:')).toHaveLength(1)
    expect(keysOf(sealed, 'manifest:bounds:')).toEqual([])
    values = manifestAfter(sealed, values)
    expect(readPreviousState(values).index.bounds_tail).toHaveLength(BOUNDS_TAIL)

    const next = await planSeed([...sealing, datedDocument(count + 1)], readPreviousState(values), NOW, { values: false })
    expect(keysOf(next, 'page:')).toEqual([])
    expect(keysOf(next, 'manifest:bounds:')).toEqual([boundsKey(0)])
    const after = readPreviousState(manifestAfter(next, values))
    expect(after.bounds).toHaveLength(BOUNDS_TAIL)
    expect(after.flushed).toBe(BOUNDS_TAIL)
    expect(after.index.bounds_tail).toEqual([])
  })

  it('leaves no tail after a first seed that seals 250 pages or more', async () => {
    const plan = await planSeed(datedDocuments(BOUNDS_TAIL * PAGE_SIZE + HEAD_SEAL_AT), EMPTY_STATE, NOW, { values: false })
    expect(keysOf(plan, 'manifest:bounds:')).toEqual([boundsKey(0)])
    const state = readPreviousState(manifestAfter(plan))
    expect(state.bounds.length).toBeGreaterThanOrEqual(BOUNDS_TAIL)
    expect(state.index.bounds_tail).toEqual([])
  })
})
