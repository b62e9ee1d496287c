/**
 * Runs a seed against a target: read the manifest once, plan, make ready the
 * preview images the plan reads, and apply the plan's steps batch by batch,
 * retrying a failed batch with backoff.
 */
import type { Document } from '../../src/shared/records'
import { nowTimestamp } from '../../src/shared/timestamp'
import { batchDeletes, batchPuts } from './batches'
import { MANIFEST_INDEX_KEY, manifestKeys, readPreviousState, storedIndexState, type IndexState, type PreviousState } from './manifest'
import { type AnswerSource, type Corpus, type ImageSource, type Plan, planSeed } from './plan'
import type { LazyPut } from './put'
import { readSearchState, type SearchState, searchStateKeys } from './search/state'
import { PermanentError, type Target } from './target'

/** The previous state a seed plans against: the manifest's and the search index's. */
export type SeedState = PreviousState & { search: SearchState }

export type RunOptions = {
  now?: string
  /** The target's previous state, when the caller started reading it early (remotely, a wrangler run). */
  previous?: Promise<SeedState>
  dryRun?: boolean
  /** Names a key's source for error messages (the file a value came from). */
  describe?: (put: LazyPut) => string
  retries?: number
  backoffMs?: number
  onBatch?: (step: string, done: number, total: number) => void
  /** Link-preview images: none without it (see ImageSource). */
  images?: ImageSource
  /** The article answers to prepare: none without it (see AnswerSource). */
  answers?: AnswerSource
  /** Build the search index again from every article. */
  rebuildSearch?: boolean
  /** AUTHOR_NAME, when the site has one (see PlanOptions). */
  siteAuthor?: string
  /** How many of the images the plan reads that were not drawn yet are drawn. */
  onDrawn?: (done: number, total: number) => void
}

/** The manifest's index alone: a small read, all an unchanged re-seed needs (see last-run.ts). */
export async function loadIndex(target: Target): Promise<IndexState> {
  // As stored: the sealed count is not checked against the bounds chunks, which this read leaves out.
  return storedIndexState(await withRetry(() => target.get([MANIFEST_INDEX_KEY])))
}

/** What the last seed left: the whole manifest and the search index's state, in one read. */
export async function loadPrevious(target: Target): Promise<SeedState> {
  const values = await withRetry(() => target.get([...manifestKeys, ...searchStateKeys]))
  // The heads of the facets a plan touches, read when it knows which (facets.ts).
  const facetHeads = (keys: readonly string[]) => withRetry(() => target.get(keys))
  return { ...readPreviousState(values), facetHeads, search: readSearchState(values) }
}

/** Retries a failed read or batch with exponential backoff (a 429 or a 5xx from the API); a permanent failure at once. */
async function withRetry<T>(attempt: () => Promise<T>, retries = 3, backoffMs = 1000): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      if (n >= retries || error instanceof PermanentError) throw error
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** n))
    }
  }
}

/** Applies a plan in order, its images already made ready (see seed). Batches are checked against KV's limits before the first write. */
export async function applyPlan(plan: Omit<Plan, 'images' | 'notices'>, target: Target, options: RunOptions = {}): Promise<void> {
  const { retries = 3, backoffMs = 1000, describe } = options
  const work = plan.steps.map((step) => ({
    name: step.name,
    puts: batchPuts(step.puts, describe),
    deletes: batchDeletes(step.deletes),
  }))
  // Progress counts batches across the whole run, so a bar fills once.
  const total = work.reduce((n, step) => n + step.puts.length + step.deletes.length, 0)
  let done = 0
  for (const step of work) {
    for (const batch of step.puts) {
      await withRetry(() => target.put(batch), retries, backoffMs)
      options.onBatch?.(step.name, ++done, total)
    }
    for (const batch of step.deletes) {
      await withRetry(() => target.delete(batch), retries, backoffMs)
      options.onBatch?.(step.name, ++done, total)
    }
  }
}

/** Plans against the target's manifest and, unless a dry run, draws the images it reads and applies it. */
export async function seed(documents: readonly Document[] | Corpus, target: Target, options: RunOptions = {}): Promise<Plan> {
  const now = options.now ?? nowTimestamp()
  const { images, answers, dryRun } = options
  const previous = await (options.previous ?? loadPrevious(target))
  const plan = await planSeed(documents, previous, now, {
    values: !dryRun,
    images,
    answers,
    rebuildSearch: options.rebuildSearch,
    siteAuthor: options.siteAuthor,
  })
  if (!dryRun) {
    // Before the first batch: batching reads every value to measure it.
    await images?.prepare(plan.images, options.onDrawn)
    await applyPlan(plan, target, options)
  }
  return plan
}
