/**
 * A representation prepared once: its bytes, a strong ETag over those bytes,
 * and every header it is served with. Requests answer from it without hashing,
 * rendering or reading anything again.
 */
import { sha256, toBase64Url } from '../shared/hash'
import { isNotModified } from './conditional'

export type Representation = {
  body: Uint8Array
  etag: string
  /** Last-Modified as ms since the epoch, when the route has one. */
  lastModified: number | undefined
  /** Every header of a 200 (and of a HEAD), Content-Length included. */
  headers: Array<[string, string]>
  /** The subset a 304 carries. */
  notModifiedHeaders: Array<[string, string]>
  /** Approximate bytes held in memory, for the cache's budget. */
  size: number
}

export type RepresentationOptions = {
  type: string
  cacheControl: string
  /** RFC 3339 timestamp of the last change of the content. */
  lastModified?: string
  headers?: Record<string, string>
}

const encoder = new TextEncoder()

// 128 bits of SHA-256 in base64url: collision-safe and short.
const strongEtag = async (body: Uint8Array): Promise<string> => `"${toBase64Url((await sha256(body)).slice(0, 16))}"`

/** Headers every response carries, cached or not. */
export const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
}

export async function represent(content: string | Uint8Array, options: RepresentationOptions): Promise<Representation> {
  const body = typeof content === 'string' ? encoder.encode(content) : content
  const etag = await strongEtag(body)
  const lastModified = options.lastModified ? Date.parse(options.lastModified) : undefined
  const headers: Array<[string, string]> = [
    ['content-type', options.type],
    ['etag', etag],
    ['cache-control', options.cacheControl],
    ...Object.entries(BASE_HEADERS),
    ...Object.entries(options.headers ?? {}),
  ]
  if (lastModified !== undefined) headers.push(['last-modified', new Date(lastModified).toUTCString()])
  const notModifiedHeaders = headers.filter(([name]) => NOT_MODIFIED_HEADERS.has(name) || name in BASE_HEADERS)
  headers.push(['content-length', String(body.byteLength)])
  const size = body.byteLength + headers.reduce((n, [k, v]) => n + k.length + v.length, 0) + 128
  return { body, etag, lastModified, headers, notModifiedHeaders, size }
}

// A 304 carries the headers a 200 would have for caching (RFC 9110 section 15.4.5).
const NOT_MODIFIED_HEADERS = new Set(['etag', 'cache-control', 'last-modified', 'vary', 'content-location', 'expires'])

/**
 * Answers a GET or HEAD from a prepared representation, honouring conditional
 * headers. Everything but the Response itself was made when the representation was.
 */
export function answer(request: Request, rep: Representation): Response {
  if (isNotModified(request.headers, rep.etag, rep.lastModified))
    return new Response(null, { status: 304, headers: rep.notModifiedHeaders })
  return new Response(request.method === 'HEAD' ? null : rep.body, { status: 200, headers: rep.headers })
}
