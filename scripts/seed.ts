/**
 * npm run seed -- [--dir seeds] [--dry-run] [--remote] [--env NAME] [--persist-to DIR] [--json] [--no-cache]
 *
 * Validates every document, then uploads what changed to Workers KV: the local
 * store `wrangler dev` reads (default) or the real namespace (--remote).
 * One bad document stops the run before anything is written. When no file has
 * changed since the last seed from this machine and the target is as that seed
 * left it, nothing is read again (see last-run.ts); --no-cache reads every file.
 */
import { parseArgs } from 'node:util'
import { lastRun } from './publish/last-run'
import { emptyPlan, isEmpty, type Plan, type Put } from './publish/plan'
import { phase } from './publish/progress'
import { readCorpus } from './publish/read-documents'
import { loadIndex, loadPrevious, seed } from './publish/seed-run'
import { wranglerTarget } from './publish/wrangler-target'

function planLines(plan: Plan): string[] {
  return plan.steps.map((step) => {
    const keys = [...step.puts.map((p) => p.key), ...step.deletes]
    const verb = step.name === 'deletes' ? 'delete' : 'put'
    return `plan ${step.name}: ${verb} ${keys.length}${keys.length ? ` (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''})` : ''}`
  })
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string', default: 'seeds' },
      'dry-run': { type: 'boolean', default: false },
      remote: { type: 'boolean', default: false },
      env: { type: 'string' },
      'persist-to': { type: 'string' },
      json: { type: 'boolean', default: false },
      'no-cache': { type: 'boolean', default: false },
    },
  })
  const quiet = values.json
  const dryRun = values['dry-run']
  const targetOptions = { remote: values.remote, persistTo: values['persist-to'], env: values.env }
  const target = wranglerTarget(targetOptions)
  const record = values['no-cache'] ? undefined : await lastRun(values.dir, JSON.stringify(targetOptions))
  // The manifest is read while the files are stat'ed and parsed: each read starts wrangler, which
  // takes seconds. After a recorded run, the small index read goes first: it may be all this run
  // needs. Failures are reported where the reads are awaited, not as unhandled rejections.
  const index = record?.found ? loadIndex(target) : undefined
  index?.catch(() => {})
  let previous = index ? undefined : loadPrevious(target)
  previous?.catch(() => {})
  record?.statFiles()

  const parsing = phase('parse', 'documents', process.stderr, quiet)
  const known = record && index ? await record.unchanged(index) : undefined
  let plan: Plan
  if (known) {
    parsing.tick(known.total, known.total)
    parsing.end('unchanged since the last seed, not read again')
    plan = emptyPlan(known, await index!)
  } else {
    previous ??= loadPrevious(target, index)
    previous.catch(() => {})
    const { corpus, files, errors } = await readCorpus(values.dir, parsing.tick)
    if (errors.length > 0) {
      for (const line of errors) console.error(line)
      console.error(`seed: ${errors.length} invalid document(s); nothing written`)
      return 1
    }
    parsing.end(`${corpus.heads.length} valid`)

    const describe = (p: Put) => {
      const id = (JSON.parse(p.value) as { id?: unknown }).id
      return typeof id === 'string' && files.has(id) ? `${values.dir}/${files.get(id)}` : p.key
    }
    const uploading = phase('upload', 'batches', process.stderr, quiet || dryRun)
    plan = await seed(corpus, target, { previous, dryRun, describe, onBatch: (_, done, total) => uploading.tick(done, total) })
    uploading.end()
    if (!dryRun || isEmpty(plan)) await record?.save(plan.index, plan.summary)
  }

  const { summary } = plan
  if (values.json) {
    console.log(JSON.stringify({ ...summary, dry_run: dryRun, remote: values.remote }))
  } else {
    if (dryRun) for (const line of planLines(plan)) console.log(line)
    console.log(
      `seed${dryRun ? ' (dry run, nothing written)' : ''}: ${summary.added} added, ${summary.updated} updated, ` +
        `${summary.unchanged} unchanged, ${summary.deleted} deleted; ${summary.total} articles, version ${summary.version.slice(0, 12)}`,
    )
  }
  return 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One readable line, never a stack trace.
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
