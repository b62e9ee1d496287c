/**
 * KV's bulk limits, enforced before anything is sent: a value over the limit is
 * a clear error naming its key, never a half-applied upload.
 * https://developers.cloudflare.com/kv/platform/limits/
 */
import { type LazyPut, utf8Length } from './put'

export const MAX_PAIRS_PER_BATCH = 10_000
export const MAX_BATCH_BYTES = 100_000_000
export const MAX_KEY_BYTES = 512
export const MAX_VALUE_BYTES = 25 * 1024 * 1024

export class LimitError extends Error {}

/**
 * Splits puts into the fewest consecutive batches within the pair and byte
 * limits. Each value is read to be measured, and not kept: the target reads it again.
 */
export function batchPuts(puts: readonly LazyPut[], describe: (put: LazyPut) => string = (p) => p.key): LazyPut[][] {
  const batches: LazyPut[][] = []
  let current: LazyPut[] = []
  let bytes = 0
  for (const p of puts) {
    const keyBytes = utf8Length(p.key)
    if (keyBytes > MAX_KEY_BYTES) throw new LimitError(`${describe(p)}: key is ${keyBytes} bytes, over KV's ${MAX_KEY_BYTES}`)
    const valueBytes = p.bytes()
    if (valueBytes > MAX_VALUE_BYTES) {
      throw new LimitError(`${describe(p)}: stored value is ${(valueBytes / 1048576).toFixed(1)} MiB, over KV's 25 MiB`)
    }
    // Bulk uploads travel as a JSON array; count what the pair adds to it.
    const size = keyBytes + valueBytes + 32
    if (current.length === MAX_PAIRS_PER_BATCH || bytes + size > MAX_BATCH_BYTES) {
      batches.push(current)
      current = []
      bytes = 0
    }
    current.push(p)
    bytes += size
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** Deletes go by key alone, in batches of at most 10,000. */
export function batchDeletes(keys: readonly string[]): string[][] {
  const batches: string[][] = []
  for (let i = 0; i < keys.length; i += MAX_PAIRS_PER_BATCH) batches.push(keys.slice(i, i + MAX_PAIRS_PER_BATCH))
  return batches
}
