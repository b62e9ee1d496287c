/**
 * One request through the Worker's own fetch handler, with every KV operation
 * it makes recorded by the benchmark's counting wrapper around the real binding.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { countingKv, type KvOperation } from '../../scripts/bench/counting-kv'
import worker from '../../src/index'
import { ORIGIN } from './http'

export type Measured = { status: number; headers: Array<[string, string]>; body: Uint8Array; operations: KvOperation[] }

export async function measured(path: string, headers: Record<string, string> = {}): Promise<Measured> {
  const operations: KvOperation[] = []
  const countedEnv = { ...env, ARTICLES: countingKv(env.ARTICLES, (operation) => operations.push(operation)) }
  const request = new Request(new URL(path, ORIGIN), { headers }) as Parameters<typeof worker.fetch>[0]
  const ctx = createExecutionContext()
  const response = await worker.fetch(request, countedEnv, ctx)
  const body = new Uint8Array(await response.arrayBuffer())
  await waitOnExecutionContext(ctx)
  return { status: response.status, headers: [...response.headers].sort(), body, operations }
}
