/**
 * Everything measured on one corpus: KV operations per request and the hot
 * handler's own cost on the counting build, then alternating rounds of load
 * on our Worker and on the limit Worker that repeats our responses, path by
 * path, with a control pair (the limit against itself) that shows how far
 * noise alone moves a ratio; and the long tail, our Worker answering every
 * request as a miss against a bare read, with its own control (the bare read
 * against itself).
 */
import { handlerCost, type HandlerCost } from './handler-cost'
import { kvCost, type KvCost } from './kv-operations'
import { startLimit } from './limit-worker'
import { type FeedBytes, feedBytes } from './feed-bytes'
import { longTailScripts } from './long-tail'
import { articleSlugs, benchPaths, type BenchPath } from './paths'
import { profileWorkers, type ProfiledPath } from './profile'
import { measuredRun, type Run } from './run'
import type { Runtime, WorkerName } from './runtime'
import { median } from './stats'

export type MeasureOptions = {
  rounds: number
  seconds: number
  connections: number
  /** Length of the warm-up run and of the hot KV count, per path. */
  warmSeconds: number
  /** Also profile both Workers on every path, after the rounds (needs a runtime with an inspector). */
  profile: boolean
  log: (line: string) => void
  /** Where the corpus's files go (the long tail's request scripts). */
  dir: string
  /** Measures only the paths, long-tail ones included, whose name this accepts; the control is always run. */
  only: (name: string) => boolean
}

/** A Worker (ours, or the limit itself for the control) against the limit on one path, over the rounds. */
export type Comparison = {
  /** Median req/s of each. */
  measured: number
  limit: number
  /** Median over rounds of measured ÷ limit within the round, and the lowest and highest of them. */
  ratio: number
  range: [number, number]
  /** workerd CPU per request, median over rounds; undefined without /proc. */
  measuredCpuUs: number | undefined
  limitCpuUs: number | undefined
  /** Median over rounds of the limit's CPU per request ÷ the measured one's: like `ratio`, 1 is as cheap. */
  cpuRatio: number | undefined
  /** The measured Worker's latency, median over rounds. */
  p50Ms: number
  p99Ms: number
}

export type Row = Comparison & {
  path: string
  documents: number
  kv: KvCost
  handler: HandlerCost | undefined
  profile: ProfiledPath | undefined
}

/** A comparison that is not against the limit: the control, and the long tail against the bare read. */
export type Pairing = Comparison & { path: string; documents: number }

export type CorpusResult = {
  rows: Row[]
  control: Pairing
  longTail: Pairing[]
  /** The bare read against itself on the long tail's first path; none when no long-tail path is measured. */
  longTailControl: Pairing | undefined
  feeds: FeedBytes[]
}

/**
 * The long tail's warm-up: each of its Workers this many times in turn, this long each, before the
 * rounds. The store's reads keep getting cheaper for about the first minute of random reads
 * (docs/benchmarks.md, the long tail's warm-up), so a one-second warm-up left that fall to whichever
 * Worker ran first in the early rounds.
 */
const LONG_TAIL_WARM = { passes: 3, seconds: 3 }

type Pair = { path: BenchPath; measured: WorkerName; limit: WorkerName }

const medianOf = (values: Array<number | undefined>) => (values.includes(undefined) ? undefined : median(values as number[]))

function compare(measured: readonly Run[], limit: readonly Run[]): Comparison {
  const ratios = measured.map((r, round) => r.perSecond / limit[round].perSecond)
  return {
    measured: median(measured.map((r) => r.perSecond)),
    limit: median(limit.map((r) => r.perSecond)),
    ratio: median(ratios),
    range: [Math.min(...ratios), Math.max(...ratios)],
    measuredCpuUs: medianOf(measured.map((r) => r.cpuUs)),
    limitCpuUs: medianOf(limit.map((r) => r.cpuUs)),
    cpuRatio: medianOf(
      measured.map((r, round) => (r.cpuUs === undefined || limit[round].cpuUs === undefined ? undefined : limit[round].cpuUs! / r.cpuUs)),
    ),
    p50Ms: median(measured.map((r) => r.p50Ms)),
    p99Ms: median(measured.map((r) => r.p99Ms)),
  }
}

