/**
 * Seeds the real local KV binding as tests/support/seed.ts does, reading the
 * search index's state with the manifest, so the plan maintains the index
 * (src/shared/search-index.ts) incrementally, as a seed that reads it does.
 */
import { env } from 'cloudflare:test'
import type { Document } from '../../src/shared/records'
import type { RunOptions } from '../../scripts/publish/seed-run'
import { loadPrevious } from '../../scripts/publish/seed-run'
import { readSearchState, searchStateKeys } from '../../scripts/publish/search/state'
import { bindingTarget } from '../../scripts/publish/target'
import { seedDocuments } from './seed'

export async function seedWithSearch(documents: Document[], options: RunOptions = {}) {
  const target = bindingTarget(env.ARTICLES)
  const previous = Promise.all([loadPrevious(target), target.get(searchStateKeys)]).then(([state, values]) => ({
    ...state,
    search: readSearchState(values),
  }))
  return seedDocuments(documents, { ...options, previous })
}
