/**
 * npm run bench -- [--counts 1000,10000] [--rounds 5] [--seconds 2] [--connections 8] [--seed bench] [--profile] [--no-write]
 *
 * For each corpus size: generate the documents, seed them into a local store,
 * run the deploy bundle on workerd (Miniflare, direct sockets) beside a limit
 * Worker that repeats our own responses, load both in alternating rounds, and
 * count KV operations per request on a counting build. Prints Markdown tables
 * and writes them into docs/benchmarks.md. With --profile, also takes a V8 CPU
 * profile of both Workers on every path, to show how much of the CPU is ours.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { bundleWorker } from './bench/bundle'
import { describeMachine, loadAverage } from './bench/machine'
import { measureCorpus, type CorpusResult } from './bench/measure'
import { renderReport, writeReport } from './bench/report'
import { startRuntime } from './bench/runtime'
import { seedCorpus } from './bench/seed-corpus'
import { verdicts } from './bench/targets'

const REPORT_FILE = 'docs/benchmarks.md'
const ENTRIES = { counting: 'scripts/bench/counting-entry.ts', seeder: 'scripts/bench/seeder-entry.ts', limit: 'scripts/bench/limit-entry.ts' }

const log = (line: string) => process.stderr.write(`${line}\n`)

function positive(name: string, text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a whole number from 1, not "${text}"`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      counts: { type: 'string', default: '1000,10000' },
      rounds: { type: 'string', default: '9' },
      seconds: { type: 'string', default: '2' },
      connections: { type: 'string', default: '8' },
      seed: { type: 'string', default: 'bench' },
      profile: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  })
  const counts = values.counts.split(',').map((n) => positive('counts', n))
  const settings = {
    rounds: positive('rounds', values.rounds),
    seconds: positive('seconds', values.seconds),
    connections: positive('connections', values.connections),
    corpusSeed: values.seed,
  }
  // Before any work: it also fails plainly when wrk is missing.
  const machine = await describeMachine()

  const work = await mkdtemp(join(tmpdir(), 'bench-'))
  try {
    const [bundle, counting, seeder, limit] = await Promise.all([
      bundleWorker(join(work, 'worker')),
      ...(['counting', 'seeder', 'limit'] as const).map((name) => bundleWorker(join(work, name), ENTRIES[name])),
    ])
    log(`bundled: ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzipped`)
    const results: CorpusResult[] = []
    for (const count of counts) {
      const dir = join(work, `corpus-${count}`)
      const scripts = { ours: bundle.scriptPath, counting: counting.scriptPath, seeder: seeder.scriptPath, limit: limit.scriptPath }
      const runtime = await startRuntime(join(dir, 'store'), scripts, { inspector: values.profile })
      try {
        const started = performance.now()
        await seedCorpus(await runtime.url('seeder'), join(dir, 'documents'), count, settings.corpusSeed)
        log(`${count} documents generated and seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
        results.push(await measureCorpus(runtime, count, { ...settings, warmSeconds: 1, profile: values.profile, log }))
      } finally {
        await runtime.dispose()
      }
    }
    machine.push(`Load average when it ended: ${loadAverage()}`)
    const report = renderReport(results, bundle, verdicts(results.flatMap((r) => r.rows), bundle), settings, machine)
    console.log(report)
    if (!values['no-write']) {
      await writeReport(REPORT_FILE, report)
      log(`written to ${REPORT_FILE}`)
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  // fetch's own message is only "fetch failed"; the reason is its cause.
  const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}${cause}`)
  process.exit(1)
})
