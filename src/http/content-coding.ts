/**
 * The content codings the Worker can make itself (RFC 9110 section 8.4.1),
 * with the runtime's CompressionStream. workerd's takes gzip, deflate and
 * deflate-raw; the Compression Streams standard has since added brotli, which
 * is offered the day the runtime accepts it. deflate is not offered: every
 * client that takes it takes gzip, and some have read it as raw deflate
 * rather than the zlib format the RFC names (section 8.4.1.2).
 */

export type ContentCoding = 'br' | 'gzip'

// The runtime's type lists the formats it knew when typed; brotli is tried all the same.
type Format = ConstructorParameters<typeof CompressionStream>[0]

/** CompressionStream's name for each coding. */
const FORMAT: Record<ContentCoding, string> = { br: 'brotli', gzip: 'gzip' }

function runtimeMakes(coding: ContentCoding): boolean {
  try {
    new CompressionStream(FORMAT[coding] as Format)
    return true
  } catch {
    return false
  }
}

let here: readonly ContentCoding[] | undefined

/** The codings this runtime makes, best first; asked of it once per isolate, on first use. */
export const contentCodings = (): readonly ContentCoding[] => (here ??= (['br', 'gzip'] as const).filter(runtimeMakes))

/** The bytes in the coding, made by the runtime's own zlib (or brotli). */
export async function encode(body: Uint8Array, coding: ContentCoding): Promise<Uint8Array> {
  const encoded = new Response(body).body!.pipeThrough(new CompressionStream(FORMAT[coding] as Format))
  return new Uint8Array(await new Response(encoded).arrayBuffer())
}
