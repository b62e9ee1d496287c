/**
 * A representation prepared once: its bytes, a strong ETag over those bytes,
 * and every header it is served with. Requests answer from it without hashing,
 * rendering or reading anything again.
 */
import { sha256, toBase64Url } from '../shared/hash'
import { cacheControlUntil } from './cache-control'
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
  /** When the content stops being true, if it has such a time: its Cache-Control is then reckoned per answer. */
  deadline: Deadline | undefined
  /** Approximate bytes held in memory, for the cache's budget. */
  size: number
}

export type RepresentationOptions = {
  type: string
  cacheControl: string
  /** RFC 3339 timestamp of the last change of the content. */
  lastModified?: string
  headers?: Record<string, string>
  /** Ms since the epoch past which no cache may use it without asking again. */
  freshUntil?: number
}

type Deadline = { until: number; cacheControl: string }

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
  const until = options.freshUntil
  const headers: Array<[string, string]> = [
    ['content-type', options.type],
    ['etag', etag],
    ['cache-control', until === undefined ? options.cacheControl : cacheControlUntil(options.cacheControl, until, Date.now())],
    ...Object.entries(BASE_HEADERS),
    ...Object.entries(options.headers ?? {}),
  ]
  if (lastModified !== undefined) headers.push(['last-modified', new Date(lastModified).toUTCString()])
  const notModifiedHeaders = headers.filter(([name]) => NOT_MODIFIED_HEADERS.has(name) || name in BASE_HEADERS)
  headers.push(['content-length', String(body.byteLength)])
  const size = body.byteLength + headers.reduce((n, [k, v]) => n + k.length + v.length, 0) + 128
  const deadline = until === undefined ? undefined : { until, cacheControl: options.cacheControl }
  return { body, etag, lastModified, headers, notModifiedHeaders, deadline, size }
}

// A 304 carries the headers a 200 would have for caching (RFC 9110 section 15.4.5).
const NOT_MODIFIED_HEADERS = new Set(['etag', 'cache-control', 'last-modified', 'vary', 'content-location', 'expires'])

/**
 * Answers a GET or HEAD from a prepared representation, honouring conditional
 * headers. Everything but the Response itself was made when the representation was.
 */
export function answer(request: Request, rep: Representation): Response {
  if (isNotModified(request.headers, rep.etag, rep.lastModified))
    return new Response(null, { status: 304, headers: currentHeaders(rep.notModifiedHeaders, rep.deadline) })
  return new Response(request.method === 'HEAD' ? null : rep.body, { status: 200, headers: currentHeaders(rep.headers, rep.deadline) })
}

/**
 * The headers as of now: with a deadline, max-age counts down to it on every
 * answer, so a copy the isolate kept for a while does not let a downstream
 * cache keep it past the deadline. Every other answer sends its headers as made.
 */
function currentHeaders(headers: Array<[string, string]>, deadline: Deadline | undefined): Array<[string, string]> {
  if (deadline === undefined) return headers
  const cacheControl = cacheControlUntil(deadline.cacheControl, deadline.until, Date.now())
  return headers.map(([name, value]) => [name, name === 'cache-control' ? cacheControl : value])
}
