/** A worker thread's share of readCorpus: the heads of the files it is given, in order. */
import { parentPort, workerData } from 'node:worker_threads'
import type { HeadsMessage } from './heads-in-worker'
import { loadHead, loadInOrder } from './load-files'

const { dir, names } = workerData as { dir: string; names: string[] }
const post = (message: HeadsMessage) => parentPort!.postMessage(message)
post({ results: await loadInOrder(dir, names, loadHead, (loaded) => post({ loaded })) })
