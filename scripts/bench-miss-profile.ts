/**
 * npx tsx scripts/bench-miss-profile.ts [--count N] [--rounds N] [--seconds S] [--connections N]
 *
 * Where a long-tail miss's time goes (issue 12): the long tail of `npm run bench`
 * (requests spread at random over every article, our Worker answering each as a
 * miss, against the bare read of the same key), with a V8 CPU profile of each
 * Worker taken through workerd's inspector during every run. Both Workers are
 * bundled unminified, so functions keep their source names. Prints, per path,
 * the busy µs per request of each function (its self time, median over the
 * rounds) for ours and the bare read, then the totals: all busy JavaScript, and
 * workerd's whole CPU, KV and HTTP included. Nothing is written.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleBenchWorkers } from './bench/bundle'
import { longTailScripts } from './bench/long-tail'
import { LONG_TAIL_WARM } from './bench/measure'
import { articleSlugs } from './bench/paths'
import { attachProfiler, selfTimes } from './bench/profile'
import { measuredRun } from './bench/run'
import { startRuntime } from './bench/runtime'
import { seedCorpus } from './bench/seed-corpus'
import { median } from './bench/stats'
import { parseCommandLine, positiveOption, runCommand } from './cli/command-line'

const COMMAND = {
  name: 'bench-miss-profile',
  usage: 'npx tsx scripts/bench-miss-profile.ts [options]',
  about: "Profiles the long tail's miss and the bare read of the same keys in workerd; prints each function's µs per request.",
  options: {
    count: { type: 'string', value: 'N', default: '10000', help: 'articles generated and seeded' },
    rounds: { type: 'string', value: 'N', default: '3', help: 'profiled runs per Worker and path, alternating' },
    seconds: { type: 'string', value: 'S', default: '10', help: 'seconds of load per run' },
    connections: { type: 'string', value: 'N', default: '8', help: 'concurrent connections' },
    top: { type: 'string', value: 'N', default: '20', help: 'functions listed per path' },
  },
} as const

const SIDES = ['misses', 'bare'] as const
type Side = (typeof SIDES)[number]
type Measured = { functions: Map<string, number>; busy: number; cpu: number | undefined }

async function main(): Promise<number> {
  const values = parseCommandLine(COMMAND)
  const count = positiveOption('count', values.count)
  const rounds = positiveOption('rounds', values.rounds)
  const seconds = positiveOption('seconds', values.seconds)
  const connections = positiveOption('connections', values.connections)
  const top = positiveOption('top', values.top)
  const work = await mkdtemp(join(tmpdir(), 'miss-profile-'))
  try {
    const { scripts } = await bundleBenchWorkers(work, { minify: false })
    const runtime = await startRuntime(join(work, 'store'), scripts, { inspector: true })
    try {
      await seedCorpus(await runtime.url('seeder'), join(work, 'documents'), count, 'bench', await runtime.url('misses'))
      const tails = await longTailScripts(work, await articleSlugs(await runtime.url('ours')))
      const urls = { misses: await runtime.url('misses'), bare: await runtime.url('bare') }
      const load = (side: Side, script: string, duration: number) =>
        measuredRun(new URL('/', urls[side]), { connections, seconds: duration, headers: {}, script })
      for (let pass = 0; pass < LONG_TAIL_WARM.passes; pass++)
        for (const { script } of tails) for (const side of SIDES) await load(side, script, LONG_TAIL_WARM.seconds)

      for (const { name, script } of tails) {
        const runs: Record<Side, Measured[]> = { misses: [], bare: [] }
        for (let round = 0; round < rounds; round++) {
          for (const side of round % 2 === 0 ? SIDES : [...SIDES].reverse()) {
            // 50 µs: a miss's smaller steps take a few µs each, so each is sampled often enough over a run.
            const profiler = await attachProfiler(runtime.inspectorPort!, side, 50)
            let run: Awaited<ReturnType<typeof load>> | undefined
            const profile = await profiler.during(async () => {
              run = await load(side, script, seconds)
            })
            profiler.close()
            const times = selfTimes(profile, run!.requests)
            runs[side].push({
              functions: new Map(times.map(({ name, us }) => [name, us])),
              busy: times.reduce((sum, { us }) => sum + us, 0),
              cpu: run!.cpuUs,
            })
            console.error(`${name}, round ${round + 1}/${rounds}, ${side}: ${Math.round(run!.perSecond)}/s`)
          }
        }
        console.log(table(name, count, runs, top))
      }
    } finally {
      await runtime.dispose()
    }
    return 0
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

const us = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(1))

function table(name: string, count: number, runs: Record<Side, Measured[]>, top: number): string {
  const of = (side: Side, fn: string) => median(runs[side].map((r) => r.functions.get(fn) ?? 0))
  const names = [...new Set(SIDES.flatMap((side) => runs[side].flatMap((r) => [...r.functions.keys()])))]
  const rows = names
    .map((fn) => ({ fn, misses: of('misses', fn), bare: of('bare', fn) }))
    .sort((a, b) => Math.max(b.misses, b.bare) - Math.max(a.misses, a.bare))
    .slice(0, top)
  const total = (side: Side, pick: (m: Measured) => number | undefined) => {
    const figures = runs[side].map(pick).filter((n): n is number => n !== undefined)
    return figures.length > 0 ? median(figures) : undefined
  }
  return [
    `\n### Long tail, ${name}, ${count.toLocaleString('en-US')} articles: busy µs per request (median of ${runs.misses.length} profiled runs)\n`,
    '| Function (self time) | Ours, a miss | The bare read |',
    '| --- | ---: | ---: |',
    ...rows.map(({ fn, misses, bare }) => `| \`${fn}\` | ${us(misses)} | ${us(bare)} |`),
    `| **all busy JavaScript** | ${us(total('misses', (m) => m.busy))} | ${us(total('bare', (m) => m.busy))} |`,
    `| **workerd CPU, all of it** | ${us(total('misses', (m) => m.cpu))} | ${us(total('bare', (m) => m.cpu))} |`,
  ].join('\n')
}

runCommand(COMMAND.name, main)
