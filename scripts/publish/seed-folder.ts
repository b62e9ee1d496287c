/**
 * A folder of documents seeded into a target, as `npm run seed` runs it: the
 * manifest read while the files are stat'ed and parsed, nothing read again
 * when the last run's record shows nothing can have changed (last-run.ts),
 * all or nothing on bad documents, then the plan applied (seed-run.ts).
 * The command line only chooses the target and prints the outcome.
 */
import { lastRun } from './last-run'
import type { IndexState } from './manifest'
import { type AnswerSource, emptyPlan, type ImageSource, isEmpty, type Plan } from './plan'
import { type Phase, phase } from './progress'
import type { LazyPut } from './put'
import { readCorpus } from './read-documents'
import { loadIndex, loadPrevious, seed } from './seed-run'
import type { Target } from './target'
import { nowTimestamp } from '../../src/shared/timestamp'

/** What names a target in this machine's record of the last run: the local store's folder or the remote namespace, and the environment. */
export type TargetName = { remote: boolean; persistTo?: string; env?: string }

export type SeedFolderOptions = {
  dir: string
  /** The target's name in this machine's record of the last run; without one, no record is read or kept (--no-cache). */
  record?: TargetName
  dryRun?: boolean
  /** Where each phase reports its progress; none when absent. */
  progress?: NodeJS.WriteStream
  /** Link-preview images; none when absent (`--no-images`). */
  images?: ImageSource
  /** The article answers to prepare; none when absent. */
  answers?: AnswerSource
  /** Build the search index again from every article (`--rebuild-search`). */
  rebuildSearch?: boolean
  /** AUTHOR_NAME, when the site has one: the author of articles without a `By:` line (facets.ts). */
  siteAuthor?: string
}

export type SeedFolderResult =
  /** Every bad document, one `file: reason` line each; nothing was written. */
  | { errors: string[] }
  /** `read` is false when the files were only stat'ed: unchanged since the last run, so the plan is empty. */
  | { plan: Plan; read: boolean }

export async function seedFolder(target: Target, options: SeedFolderOptions): Promise<SeedFolderResult> {
  const { dir, dryRun = false, progress, images, answers } = options
  // A run with images and one without leave different stores from the same files: each has its own record.
  const record = options.record && (await lastRun(dir, JSON.stringify({ ...options.record, images: images !== undefined })))
  // The manifest is read while the files are stat'ed and parsed: remotely each read starts wrangler,
  // which takes seconds. After a recorded run, the small index read goes first: it may be all this run
  // needs. Failures are reported where the reads are awaited, not as unhandled rejections.
  const index = record?.found ? loadIndex(target) : undefined
  index?.catch(() => {})
  let previous = index ? undefined : loadPrevious(target)
  previous?.catch(() => {})
  record?.statFiles()

  const parsing = phase('parse', 'documents', progress, !progress)
  const known = record && index && !options.rebuildSearch ? await record.unchanged(index) : undefined
  // With images, the store must also hold this site's image: a new site name or renderer redraws every one.
  // With answers, they must have been made for this site and these renderers: else every one is made again.
  const current = (stored: IndexState) =>
    (!images || stored.site_image === images.site) && (!answers || stored.answers === answers.fingerprint)
  if (known && current(await index!)) {
    parsing.tick(known.total, known.total)
    parsing.end('unchanged since the last seed, not read again')
    return { plan: emptyPlan(known, await index!), read: false }
  }

  previous ??= loadPrevious(target)
  previous.catch(() => {})
  // One clock for the run: no `Updated:` line read is later than the time the plan stamps.
  const now = nowTimestamp()
  const { corpus, files, errors } = await readCorpus(dir, parsing.tick, now)
  if (errors.length > 0) return { errors }
  parsing.end(`${corpus.heads.length} valid`)

  const describe = (p: LazyPut) => (p.origin !== undefined && files.has(p.origin) ? `${dir}/${files.get(p.origin)}` : p.key)
  let drawing: Phase | undefined
  let uploading: Phase | undefined
  const plan = await seed(corpus, target, {
    now,
    previous,
    dryRun,
    describe,
    images,
    answers,
    rebuildSearch: options.rebuildSearch,
    siteAuthor: options.siteAuthor,
    onDrawn(done, total) {
      drawing ??= phase('draw', 'images', progress, !progress)
      drawing.tick(done, total)
    },
    onBatch(_, done, total) {
      drawing?.end()
      drawing = undefined
      uploading ??= phase('upload', 'batches', progress, !progress)
      uploading.tick(done, total)
    },
  })
  drawing?.end()
  uploading?.end()
  if (!dryRun || isEmpty(plan)) await record?.save(plan.index, plan.summary)
  return { plan, read: true }
}
