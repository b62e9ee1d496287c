/**
 * Preview images for tests that cannot run the renderer (workerd): every image
 * a real 1200×630 PNG of one colour, with its input hash in a tEXt chunk (PNG
 * specification, section 11.3.4.3), so another title makes other bytes. Pass
 * it as `images` to a seed to store articles with images.
 */
import type { ImageSource } from '../../scripts/publish/plan'
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

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 as PNG chunks carry it (section 5.5). */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** The stand-in PNG for an input hash. */
export function standInPng(hash: string): Uint8Array {
  const data = new TextEncoder().encode(`hash\0${hash}`)
  const chunk = new Uint8Array(12 + data.length)
  const view = new DataView(chunk.buffer)
  view.setUint32(0, data.length)
  chunk.set(new TextEncoder().encode('tEXt'), 4)
  chunk.set(data, 8)
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)))
  return new Uint8Array([...BASE.subarray(0, AFTER_IHDR), ...chunk, ...BASE.subarray(AFTER_IHDR)])
}

const base64Of = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

export const standInImages: ImageSource = {
  site: 'stand-in-site-image',
  hashOf: (article) => sha256Hex(JSON.stringify([article.title, article.published_at])),
  prepare: async () => {},
  base64: (hash) => base64Of(standInPng(hash)),
  base64Length: (hash) => base64Of(standInPng(hash)).length,
}
