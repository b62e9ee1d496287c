/**
 * Where a Worker's CPU goes under load: a V8 CPU profile taken through
 * workerd's inspector while wrk loads one path. Busy samples split into the
 * Worker's own JavaScript (functions of its script) and the runtime's part:
 * building the Response, HTTP, garbage collection.
 */
import WebSocket from 'ws'
import type { BenchPath } from './paths'
import { measuredRun } from './run'
import type { Runtime } from './runtime'

type CallFrame = { functionName: string; url: string }
type CpuProfile = { nodes: Array<{ id: number; callFrame: CallFrame }>; samples: number[]; timeDeltas: number[] }

export type ProfileShare = {
  /** Share of busy samples in the Worker's own functions, 0–1. */
  ownJs: number
}

/** Samples that are neither work nor attributable: waiting, and the profiler's own root. */
const NOT_BUSY = new Set(['(idle)', '(root)'])

function shareOf(profile: CpuProfile): ProfileShare {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  let busy = 0
  let own = 0
  profile.samples.forEach((id, i) => {
    const frame = frames.get(id)!
    const microseconds = profile.timeDeltas[i] ?? 0
    if (NOT_BUSY.has(frame.functionName)) return
    busy += microseconds
    // Built-ins (Response, Headers) and V8's pseudo-frames have no script URL.
    if (frame.url !== '') own += microseconds
  })
  return { ownJs: busy ? own / busy : 0 }
}

type Profiler = { during(work: () => Promise<unknown>): Promise<CpuProfile>; close(): void }

/** Attaches to one Worker of the workerd whose inspector listens on `port`. */
async function attachProfiler(port: number, workerName: string): Promise<Profiler> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    title: string
    webSocketDebuggerUrl: string
  }>
  const target = targets.find((t) => t.title.endsWith(`core:user:${workerName}`))
  if (!target) throw new Error(`no inspector target for the Worker ${workerName}`)
  const socket = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const pending = new Map<number, (result: unknown) => void>()
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown }
    if (message.id !== undefined) pending.get(message.id)?.(message.result)
  })
  let lastId = 0
  const send = <T>(method: string, params = {}) =>
    new Promise<T>((resolve) => {
      pending.set(++lastId, resolve as (result: unknown) => void)
      socket.send(JSON.stringify({ id: lastId, method, params }))
    })
  await send('Profiler.enable')
  // 100 µs: a request costs about that, so most requests are sampled at least once.
  await send('Profiler.setSamplingInterval', { interval: 100 })
  return {
    async during(work) {
      await send('Profiler.start')
      await work()
      const { profile } = await send<{ profile: CpuProfile }>('Profiler.stop')
      return profile
    },
    close: () => socket.close(),
  }
}

export type ProfiledPath = { ours: ProfileShare; limit: ProfileShare }

/** One profiled run of each Worker per path, apart from the timed rounds: sampling costs CPU too. */
export async function profileWorkers(
  runtime: Runtime,
  paths: readonly BenchPath[],
  connections: number,
  seconds: number,
): Promise<ProfiledPath[]> {
  if (runtime.inspectorPort === undefined) throw new Error('profiling needs a runtime started with an inspector')
  const profilers = {
    ours: await attachProfiler(runtime.inspectorPort, 'ours'),
    limit: await attachProfiler(runtime.inspectorPort, 'limit'),
  }
  const urls = { ours: await runtime.url('ours'), limit: await runtime.url('limit') }
  try {
    const shares: ProfiledPath[] = []
    for (const p of paths) {
      const during = (target: 'ours' | 'limit') =>
        profilers[target].during(() => measuredRun(new URL(p.path, urls[target]), { connections, seconds, headers: p.headers }))
      shares.push({ ours: shareOf(await during('ours')), limit: shareOf(await during('limit')) })
    }
    return shares
  } finally {
    profilers.ours.close()
    profilers.limit.close()
  }
}
