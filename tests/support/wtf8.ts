/**
 * Text as bytes the way a careless encoder writes them: UTF-8, except that a
 * lone surrogate becomes its three-byte form (WTF-8). Such bytes are not UTF-8,
 * which is how a lone surrogate can reach a document file at all.
 */
const encoder = new TextEncoder()

// Captured, so split() keeps the lone surrogates at the odd indexes.
const LONE_SURROGATE = /([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF])/

const threeBytes = (code: number) => [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]

export function wtf8(text: string): Uint8Array {
  const parts = text
    .split(LONE_SURROGATE)
    .map((part, i) => (i % 2 ? Uint8Array.from(threeBytes(part.charCodeAt(0))) : encoder.encode(part)))
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
