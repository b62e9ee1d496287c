/**
 * npm run seed -- [--dir seeds] [--dry-run] [--remote] [--env NAME] [--persist-to DIR] [--json]
 *
 * Validates every document, then uploads what changed to Workers KV: the local
 * store `wrangler dev` reads (default) or the real namespace (--remote).
 * One bad document stops the run before anything is written.
 */
import { parseArgs } from 'node:util'
import { readCorpus } from './lib/read-documents'
import { seed } from './lib/seed-run'
import { wranglerTarget } from './lib/wrangler-target'
import { phase } from './lib/progress'
import type { Plan, Put } from './lib/plan'

function planLines(plan: Plan): string[] {
  return plan.steps.map((step) => {
    const keys = [...step.puts.map((p) => p.key), ...step.deletes]
    const verb = step.deletes.length > 0 ? 'delete' : 'put'
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
    },
  })
  const quiet = values.json

  const parsing = phase('parse', 'documents', process.stderr, quiet)
  const { corpus, files, errors } = await readCorpus(values.dir, parsing.tick)
  if (errors.length > 0) {
    for (const line of errors) console.error(line)
    console.error(`seed: ${errors.length} invalid document(s); nothing written`)
    return 1
  }
  parsing.end(`${corpus.heads.length} valid`)

  const target = wranglerTarget({ remote: values.remote, persistTo: values['persist-to'], env: values.env })
  const describe = (p: Put) => {
    const id = (JSON.parse(p.value) as { id?: unknown }).id
    return typeof id === 'string' && files.has(id) ? `${values.dir}/${files.get(id)}` : p.key
  }
  const uploading = phase('upload', 'batches', process.stderr, quiet || values['dry-run'])
  const plan = await seed(corpus, target, { dryRun: values['dry-run'], describe, onBatch: (_, done, total) => uploading.tick(done, total) })
  uploading.end()

  const { summary } = plan
  if (values.json) {
    console.log(JSON.stringify({ ...summary, dry_run: values['dry-run'], remote: values.remote }))
  } else {
    if (values['dry-run']) for (const line of planLines(plan)) console.log(line)
    console.log(
      `seed${values['dry-run'] ? ' (dry run, nothing written)' : ''}: ${summary.added} added, ${summary.updated} updated, ` +
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