async function expectArticles(base: URL, documents: number): Promise<void> {
  const { articles } = (await (await fetch(new URL('/healthz', base))).json()) as { articles: number }
  if (articles !== documents) throw new Error(`the store holds ${articles} articles, expected ${documents}`)
}

export async function measureCorpus(runtime: Runtime, documents: number, options: MeasureOptions): Promise<CorpusResult> {
  const { rounds, seconds, connections, warmSeconds, log, dir, only } = options
  await expectArticles(await runtime.url('ours'), documents)
  const feeds = await feedBytes(await runtime.url('ours'))
  const every = await benchPaths(await runtime.url('ours'))
  const paths = every.filter((p) => only(p.name))

  // Found again on the counting build: its answers, and so its ETags, carry its own origin.
  const counting = await runtime.url('counting')
  const kv: KvCost[] = []
  const handler: Array<HandlerCost | undefined> = []
  for (const p of (await benchPaths(counting)).filter((p) => only(p.name))) {
    kv.push(await kvCost(counting, p, { connections, seconds: warmSeconds }))
    handler.push(await handlerCost(counting, p))
  }

  await startLimit(runtime, every)
  const workers: WorkerName[] = ['ours', 'limit', 'misses', 'bare', 'bareAgain']
  const urls = Object.fromEntries(await Promise.all(workers.map(async (name) => [name, await runtime.url(name)]))) as Record<
    WorkerName,
    URL
  >
  const run = (worker: WorkerName, p: BenchPath, duration: number) =>
    measuredRun(new URL(p.path, urls[worker]), { connections, seconds: duration, headers: p.headers, script: p.script })

  const longTail = (await longTailScripts(dir, await articleSlugs(urls.ours)))
    .filter(({ name }) => only(`long tail, ${name}`))
    .map(({ name, script }): Pair => ({ path: { name, path: '/', headers: {}, status: 200, script }, measured: 'misses', limit: 'bare' }))
  const longTailControl: Pair[] = longTail.slice(0, 1).map((pair) => ({ ...pair, measured: 'bareAgain' }))
  // The controls come last in each round, so they see the same machine as the paths.
  const pairs: Pair[] = [
    ...paths.map((path): Pair => ({ path, measured: 'ours', limit: 'limit' })),
    ...longTail,
    ...longTailControl,
    { path: every[0], measured: 'limit', limit: 'limit' },
  ]
  for (const pair of pairs.slice(0, paths.length)) {
    await run(pair.measured, pair.path, warmSeconds)
    await run(pair.limit, pair.path, warmSeconds)
  }
  const tailWorkers = [...new Set([...longTail, ...longTailControl].flatMap((pair) => [pair.measured, pair.limit]))]
  for (let pass = 0; pass < LONG_TAIL_WARM.passes; pass++)
    for (const pair of longTail) for (const worker of tailWorkers) await run(worker, pair.path, LONG_TAIL_WARM.seconds)
  const results = pairs.map(() => ({ measured: [] as Run[], limit: [] as Run[] }))
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so drift in the machine's load favours neither.
    const order = round % 2 === 0 ? (['measured', 'limit'] as const) : (['limit', 'measured'] as const)
    for (const [i, pair] of pairs.entries()) {
      for (const side of order) results[i][side].push(await run(pair[side], pair.path, seconds))
      const show = (r: Run) => `${Math.round(r.perSecond)}/s${r.cpuUs === undefined ? '' : ` (${Math.round(r.cpuUs)} µs CPU)`}`
      log(
        `${documents} documents, round ${round + 1}/${rounds}, ${pair.path.name}: ${pair.measured} ${show(results[i].measured[round])}, limit ${show(results[i].limit[round])}`,
      )
    }
  }

  const profiles = options.profile ? await profileWorkers(runtime, paths, connections, seconds) : undefined
  const rows = paths.map((p, i) => ({
    path: p.name,
    documents,
    ...compare(results[i].measured, results[i].limit),
    kv: kv[i],
    handler: handler[i],
    profile: profiles?.[i],
  }))
  const pairing = (i: number): Pairing => ({ path: pairs[i].path.name, documents, ...compare(results[i].measured, results[i].limit) })
  return {
    rows,
    longTail: longTail.map((_, i) => pairing(paths.length + i)),
    longTailControl: longTailControl.length > 0 ? pairing(paths.length + longTail.length) : undefined,
    control: pairing(pairs.length - 1),
    feeds,
  }
}
