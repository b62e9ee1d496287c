/**
 * Seed targets for tests of what a seed writes: a map standing in for the
 * store; and around a real one, for uploads cut short, one that records the
 * batches a run uploads, in order, and one that dies mid-upload, as a killed
 * process does.
 */
import type { Target } from '../../scripts/publish/target'

export class Killed extends Error {}

/** A map as the store: every put and delete lands at once. */
export function mapTarget(store: Map<string, string>): Target {
  return {
    get: async (keys) => new Map(keys.map((key) => [key, store.get(key) ?? null])),
    put: async (batch) => {
      for (const put of batch) store.set(put.key, put.read())
    },
    delete: async (batch) => {
      for (const key of batch) store.delete(key)
    },
  }
}

/** A target that passes everything on and records the keys of each write batch. */
export function recordingTarget(real: Target): { target: Target; batches: string[][] } {
  const batches: string[][] = []
  return {
    batches,
    target: {
      get: (keys) => real.get(keys),
      put: (batch) => {
        batches.push(batch.map((p) => p.key))
        return real.put(batch)
      },
      delete: (batch) => {
        batches.push([...batch])
        return real.delete(batch)
      },
    },
  }
}

export type Death = {
  /** The index, in upload order, of the batch the process dies in. */
  batch: number
  /** Which keys of that batch landed before it died: its writes run concurrently, so any of them may have. */
  landed: (keys: readonly string[]) => readonly string[]
}

/** The batches before the fatal one land whole, then part of it, then nothing: every later attempt fails. */
export function dyingTarget(real: Target, death: Death): Target {
  let batches = 0
  let dead = false

  async function write<T>(batch: readonly T[], keyOf: (item: T) => string, apply: (items: readonly T[]) => Promise<void>): Promise<void> {
    if (dead) throw new Killed('the seed was killed')
    if (batches++ < death.batch) return apply(batch)
    const landed = new Set(death.landed(batch.map(keyOf)))
    await apply(batch.filter((item) => landed.has(keyOf(item))))
    dead = true
    throw new Killed('the seed was killed')
  }

  return {
    get: (keys) => real.get(keys),
    put: (batch) =>
      write(
        batch,
        (p) => p.key,
        (items) => real.put(items),
      ),
    delete: (batch) =>
      write(
        batch,
        (key) => key,
        (items) => real.delete(items),
      ),
  }
}
