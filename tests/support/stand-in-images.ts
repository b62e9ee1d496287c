/**
 * Preview images for tests that cannot run the renderer (workerd): every image
 * a real 1200×630 PNG of one colour, with its input hash in a tEXt chunk (PNG
 * specification, section 11.3.4.3), so another title makes other bytes. Pass
 * it as `images` to a seed to store articles with images.
 */
import type { ImageSource } from '../../scripts/publish/plan'
import { chunk } from '../../src/render/png'
import { sha256Hex } from '../../src/shared/hash'

// sharp({ create: { width: 1200, height: 630, channels: 3, background: '#0b57d0' } }).png({ compressionLevel: 9, palette: true })
const BASE = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAABLAAAAJ2CAMAAAB4notuAAAAA1BMVEULV9DYBst8AAAACXBIWXMAAAPoAAAD6AG1e1JrAAAC9ElEQVR42u3BAQ0AAADCoPdPbQ43oAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAACeDIw7AAFVlxRJAAAAAElFTkSuQmCC',
  ),
  (char) => char.charCodeAt(0),
)
/** The signature (8 bytes) and the IHDR chunk (25): a tEXt chunk may follow. */
const AFTER_IHDR = 33

/** The stand-in PNG for an input hash. */
export function standInPng(hash: string): Uint8Array {
  const text = chunk('tEXt', new TextEncoder().encode(`hash\0${hash}`))
  return new Uint8Array([...BASE.subarray(0, AFTER_IHDR), ...text, ...BASE.subarray(AFTER_IHDR)])
}

const base64Of = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

export const standInImages: ImageSource = {
  site: 'stand-in-site-image',
  hashOf: (article) => sha256Hex(JSON.stringify([article.title, article.published_at])),
  prepare: async () => {},
  base64: (hash) => base64Of(standInPng(hash)),
  base64Length: (hash) => base64Of(standInPng(hash)).length,
}
