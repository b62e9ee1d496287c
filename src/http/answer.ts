/**
 * Answers a GET or HEAD from a prepared representation: the coding its
 * Accept-Encoding takes (accept-encoding.ts), then the conditional headers
 * (conditional.ts), then a Response over bytes and headers made beforehand.
 * A coding no client has asked this representation for yet is made now, once.
 */
import type { Coding } from './accept-encoding'
import { cacheControlUntil } from './cache-control'
import { isNotModified } from './conditional'
import { codedNotModified, type Deadline, type Encoded, encoded, type Representation, withHeaders } from './representation'

/**
 * The headers as of now: with a deadline, max-age counts down to it on every
 * answer, so a copy the isolate kept for a while does not let a downstream
 * cache keep it past the deadline. Every other answer sends its headers as made.
 */
function currentHeaders(headers: Headers, deadline: Deadline | undefined): Headers {
  if (deadline === undefined) return headers
  return withHeaders(headers, [['cache-control', cacheControlUntil(deadline.cacheControl, deadline.until, Date.now())]])
}

/**
 * A 200 in one coding. `encodeBody: 'manual'`: the bytes are already in the
 * coding their Content-Encoding names, so the runtime sends them as they are
 * (Cloudflare's, and workerd's, default would compress them again).
 */
const ok = (request: Request, rep: Representation, sent: Encoded) =>
  new Response(request.method === 'HEAD' ? null : sent.body, {
    status: 200,
    headers: currentHeaders(sent.headers, rep.deadline),
    encodeBody: 'manual',
  })

/** The 304's headers: those of the coding the request would get, its ETag included (RFC 9110 section 15.4.5). */
function notModifiedHeaders(rep: Representation, coding: Coding): Headers {
  if (coding === 'identity') return rep.identity.notModifiedHeaders
  return rep.encodings[coding]?.notModifiedHeaders ?? codedNotModified(rep, coding)
}

/**
 * What the client itself accepts. Cloudflare's edge, and wrangler dev's proxy after it, rewrite the
 * Accept-Encoding a Worker sees (to "br, gzip") and keep the client's own in `cf.clientAcceptEncoding`
 * ("" when it sent none); a Worker that sends its own bytes (encodeBody 'manual') must answer that one,
 * or a client that asked for nothing, as curl does, gets gzip it did not ask for. Without `cf` (tests,
 * the benchmark's direct sockets) the header is the client's.
 */
function clientAcceptEncoding(request: Request): string | null {
  const original = (request as { cf?: { clientAcceptEncoding?: unknown } }).cf?.clientAcceptEncoding
  if (typeof original === 'string') return original === '' ? null : original
  return request.headers.get('accept-encoding')
}

/**
 * The answer; a promise only while a coding is being made; undefined when the
 * request accepts no coding we can send (the caller's 406).
 */
export function answer(request: Request, rep: Representation): Response | Promise<Response> | undefined {
  const coding = rep.choose(clientAcceptEncoding(request))
  if (coding === undefined) return undefined
  // If-None-Match may name any coding's tag: a cache revalidating what it stored in another coding is told it is current.
  if (isNotModified(request.headers, rep.etags, rep.lastModified))
    return new Response(null, { status: 304, headers: currentHeaders(notModifiedHeaders(rep, coding), rep.deadline) })
  if (coding === 'identity') return ok(request, rep, rep.identity)
  const sent = encoded(rep, coding)
  return sent instanceof Promise ? sent.then((made) => ok(request, rep, made)) : ok(request, rep, sent)
}
