/**
 * KV operations per request, read from the counting build: one request right
 * after emptying its isolate cache (cold), then a burst of load (hot).
 */
import { KV_OPERATIONS_PATH, RESET_PATH } from './control-paths'
import { load, type LoadOptions } from './load'
import type { BenchPath } from './paths'

export type KvCost = { cold: number; coldMs: number; hotPerRequest: number }

async function operations(base: URL): Promise<number> {
  const { operations } = (await (await fetch(new URL(KV_OPERATIONS_PATH, base))).json()) as { operations: number }
  return operations
}

export async function kvCost(base: URL, path: BenchPath, burst: Pick<LoadOptions, 'connections' | 'seconds'>): Promise<KvCost> {
  await fetch(new URL(RESET_PATH, base))
  const started = performance.now()
  const response = await fetch(new URL(path.path, base), { headers: path.headers })
  await response.arrayBuffer()
  const coldMs = performance.now() - started
  if (response.status !== path.status) throw new Error(`${path.path}: cold answer ${response.status}, expected ${path.status}`)
  const cold = await operations(base)
  const hot = await load(new URL(path.path, base), { ...burst, headers: path.headers })
  return { cold, coldMs, hotPerRequest: ((await operations(base)) - cold) / hot.requests }
}
