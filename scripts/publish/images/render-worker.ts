/** A worker thread of the render pool: draws the cards it is sent, one at a time, and posts each PNG back. */
import { parentPort } from 'node:worker_threads'
import { type CardJob, createCardRenderer } from './card-renderer'

/** What the pool sends: a card to draw, numbered. */
export type RenderRequest = { index: number; job: CardJob }
/** What the thread posts back: that card's PNG, or why it could not be drawn. */
export type RenderReply = { index: number; png: Uint8Array } | { index: number; error: string }

const port = parentPort!
const renderer = await createCardRenderer()
let queue = Promise.resolve()
port.on('message', ({ index, job }: RenderRequest) => {
  queue = queue.then(async () => {
    try {
      const png = await renderer.render(job)
      port.postMessage({ index, png } satisfies RenderReply, [png.buffer as ArrayBuffer])
    } catch (error) {
      port.postMessage({ index, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply)
    }
  })
})
