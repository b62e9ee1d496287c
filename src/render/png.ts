/**
 * The smallest honest PNG and ICO writers: 8-bit RGBA pixels in, file bytes
 * out. Enough for the icon and logo the Worker draws (src/render/site-mark.ts);
 * the preview images are made at seed time, not here.
 */

/** CRC-32 of PNG chunks (PNG, ISO/IEC 15948, Annex D): the reflected polynomial 0xEDB88320. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0))

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

/** A chunk (PNG section 5.3): length, type, data, and the CRC of type and data. */
export function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set(ascii(type), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

/** zlib (RFC 1950), which IDAT holds: what the Compression Streams standard calls "deflate". */
async function zlib(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** A PNG of `rgba` (width × height × 4 bytes, rows top to bottom): colour type 6, no filtering, not interlaced. */
export async function encodePng(width: number, height: number, rgba: Uint8Array): Promise<Uint8Array> {
  const header = new Uint8Array(13)
  const view = new DataView(header.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  header.set([8, 6, 0, 0, 0], 8) // bit depth 8, RGBA, deflate, adaptive filtering, no interlace
  // Each scanline starts with its filter type, 0 (None): flat colours compress well without filtering.
  const rows = new Uint8Array(height * (1 + width * 4))
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + width * 4) + 1)
  return concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', await zlib(rows)), chunk('IEND', new Uint8Array())])
}

/**
 * An ICO file holding one PNG image, as Windows Vista and every current browser
 * read it: a 6-byte ICONDIR, one 16-byte ICONDIRENTRY, then the PNG itself.
 */
export function icoOfPng(png: Uint8Array, size: number): Uint8Array {
  const head = new Uint8Array(22)
  const view = new DataView(head.buffer)
  view.setUint16(2, 1, true) // type 1: icon
  view.setUint16(4, 1, true) // one image
  head[6] = size % 256 // 0 means 256
  head[7] = size % 256
  view.setUint16(10, 1, true) // colour planes
  view.setUint16(12, 32, true) // bits per pixel
  view.setUint32(14, png.length, true)
  view.setUint32(18, head.length, true) // where the image starts
  return concat([head, png])
}
