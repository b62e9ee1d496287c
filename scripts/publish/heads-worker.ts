/** A worker thread's share of readCorpus: the heads of the files it is given, in order. */
import { parentPort, workerData } from 'node:worker_threads'
import type { DocumentHead } from './document/derive'
import { headLoader, type Loaded, loadInOrder } from './load-files'

/** What the thread posts: progress, then its share's heads. */
export type HeadsMessage = { loaded: number } | { results: Array<Loaded<DocumentHead>> }

const { dir, names, now } = workerData as { dir: string; names: string[]; now?: string }
const post = (message: HeadsMessage) => parentPort!.postMessage(message)
post({ results: await loadInOrder(dir, names, headLoader(now), (loaded) => post({ loaded })) })
