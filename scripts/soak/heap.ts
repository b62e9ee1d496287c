/** What is live in the soak's isolate: a V8 heap snapshot through the inspector, summed by kind. */
import { fetch as miniflareFetch } from 'miniflare'
import { WORKER_NAME } from './worker'

/** The isolate's V8 heap after a full collection: compiled code and type feedback, and everything else. */
export type Heap = { codeBytes: number; dataBytes: number }

type HeapSnapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] }

function heapOf(snapshot: HeapSnapshot): Heap {
  const {
    node_fields: fields,
    node_types: [types],
  } = snapshot.snapshot.meta
  const [type, size, code] = [fields.indexOf('type'), fields.indexOf('self_size'), types.indexOf('code')]
  const heap = { codeBytes: 0, dataBytes: 0 }
  for (let node = 0; node < snapshot.nodes.length; node += fields.length) {
    heap[snapshot.nodes[node + type] === code ? 'codeBytes' : 'dataBytes'] += snapshot.nodes[node + size]
  }
  return heap
}

/** A heap snapshot through the V8 inspector: taking one collects garbage first, so it holds only what is live. */
export async function heapAfterCollection(inspector: URL): Promise<Heap> {
  const target = new URL(`/core:user:${WORKER_NAME}`, inspector)
  target.protocol = 'http:'
  const socket = (await miniflareFetch(target, { headers: { upgrade: 'websocket' } })).webSocket
  if (!socket) throw new Error(`no inspector session at ${target}`)
  socket.accept()
  const chunks: string[] = []
  const done = new Promise<void>((resolve) => {
    socket.addEventListener('message', (event: { data: unknown }) => {
      const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk: string } }
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk)
      else if (message.id === 1) resolve()
    })
  })
  try {
    socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }))
    await done
    return heapOf(JSON.parse(chunks.join('')) as HeapSnapshot)
  } finally {
    socket.close()
  }
}
