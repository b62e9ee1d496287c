/** Runs heads-worker.ts on a worker thread over a share of a folder's files. */
import { Worker } from 'node:worker_threads'
import type { DocumentHead } from './document/derive'
import type { HeadsMessage } from './heads-worker'
import type { Loaded } from './load-files'

const WORKER = new URL('./heads-worker', import.meta.url).href
// The seed runs under tsx, whose TypeScript loader a worker thread does not
// inherit: the worker registers it, then imports its entry.
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}) })`

export function headsInWorker(
  dir: string,
  names: readonly string[],
  loaded: (count: number) => void,
  now?: string,
): Promise<Array<Loaded<DocumentHead>>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { dir, names, now } })
    worker.on('message', (message: HeadsMessage) => {
      if ('loaded' in message) return loaded(message.loaded)
      resolve(message.results)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`a document reader thread stopped (exit code ${code})`)))
  })
}
