/**
 * Draws cards on worker threads, one per core (or fewer for a small batch),
 * and yields the PNGs in the order of the jobs. At most a few images per
 * thread wait to be taken, so a batch of 100,000 never holds them all.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { CardJob } from './card-renderer'
import type { RenderReply, RenderRequest } from './render-worker'

const WORKER = new URL('./render-worker', import.meta.url).href
// The publisher runs under tsx, whose TypeScript loader a worker thread does not
// inherit: the worker registers it, then imports its entry.
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}) })`
/** Jobs sent to a thread before it answers: two keep it busy across a message's round trip. */
const IN_FLIGHT_PER_THREAD = 2
/** Finished images held, per thread, while an earlier one is still being drawn. */
const AHEAD_PER_THREAD = 16

export async function* renderInPool(jobs: readonly CardJob[], threads = availableParallelism()): AsyncGenerator<Uint8Array> {
  if (jobs.length === 0) return
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(BOOT, { eval: true }))
  const done = new Map<number, Uint8Array>()
  const inFlight = new Map<Worker, number>(workers.map((worker) => [worker, 0]))
  let [sent, taken] = [0, 0]
  let failure: Error | undefined
  let wake: () => void = () => {}

  const dispatch = () => {
    for (const worker of workers) {
      while (inFlight.get(worker)! < IN_FLIGHT_PER_THREAD && sent < jobs.length && sent - taken < workers.length * AHEAD_PER_THREAD) {
        worker.postMessage({ index: sent, job: jobs[sent] } satisfies RenderRequest)
        inFlight.set(worker, inFlight.get(worker)! + 1)
        sent++
      }
    }
  }
  for (const worker of workers) {
    worker.on('message', (reply: RenderReply) => {
      inFlight.set(worker, inFlight.get(worker)! - 1)
      if ('error' in reply) failure ??= new Error(`preview image ${reply.index}: ${reply.error}`)
      else done.set(reply.index, reply.png)
      dispatch()
      wake()
    })
    worker.once('error', (error) => {
      failure ??= error
      wake()
    })
    worker.once('exit', (code) => {
      failure ??= new Error(`a preview image thread stopped (exit code ${code})`)
      wake()
    })
  }

  try {
    dispatch()
    while (taken < jobs.length) {
      while (!done.has(taken) && !failure) await new Promise<void>((resolve) => (wake = resolve))
      if (failure) throw failure
      const png = done.get(taken)!
      done.delete(taken++)
      dispatch()
      yield png
    }
  } finally {
    // Ending them is expected: no 'exit' failure for it.
    for (const worker of workers) worker.removeAllListeners('exit')
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
}
