/** The performance targets, checked against a run's figures. */
import type { Bundle } from './bundle'
import type { Pairing, Row } from './measure'
import { change } from './stats'

export const TARGETS = {
  /** Our req/s as a share of the limit's, every path. */
  minRatio: 0.95,
  maxHotKvOperations: 0,
  maxColdKvOperations: 1,
  /** A search with nothing cached (issue 13): a term dictionary chunk, then the postings it points to. */
  maxColdSearchKvOperations: 2,
  /** Largest change of req/s or ratio from the smallest corpus to the largest. */
  maxScalingChange: 0.1,
  maxGzipBytes: 100 * 1024,
  /** A miss (the long tail) against a bare read of the same KV key: cost per request, at most. */
  maxMissCost: 1.1,
}

/** What a miss costs per request as a multiple of the bare read's, by throughput and by CPU (undefined without /proc). */
export const missCost = (p: Pairing) => ({ throughput: 1 / p.ratio, cpu: p.cpuRatio === undefined ? undefined : 1 / p.cpuRatio })

export type Verdict = { target: string; measured: string; met: boolean }

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const defined = (values: Array<number | undefined>) => values.filter((v): v is number => v !== undefined)

/**
 * The ratio our hot handler's extra cost allows: the limit's CPU per whole
 * request against that plus what our handler spends beyond the limit's.
 */
export function allowedRatio(row: Row): number | undefined {
  if (!row.handler || row.limitCpuUs === undefined) return undefined
  return row.limitCpuUs / (row.limitCpuUs + row.handler.oursUs - row.handler.limitUs)
}

/** The rows of the smallest and the largest corpus, path by path. */
export function scalingPairs(rows: readonly Row[]): Array<[Row, Row]> {
  const sizes = [...new Set(rows.map((r) => r.documents))].sort((a, b) => a - b)
  if (sizes.length < 2) return []
  const at = (size: number) => rows.filter((r) => r.documents === size)
  const large = at(sizes[sizes.length - 1])
  return at(sizes[0]).map((small) => [small, large.find((r) => r.path === small.path)!])
}

function ratioVerdict(what: string, ratios: number[]): Verdict[] {
  if (ratios.length === 0) return []
  const worst = Math.min(...ratios)
  return [
    {
      target: `every path at ≥ ${TARGETS.minRatio} of the limit (${what})`,
      measured: `lowest ${worst.toFixed(3)}`,
      met: worst >= TARGETS.minRatio,
    },
  ]
}

function scalingVerdict(what: string, changes: number[]): Verdict[] {
  if (changes.length === 0) return []
  const worst = Math.max(...changes.map(Math.abs))
  return [
    {
      target: `${what} of the largest corpus within ${pct(TARGETS.maxScalingChange)} of the smallest`,
      measured: `largest change ${pct(worst)}`,
      met: worst <= TARGETS.maxScalingChange,
    },
  ]
}

function missVerdict(what: string, costs: number[]): Verdict[] {
  if (costs.length === 0) return []
  const worst = Math.max(...costs)
  return [
    {
      target: `a miss at most ${TARGETS.maxMissCost}× a bare KV read (${what})`,
      measured: `highest ${worst.toFixed(3)}×`,
      met: worst <= TARGETS.maxMissCost,
    },
  ]
}

export function verdicts(rows: readonly Row[], longTail: readonly Pairing[], bundle: Bundle): Verdict[] {
  const hot = Math.max(...rows.map((r) => r.kv.hotPerRequest))
  // A row's path is its name (measure.ts).
  const isSearch = (r: Row) => r.path.startsWith('search')
  const cold = Math.max(...rows.filter((r) => !isSearch(r)).map((r) => r.kv.cold))
  const searchRows = rows.filter(isSearch)
  const coldSearch = Math.max(...searchRows.map((r) => r.kv.cold))
  const pairs = scalingPairs(rows)
  const cpuChanges = pairs.flatMap(([a, b]) =>
    a.measuredCpuUs === undefined || b.measuredCpuUs === undefined ? [] : [change(a.measuredCpuUs, b.measuredCpuUs)],
  )
  const allowedChanges = pairs.flatMap(([a, b]) => {
    const [before, after] = [allowedRatio(a), allowedRatio(b)]
    return before === undefined || after === undefined ? [] : [change(before, after)]
  })
  return [
    ...ratioVerdict(
      'req/s',
      rows.map((r) => r.ratio),
    ),
    ...ratioVerdict('CPU per request', defined(rows.map((r) => r.cpuRatio))),
    ...ratioVerdict("the hot handler's extra CPU, measured in a loop", defined(rows.map(allowedRatio))),
    {
      target: 'no KV operation on a hot request',
      measured: `at most ${hot.toFixed(4)} per request`,
      met: hot <= TARGETS.maxHotKvOperations,
    },
    {
      target: `at most ${TARGETS.maxColdKvOperations} KV operation on a cold request`,
      measured: `at most ${cold}`,
      met: cold <= TARGETS.maxColdKvOperations,
    },
    ...(searchRows.length > 0
      ? [
          {
            target: `at most ${TARGETS.maxColdSearchKvOperations} KV operations on a search with nothing cached`,
            measured: `${coldSearch}`,
            met: coldSearch <= TARGETS.maxColdSearchKvOperations,
          },
        ]
      : []),
    ...scalingVerdict(
      'req/s and ratios',
      pairs.flatMap(([a, b]) => [change(a.measured, b.measured), change(a.ratio, b.ratio)]),
    ),
    ...scalingVerdict('CPU per request', cpuChanges),
    ...scalingVerdict("ratios the hot handler's extra CPU allows", allowedChanges),
    ...missVerdict(
      'req/s',
      longTail.map((p) => missCost(p).throughput),
    ),
    ...missVerdict('CPU per request', defined(longTail.map((p) => missCost(p).cpu))),
    {
      target: `Worker bundle under ${TARGETS.maxGzipBytes / 1024} KiB gzipped`,
      measured: `${(bundle.gzipBytes / 1024).toFixed(1)} KiB`,
      met: bundle.gzipBytes < TARGETS.maxGzipBytes,
    },
  ]
}
