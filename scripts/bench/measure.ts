/**
 * Everything measured on one corpus: KV operations per request on the
 * counting build, then alternating rounds of load on our Worker and on the
 * limit Worker that repeats our responses, path by path.
 */
import { kvCost, type KvCost } from './kv-operations'
import { difference, limitWorkerScript, recordResponse } from './limit-worker'
import { benchPaths, type BenchPath } from './paths'
import { measuredRun, type Run } from './run'
import type { Runtime } from './runtime'
import { median } from './stats'

export type MeasureOptions = {
  rounds: number
  seconds: number
  connections: number
  /** Length of the warm-up run and of the hot KV count, per path. */
  warmSeconds: number
  log: (line: string) => void
}

export type Row = {
  path: string
  documents: number
  ours: number
  limit: number
  /** Median over rounds of ours ÷ limit within the round. */
  ratio: number
  p50Ms: number
  p99Ms: number
  /** workerd CPU per request, median over rounds; undefined without /proc. */
  oursCpuUs: number | undefined
  limitCpuUs: number | undefined
  /** Median over rounds of the limit's CPU per request ÷ ours: like `ratio`, 1 is as cheap as the limit. */
  cpuRatio: number | undefined
  kv: KvCost
}

const medianOf = (values: Array<number | undefined>) => (values.includes(undefined) ? undefined : median(values as number[]))

async function expectArticles(base: URL, documents: number): Promise<void> {
  const { articles } = (await (await fetch(new URL('/healthz', base))).json()) as { articles: number }
  if (articles !== documents) throw new Error(`the store holds ${articles} articles, expected ${documents}`)
}

/** Our hot answer: the one the rounds measure, from the isolate cache. */
async function recordHot(base: URL, p: BenchPath) {
  await (await fetch(new URL(p.path, base), { headers: p.headers })).arrayBuffer()
  return recordResponse(base, p.path, p.headers)
}

/** Starts the limit Worker with our recorded answers and checks it repeats them exactly. */
async function startLimit(runtime: Runtime, paths: readonly BenchPath[]): Promise<void> {
  const recorded = await Promise.all(paths.map(async (p) => recordHot(await runtime.url('ours'), p)))
  await runtime.addLimit(limitWorkerScript(recorded))
  for (const [i, p] of paths.entries()) {
    const again = await recordHot(await runtime.url('ours'), p)
    const limit = await recordResponse(await runtime.url('limit'), p.path, p.headers)
    const why = difference(recorded[i], again) ?? difference(again, limit)
    if (why) throw new Error(`${p.name}: the limit does not repeat our answer: ${why}`)
    if (again.status !== p.status) throw new Error(`${p.name}: answered ${again.status}, expected ${p.status}`)
  }
}

export async function measureCorpus(runtime: Runtime, documents: number, options: MeasureOptions): Promise<Row[]> {
  const { rounds, seconds, connections, warmSeconds, log } = options
  await expectArticles(await runtime.url('ours'), documents)
  const paths = await benchPaths(await runtime.url('ours'))

  // Found again on the counting build: its answers, and so its ETags, carry its own origin.
  const counting = await runtime.url('counting')
  const kv: KvCost[] = []
  for (const p of await benchPaths(counting)) kv.push(await kvCost(counting, p, { connections, seconds: warmSeconds }))

  await startLimit(runtime, paths)
  const targets = { ours: await runtime.url('ours'), limit: await runtime.url('limit') }
  const run = (target: keyof typeof targets, p: BenchPath, duration: number) =>
    measuredRun(new URL(p.path, targets[target]), { connections, seconds: duration, headers: p.headers })
  for (const p of paths) {
    await run('ours', p, warmSeconds)
    await run('limit', p, warmSeconds)
  }

  const results = paths.map(() => ({ ours: [] as Run[], limit: [] as Run[] }))
  for (let round = 0; round < rounds; round++) {
    // Alternate who goes first, so drift in the machine's load favours neither.
    const order = round % 2 === 0 ? (['ours', 'limit'] as const) : (['limit', 'ours'] as const)
    for (const [i, p] of paths.entries()) {
      for (const target of order) results[i][target].push(await run(target, p, seconds))
      const { ours, limit } = results[i]
      const show = (r: Run) => `${Math.round(r.perSecond)}/s${r.cpuUs === undefined ? '' : ` (${Math.round(r.cpuUs)} µs CPU)`}`
      log(`${documents} documents, round ${round + 1}/${rounds}, ${p.name}: ours ${show(ours[round])}, limit ${show(limit[round])}`)
    }
  }

  return paths.map((p, i) => {
    const { ours, limit } = results[i]
    return {
      path: p.name,
      documents,
      ours: median(ours.map((r) => r.perSecond)),
      limit: median(limit.map((r) => r.perSecond)),
      ratio: median(ours.map((r, round) => r.perSecond / limit[round].perSecond)),
      p50Ms: median(ours.map((r) => r.p50Ms)),
      p99Ms: median(ours.map((r) => r.p99Ms)),
      oursCpuUs: medianOf(ours.map((r) => r.cpuUs)),
      limitCpuUs: medianOf(limit.map((r) => r.cpuUs)),
      cpuRatio: medianOf(ours.map((r, round) => (r.cpuUs === undefined || limit[round].cpuUs === undefined ? undefined : limit[round].cpuUs! / r.cpuUs))),
      kv: kv[i],
    }
  })
}
