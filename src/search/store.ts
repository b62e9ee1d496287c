/**
 * The search index's reads from KV, each validated by its schema where it
 * enters: the directory, then term chunks and document chunks, each a
 * multi-key get. Nothing here lists keys.
 */
import type { z } from 'zod'
import {
  DocChunkSchema,
  SEARCH_DIR_KEY,
  SEARCH_FORMAT,
  type SearchDirectory,
  SearchDirectorySchema,
  TermChunkSchema,
} from '../shared/search-index'
import { CorruptValueError, KV_CACHE_TTL, StoreError } from '../store/read'
import type { SearchSource } from './engine'

function validate<T>(schema: z.ZodType<T>, key: string, value: unknown): T | null {
  if (value === null || value === undefined) return null
  const result = schema.safeParse(value)
  if (!result.success) throw new CorruptValueError(`stored value ${key} does not match its schema: ${result.error.issues[0]?.message}`)
  return result.data
}

async function getJson(kv: KVNamespace, keys: readonly string[]): Promise<Map<string, unknown>> {
  try {
    return await kv.get([...keys], { type: 'json', cacheTtl: KV_CACHE_TTL })
  } catch (error) {
    if (error instanceof SyntaxError) throw new CorruptValueError(`a stored value of ${keys.join(', ')} is not JSON`)
    throw new StoreError(`reading ${keys.join(', ')} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * A directory a seed wrote in another format: none (the format before snippets) or another number.
 * Any other `format` is a corrupt value, refused by the schema as every other one is.
 */
function isOtherFormat(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { format } = value as { format?: unknown }
  return format === undefined || (typeof format === 'number' && format !== SEARCH_FORMAT)
}

/**
 * The directory; null before the first seed that indexed anything, and for an index of another
 * format (SEARCH_FORMAT), which finds nothing until the next seed builds it anew.
 */
export async function readSearchDirectory(kv: KVNamespace): Promise<SearchDirectory | null> {
  const values = await getJson(kv, [SEARCH_DIR_KEY])
  const value = values.get(SEARCH_DIR_KEY)
  if (isOtherFormat(value)) return null
  return validate(SearchDirectorySchema, SEARCH_DIR_KEY, value)
}

function reader<T>(kv: KVNamespace, schema: z.ZodType<T>) {
  return async (keys: readonly string[]): Promise<Map<string, T | null>> => {
    const values = await getJson(kv, keys)
    return new Map(keys.map((key) => [key, validate(schema, key, values.get(key))]))
  }
}

export const kvSource = (kv: KVNamespace): SearchSource => ({ chunks: reader(kv, TermChunkSchema), docs: reader(kv, DocChunkSchema) })
