/**
 * Whether a response body is well-formed for the content type it declares:
 * HTML with no parse error at all (the WHATWG algorithm, as parse5 runs it),
 * JSON that parses, XML that is well-formed XML 1.0, any text valid UTF-8, and
 * images that begin (and, for PNG, end) as their formats say.
 */
import { parseHtml } from './html'
import { xmlProblem } from './xml'

// ignoreBOM keeps a byte order mark in the text, where it would fail the checks below.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** parse5's parse errors for a document, by code. */
export function htmlParseErrors(html: string): string[] {
  const errors: string[] = []
  parseHtml(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) })
  return errors
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return String(error)
  }
}

// PNG (ISO/IEC 15948 section 5.2): the signature, and the IEND chunk last (length 0, type, CRC).
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PNG_END = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]
// ICO: a reserved zero, type 1 (icon), then how many images, at least one.
const ICO_HEADER = [0, 0, 1, 0]

const startsWith = (body: Uint8Array, bytes: readonly number[]) => bytes.every((byte, i) => body[i] === byte)
const endsWith = (body: Uint8Array, bytes: readonly number[]) => startsWith(body.subarray(body.byteLength - bytes.length), bytes)

/** What is wrong with `body` as an image of this type; undefined when the type is not an image we serve. */
function imageProblems(type: string, body: Uint8Array): string[] | undefined {
  if (type === 'image/png') return startsWith(body, PNG_SIGNATURE) && endsWith(body, PNG_END) ? [] : ['not a whole PNG']
  if (type === 'image/vnd.microsoft.icon') return startsWith(body, ICO_HEADER) && body[4] + body[5] * 256 > 0 ? [] : ['not an ICO']
  return undefined
}

// The runtime's type lists the formats it knew when typed; brotli is named all the same.
type Format = ConstructorParameters<typeof DecompressionStream>[0]
const DECOMPRESSION_FORMAT: Record<string, string> = { gzip: 'gzip', br: 'brotli' }

/**
 * The body with its content coding (RFC 9110 section 8.4) undone, as a client that asked for it
 * reads it; a coding the Worker never makes, or bytes that do not decode, throw.
 */
export async function decodedBody(body: Uint8Array, contentEncoding: string | null): Promise<Uint8Array> {
  if (contentEncoding === null || contentEncoding === 'identity') return body
  const format = DECOMPRESSION_FORMAT[contentEncoding]
  if (!format) throw new Error(`an unknown content coding ${contentEncoding}`)
  const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream(format as Format))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** What is wrong with `body` as a `contentType`; an empty list when nothing is. */
export function bodyProblems(contentType: string | null, body: Uint8Array): string[] {
  if (contentType === null) return body.byteLength === 0 ? [] : ['a body without a content type']
  const image = imageProblems(contentType.split(';')[0].trim().toLowerCase(), body)
  if (image) return image
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    return ['not UTF-8']
  }
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type === 'text/html') return text.startsWith('<!DOCTYPE html>') ? htmlParseErrors(text) : ['HTML without a doctype']
  if (type === 'application/json' || type.endsWith('+json')) return [jsonProblem(text)].filter((p) => p !== undefined)
  if (type.endsWith('/xml') || type.endsWith('+xml')) return [xmlProblem(text)].filter((p) => p !== undefined)
  if (type === 'text/plain' || type === 'text/javascript') return []
  return [`unexpected content type ${contentType}`]
}
