/** One measured run: wrk's figures, plus the CPU workerd spent answering it. */
import { workerdCpuSeconds } from './cpu'
import { load, type LoadOptions, type LoadResult } from './load'

export type Run = LoadResult & {
  /** workerd CPU per request in µs; undefined without /proc. */
  cpuUs: number | undefined
}

/** Only the Worker under load is busy meanwhile, so workerd's CPU time is its cost. */
export async function measuredRun(url: URL, options: LoadOptions): Promise<Run> {
  const before = await workerdCpuSeconds()
  const result = await load(url, options)
  const after = await workerdCpuSeconds()
  const cpuUs = before === undefined || after === undefined ? undefined : ((after - before) / result.requests) * 1e6
  return { ...result, cpuUs }
}
