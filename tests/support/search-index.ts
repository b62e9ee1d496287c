/**
 * A search index as the seed writes it, read back from a plan's puts without
 * KV: the directory and a SearchSource over the values, counting what a query
 * reads, for tests that run the Worker's engine in Node.
 */
import type { LazyPut } from '../../scripts/publish/put'
import type { SearchSource } from '../../src/search/engine'
import { SEARCH_DIR_KEY, type SearchDirectory, SearchDirectorySchema } from '../../src/shared/search-index'

export type ReadCount = { gets: number; keys: number; bytes: number }

export function indexOf(puts: readonly LazyPut[]): {
  dir: SearchDirectory
  source: SearchSource
  reads: ReadCount
  values: Map<string, string>
} {
  const values = new Map(puts.map((put) => [put.key, put.read()]))
  const reads: ReadCount = { gets: 0, keys: 0, bytes: 0 }
  const get = async <T>(keys: readonly string[]) => {
    reads.gets++
    reads.keys += keys.length
    return new Map(
      keys.map((key): [string, T | null] => {
        const raw = values.get(key)
        reads.bytes += raw?.length ?? 0
        return [key, raw === undefined ? null : (JSON.parse(raw) as T)]
      }),
    )
  }
  const dir = SearchDirectorySchema.parse(JSON.parse(values.get(SEARCH_DIR_KEY)!))
  return { dir, source: { chunks: get, docs: get }, reads, values }
}
