/**
 * CPU per call of our hot handler and of the limit's, from the counting
 * build's handler loop: each loop's workerd CPU time over its calls, ours and
 * the limit's alternating, the least of a few loops each. The same work can
 * only take longer than it needs (a collection of an earlier loop's garbage,
 * another process on the core), never shorter, so the least is the estimate
 * of what the work itself costs. A tight loop has none of the noise of
 * sending requests, so it resolves a microsecond.
 */
import { HANDLER_LOOP_PATH } from './control-paths'
import { workerdCpuSeconds } from './cpu'
import type { BenchPath } from './paths'

export type HandlerCost = { oursUs: number; limitUs: number }

const CALLS = 20_000
const LOOPS = 5

/** One request to the handler loop; the number of calls it made. */
async function loop(counting: URL, p: BenchPath, query: Record<string, string>): Promise<number> {
  const url = new URL(HANDLER_LOOP_PATH, counting)
  url.search = new URLSearchParams({ path: p.path, ...query }).toString()
  const response = await fetch(url, { headers: p.headers })
  if (!response.ok) throw new Error(`${p.name}: the handler loop answered ${response.status}: ${await response.text()}`)
  return response.status === 204 ? 0 : ((await response.json()) as { calls: number }).calls
}

async function microsecondsPerCall(counting: URL, p: BenchPath, worker: 'ours' | 'limit'): Promise<number | undefined> {
  await loop(counting, p, { calls: '0' })
  const before = await workerdCpuSeconds()
  const calls = await loop(counting, p, { calls: String(CALLS), worker })
  const after = await workerdCpuSeconds()
  return before === undefined || after === undefined ? undefined : ((after - before) / calls) * 1e6
}

/** Undefined without /proc, where workerd's CPU time cannot be read. */
export async function handlerCost(counting: URL, p: BenchPath): Promise<HandlerCost | undefined> {
  const ours: number[] = []
  const limit: number[] = []
  for (let round = 0; round < LOOPS; round++) {
    const order = round % 2 === 0 ? (['ours', 'limit'] as const) : (['limit', 'ours'] as const)
    for (const worker of order) {
      const us = await microsecondsPerCall(counting, p, worker)
      if (us === undefined) return undefined
      ;(worker === 'ours' ? ours : limit).push(us)
    }
  }
  return { oursUs: Math.min(...ours), limitUs: Math.min(...limit) }
}
