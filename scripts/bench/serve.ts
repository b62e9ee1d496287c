/**
 * npm run bench -- [serve] [--counts 1000,10000] [--rounds 9] [--seconds 2] [--connections 8] [--seed bench] [--only TEXT] [--profile] [--no-write]
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
import { parseCommandLine, positiveOption, runCommand } from '../cli/command-line'
import { benchmarkList } from './benchmarks'
import { bundleBenchWorkers } from './bundle'
import { describeMachine, loadAverage } from './machine'
import { measureCorpus, type CorpusResult } from './measure'
import { renderReport, writeReport } from './report'
import { seedCorpus } from './seed-corpus'
import { verdicts } from './targets'

const REPORT_FILE = 'docs/benchmarks.md'

const COMMAND = {
  name: 'bench',
  usage: 'npm run bench -- [what] [options]',
  // The default benchmark's help is the entry's: it lists the others too.
  about: [
    'what is one of:',
    benchmarkList(),
    '',
    "`npm run bench -- <what> --help` gives another's options. serve, the default: for each corpus size,",
    'generates and seeds the documents, runs the deploy bundle on workerd beside a limit Worker that repeats',
    'our own responses, loads both in alternating rounds, counts KV operations per request, prints Markdown',
    `tables and writes them into ${REPORT_FILE}. Needs wrk.`,
  ].join('\n'),
  options: {
    counts: { type: 'string', value: 'N,N', default: '1000,10000', help: 'corpus sizes, comma-separated' },
    rounds: { type: 'string', value: 'N', default: '9', help: 'alternating rounds of load per path' },
    seconds: { type: 'string', value: 'S', default: '2', help: 'seconds of load per round' },
    connections: { type: 'string', value: 'N', default: '8', help: 'concurrent connections' },
    seed: { type: 'string', value: 'S', default: 'bench', help: "the corpus generator's seed" },
    only: {
      type: 'string',
      value: 'TEXT',
      default: '',
      help: "only the paths whose name holds TEXT (the long tail's are 'long tail, article JSON' and 'long tail, article HTML')",
    },
    profile: { type: 'boolean', default: false, help: 'also take a V8 CPU profile of both Workers on every path' },
    'no-write': { type: 'boolean', default: false, help: `print the report only, do not write ${REPORT_FILE}` },
  },
} as const

const log = (line: string) => process.stderr.write(`${line}\n`)

async function main(): Promise<number> {
  const values = parseCommandLine(COMMAND)
  const counts = values.counts.split(',').map((n) => positiveOption('counts', n))
  const settings = {
    rounds: positiveOption('rounds', values.rounds),
    seconds: positiveOption('seconds', values.seconds),
    connections: positiveOption('connections', values.connections),
    corpusSeed: values.seed,
  }
  // Before any work: it also fails plainly when wrk is missing.
  const machine = await describeMachine()

  const work = await mkdtemp(join(tmpdir(), 'bench-'))
  try {
    const { ours: bundle, scripts } = await bundleBenchWorkers(work)
    log(`bundled: ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzipped`)
    const results: CorpusResult[] = []
    for (const count of counts) {
      const dir = join(work, `corpus-${count}`)
      // Miniflare loads here, not at start: --help and a bad option answer without it.
      const { startRuntime } = await import('./runtime')
      const runtime = await startRuntime(join(dir, 'store'), scripts, { inspector: values.profile })
      try {
        const started = performance.now()
        // Answers prepared for the long tail's Worker, whose every request is a miss.
        await seedCorpus(await runtime.url('seeder'), join(dir, 'documents'), count, settings.corpusSeed, await runtime.url('misses'))
        log(`${count} documents generated and seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`)
        const only = (name: string) => name.includes(values.only)
        results.push(await measureCorpus(runtime, count, { ...settings, warmSeconds: 1, profile: values.profile, only, log, dir }))
      } finally {
        await runtime.dispose()
      }
    }
    machine.push(`Load average when it ended: ${loadAverage()}`)
    const report = renderReport(
      results,
      bundle,
      verdicts(
        results.flatMap((r) => r.rows),
        results.flatMap((r) => r.longTail),
        bundle,
      ),
      settings,
      machine,
    )
    console.log(report)
    // A partial run would replace the whole report with its few rows.
    if (values.only) log(`--only: not written to ${REPORT_FILE}`)
    else if (!values['no-write']) {
      await writeReport(REPORT_FILE, report)
      log(`written to ${REPORT_FILE}`)
    }
    return 0
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

runCommand(COMMAND.name, main)
