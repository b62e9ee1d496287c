/**
 * A representation prepared once: its bytes, a strong ETag over those bytes,
 * and every header it is served with; and, each made the first time a client
 * asks for it and kept, the same content in every content coding the runtime
 * makes, under an ETag of its own. Requests answer from it without hashing,
 * rendering or reading anything again (see answer.ts).
 */
import { strongEtag } from '../shared/hash'
import { type Coding, rememberedChoice } from './accept-encoding'
import { cacheControlUntil } from './cache-control'
import { type ContentCoding, contentCodings, encode } from './content-coding'

export type HeaderList = Array<[string, string]>

/**
 * The representation in one coding: the bytes sent, their ETag, and the headers of a 200 and of a 304,
 * as `Headers`. workerd copies a `Headers` into a Response in a few µs, and takes four times as long to
 * make the same ten headers from a list of pairs, more than the rest of a hot answer costs
 * (docs/benchmarks.md, "Headers made once").
 */
export type Encoded = {
  body: Uint8Array
  etag: string
  /** Every header of a 200 (and of a HEAD), Content-Length included. Never changed once made: each Response copies it. */
  headers: Headers
  /**
   * The subset a 304 carries (RFC 9110 section 15.4.5), with the Content-Encoding of the coding its ETag
   * stands for: see codedNotModified below.
   */
  readonly notModifiedHeaders: Headers
}

export type Representation = {
  /** The content as rendered, in no coding. */
  identity: Encoded
  /** Each content coding made so far, or being made, by coding. */
  encodings: Partial<Record<ContentCoding, Encoded>>
  /** Every coding's ETag, made or not: If-None-Match may name any of them. */
  etags: readonly string[]
  /** The coding to answer a request's Accept-Encoding with (none acceptable: undefined). */
  choose: (acceptEncoding: string | null) => Coding | undefined
  /** Last-Modified as ms since the epoch, when the route has one. */
  lastModified: number | undefined
  /** When the content stops being true, if it has such a time: its Cache-Control is then reckoned per answer. */
  deadline: Deadline | undefined
  /** Approximate bytes held in memory, for the cache's budget; grows as codings are made. */
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
  /** The body's strong ETag, when it was made with the body (a seed's prepared answer): not hashed again. */
  etag?: string
  /** A Link header (RFC 8288) of this answer's own: a feed's hubs and self URL (WebSub section 4). */
  link?: string
}

export type Deadline = { until: number; cacheControl: string }

const encoder = new TextEncoder()

/**
 * A coding's ETag: the identity tag marked with the coding, so the content is
 * hashed once. Still strong (RFC 9110 section 8.8.1): the runtime's encoder is
 * deterministic, so one tag always stands for the same bytes.
 */
export const etagIn = (identityEtag: string, coding: ContentCoding): string => `${identityEtag.slice(0, -1)}-${coding}"`

/** Headers every response carries, cached or not. */
export const BASE_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
}

// A 304 carries the headers a 200 would have for caching (RFC 9110 section 15.4.5).
const NOT_MODIFIED_HEADERS = new Set(['etag', 'cache-control', 'last-modified', 'vary', 'content-location', 'expires'])

// Text is what compresses; images (PNG, ICO) are compressed formats already, and go as they are whatever is asked.
const TEXT = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)\b|application\/javascript\b)/
const asItIs: Representation['choose'] = () => 'identity'

const bytesOf = (headers: HeaderList) => headers.reduce((n, [k, v]) => n + k.length + v.length, 0)

/** A copy of `headers` with some set anew. */
export function withHeaders(headers: Headers, changes: HeaderList): Headers {
  const copy = new Headers(headers)
  for (const [name, value] of changes) copy.set(name, value)
  return copy
}

/** The headers of a 200 and of a 304 that do not depend on the content, for one route's settings: made once, copied for each. */
type Template = { ok: Headers; notModified: Headers; bytes: number }

const NO_HEADERS: Record<string, string> = {}
// By the route's own headers (one object per route), then by media type and Cache-Control: a few dozen in all.
const templates = new WeakMap<Record<string, string>, Map<string, Template>>()

