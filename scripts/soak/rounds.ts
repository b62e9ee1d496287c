/** The soak in rounds of load, the isolate's heap read after a full collection before the first and after each, CPU counted around each. */
import { workerdCpuSeconds } from '../bench/cpu'
import { heapAfterCollection, type Heap } from './heap'
import { load, type Load } from './load'
import type { SoakRequest } from './mix'
import type { Running } from './worker'

export type Soak = Load & { heaps: Heap[]; workerdCpuSeconds: number | undefined; clientCpuSeconds: number }

const log = (line: string) => process.stderr.write(`${line}\n`)

export async function soak(worker: Running, mix: SoakRequest[], connections: number, seconds: number, rounds: number): Promise<Soak> {
  const total: Soak = {
    requests: 0,
    seconds: 0,
    errors: [],
    statuses: new Map(),
    latenciesMs: [],
    heaps: [],
    workerdCpuSeconds: 0,
    clientCpuSeconds: 0,
  }
  total.heaps.push(await heapAfterCollection(worker.inspector))
  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}: ${mix.length} requests in the mix, ${connections} connections, ${seconds / rounds} s`)
    const [cpuBefore, clientBefore] = [await workerdCpuSeconds(), process.cpuUsage()]
    const run = await load(worker.url, mix, connections, seconds / rounds)
    const [cpuAfter, client] = [await workerdCpuSeconds(), process.cpuUsage(clientBefore)]
    total.requests += run.requests
    total.seconds += run.seconds
    total.errors.push(...run.errors)
    for (const [status, count] of run.statuses) total.statuses.set(status, (total.statuses.get(status) ?? 0) + count)
    for (const ms of run.latenciesMs) total.latenciesMs.push(ms)
    total.workerdCpuSeconds =
      cpuBefore === undefined || cpuAfter === undefined ? undefined : total.workerdCpuSeconds! + cpuAfter - cpuBefore
    total.clientCpuSeconds += (client.user + client.system) / 1e6
    total.heaps.push(await heapAfterCollection(worker.inspector))
  }
  total.latenciesMs.sort((a, b) => a - b)
  return total
}
