/**
 * CPU per call of our hot handler and of the limit's, from the counting
 * build's handler loop: each loop's workerd CPU time over its calls, the two
 * alternating, median of a few loops each. A tight loop has none of the noise
 * of sending requests, so it resolves differences of a microsecond.
 */
import { HANDLER_LOOP_PATH } from './control-paths'
import { workerdCpuSeconds } from './cpu'
import type { BenchPath } from './paths'
import { median } from './stats'

export type HandlerCost = { oursUs: number; limitUs: number }

const CALLS = 50_000
const LOOPS = 3

async function microsecondsPerCall(counting: URL, p: BenchPath, worker: 'ours' | 'limit'): Promise<number | undefined> {
  const url = new URL(HANDLER_LOOP_PATH, counting)
  url.search = new URLSearchParams({ path: p.path, calls: String(CALLS), worker }).toString()
  const before = await workerdCpuSeconds()
  const response = await fetch(url, { headers: p.headers })
  if (response.status !== 204) throw new Error(`${p.name}: the handler loop answered ${response.status}`)
  const after = await workerdCpuSeconds()
  return before === undefined || after === undefined ? undefined : ((after - before) / CALLS) * 1e6
}

/** Undefined without /proc, where workerd's CPU time cannot be read. */
export async function handlerCost(counting: URL, p: BenchPath): Promise<HandlerCost | undefined> {
  const ours: number[] = []
  const limit: number[] = []
  for (let loop = 0; loop < LOOPS; loop++) {
    const order = loop % 2 === 0 ? (['ours', 'limit'] as const) : (['limit', 'ours'] as const)
    for (const worker of order) {
      const us = await microsecondsPerCall(counting, p, worker)
      if (us === undefined) return undefined
      ;(worker === 'ours' ? ours : limit).push(us)
    }
  }
  return { oursUs: median(ours), limitUs: median(limit) }
}