function templateFor(type: string, cacheControl: string, negotiable: boolean, own: Record<string, string>): Template {
  let forOwn = templates.get(own)
  if (!forOwn) templates.set(own, (forOwn = new Map()))
  const key = `${type}\n${cacheControl}`
  let template = forOwn.get(key)
  if (!template) {
    const headers: HeaderList = [
      ['content-type', type],
      ['cache-control', cacheControl],
      // Every text answer depends on Accept-Encoding, a small one too: it is gzip when identity is refused.
      ...(negotiable ? [['vary', 'Accept-Encoding'] as [string, string]] : []),
      ...Object.entries(BASE_HEADERS),
      ...Object.entries(own),
    ]
    const notModified = headers.filter(([name]) => NOT_MODIFIED_HEADERS.has(name) || name in BASE_HEADERS)
    template = { ok: new Headers(headers), notModified: new Headers(notModified), bytes: bytesOf(headers) + bytesOf(notModified) }
    forOwn.set(key, template)
  }
  return template
}

/**
 * The order of preference, settled on first use: the best coding, whatever the size. The Worker owns every
 * coding of what it negotiates: a layer in front compresses what goes out as identity (Cloudflare's edge from
 * 48 bytes, wrangler dev's at any size), which would send compressed bytes under the identity's strong ETag.
 * Sent in a coding, an answer passes such a layer as it is, to a client that accepts that coding.
 */
let chooser: Representation['choose'] | undefined
const chooserHere = () => (chooser ??= rememberedChoice([...contentCodings(), 'identity']))

export async function represent(content: string | Uint8Array, options: RepresentationOptions): Promise<Representation> {
  const body = typeof content === 'string' ? encoder.encode(content) : content
  const etag = options.etag ?? (await strongEtag(body))
  const lastModified = options.lastModified ? Date.parse(options.lastModified) : undefined
  const until = options.freshUntil
  const negotiable = TEXT.test(options.type)
  const template = templateFor(options.type, options.cacheControl, negotiable, options.headers ?? NO_HEADERS)
  const own: HeaderList = [['etag', etag]]
  if (until !== undefined) own.push(['cache-control', cacheControlUntil(options.cacheControl, until, Date.now())])
  if (lastModified !== undefined) own.push(['last-modified', new Date(lastModified).toUTCString()])
  const validators = [...own]
  if (options.link !== undefined) own.push(['link', options.link])
  own.push(['content-length', String(body.byteLength)])
  const headers = withHeaders(template.ok, own)
  // Most answers are never revalidated in an isolate's life: a 304's headers are made for the first.
  let notModified: Headers | undefined
  const identity: Encoded = {
    body,
    etag,
    headers,
    get notModifiedHeaders() {
      notModified ??= withHeaders(template.notModified, validators)
      return notModified
    },
  }
  return {
    identity,
    encodings: {},
    etags: negotiable ? [etag, ...contentCodings().map((coding) => etagIn(etag, coding))] : [etag],
    choose: negotiable ? chooserHere() : asItIs,
    lastModified,
    deadline: until === undefined ? undefined : { until, cacheControl: options.cacheControl },
    size: body.byteLength + template.bytes + 2 * bytesOf(own) + 128,
  }
}

/**
 * The representation in a content coding: compressed the first time it is asked for, then kept (and
 * counted in its size). Only a finished coding is kept: a request does not wait on a compression
 * another request started, as workerd ties a stream's work to the request that made it, and one
 * waiting across requests was cancelled as hung under load (two requests at once each compress).
 */
export function encoded(rep: Representation, coding: ContentCoding): Encoded | Promise<Encoded> {
  const made = rep.encodings[coding]
  if (made) return made
  return encode(rep.identity.body, coding).then((body): Encoded => {
    const kept = rep.encodings[coding]
    if (kept) return kept
    const etag = etagIn(rep.identity.etag, coding)
    const changes: HeaderList = [
      ['etag', etag],
      ['content-length', String(body.byteLength)],
      ['content-encoding', coding],
    ]
    const result = {
      body,
      etag,
      headers: withHeaders(rep.identity.headers, changes),
      notModifiedHeaders: codedNotModified(rep, coding),
    }
    rep.encodings[coding] = result
    rep.size += body.byteLength + 2 * bytesOf(changes) + 128
    return result
  })
}

/**
 * A 304's headers for a coding: the identity's, with that coding's ETag and Content-Encoding. A 304 may
 * carry metadata that guides a cache's update (RFC 9110 section 15.4.5); this names the representation its
 * ETag validates, as the 200 did. Cloudflare's edge passes a 304 as it is (it compresses 200s only), and
 * wrangler dev's layer adds this very Content-Encoding to a 304 sent to a client that accepts gzip: sent
 * by the Worker, the header is the same through both, and never names a coding the ETag does not.
 */
export function codedNotModified(rep: Representation, coding: ContentCoding): Headers {
  return withHeaders(rep.identity.notModifiedHeaders, [
    ['etag', etagIn(rep.identity.etag, coding)],
    ['content-encoding', coding],
  ])
}
