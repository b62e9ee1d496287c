/**
 * Where a seed plan lands. The plan and its batches are the same for every
 * target; only these three operations differ.
 */
import type { LazyPut } from './put'

/** A failure no retry can mend (a refused credential): reported at once. */
export class PermanentError extends Error {}

export interface Target {
  /** Raw values of the keys; absent keys map to null. */
  get(keys: readonly string[]): Promise<Map<string, string | null>>
  /** Reads each value as it sends it. */
  put(batch: readonly LazyPut[]): Promise<void>
  delete(batch: readonly string[]): Promise<void>
}

/** A KV binding as the target: the tests' way to seed real local KV inside workerd. */
export function bindingTarget(kv: KVNamespace): Target {
  return {
    async get(keys) {
      const values = new Map<string, string | null>()
      for (let i = 0; i < keys.length; i += 100) {
        const chunk = keys.slice(i, i + 100)
        for (const [key, value] of await kv.get(chunk, 'text')) values.set(key, value)
      }
      return values
    },
    async put(batch) {
      await Promise.all(batch.map((p) => kv.put(p.key, p.read())))
    },
    async delete(batch) {
      await Promise.all(batch.map((key) => kv.delete(key)))
    },
  }
}
