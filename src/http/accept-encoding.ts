/**
 * Proactive negotiation of the content coding, RFC 9110 section 12.5.3: which
 * of the codings we can send a request's Accept-Encoding takes, weighed by its
 * q-values (section 12.4.2). Pure, and remembered per header value, so the hot
 * path pays one Map lookup for the few values real clients send.
 */
import type { ContentCoding } from './content-coding'

/** What a response can be sent as: a content coding, or none. */
export type Coding = ContentCoding | 'identity'

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/

/** Each coding named, lowercase, with its weight; `*` too. An element whose q is not a qvalue is dropped. */
function weights(header: string): Map<string, number> {
  const named = new Map<string, number>()
  for (const element of header.split(',')) {
    const [token, ...params] = element.split(';').map((part) => part.trim().toLowerCase())
    if (!token) continue
    const q = params.find((param) => /^q\s*=/.test(param))?.replace(/^q\s*=\s*/, '')
    if (q !== undefined && !QVALUE.test(q)) continue
    // Section 8.4.1.3: x-gzip is gzip.
    named.set(token === 'x-gzip' ? 'gzip' : token, q === undefined ? 1 : Number(q))
  }
  return named
}

/**
 * The weight of each coding we offer. A coding not named takes `*`'s weight, or
 * none. identity not named is acceptable unless `*;q=0` refuses it (rule 2), but
 * at no more than the least the client gave anything it named: it is never
 * preferred over a coding the client asked for.
 */
function weightOf(coding: Coding, named: Map<string, number>): number {
  const own = named.get(coding) ?? named.get('*')
  if (own !== undefined || coding !== 'identity') return own ?? 0
  return Math.min(1, ...[...named.values()].filter((q) => q > 0))
}

/**
 * The coding to send: the acceptable one with the highest weight (rule 4), ties
 * going to the earlier in `preferred`; undefined when none is acceptable, which
 * is a 406 (section 15.5.7). No Accept-Encoding: identity. The RFC lets a server
 * pick any coding then (rule 1), but a client that sends none (curl, load
 * tools, many bots) is most likely one that cannot decode.
 */
export function chooseCoding(header: string | null, preferred: readonly Coding[]): Coding | undefined {
  if (header === null) return 'identity'
  const named = weights(header)
  let best: Coding | undefined
  let bestWeight = 0
  for (const coding of preferred) {
    const weight = weightOf(coding, named)
    if (weight > bestWeight) [best, bestWeight] = [coding, weight]
  }
  return best
}

/** Distinct header values remembered; clients send a handful, anything past this starts the memory afresh. */
const MAX_REMEMBERED = 64

/** chooseCoding for one fixed order of preference, each header value worked out once. */
export function rememberedChoice(preferred: readonly Coding[]): (header: string | null) => Coding | undefined {
  const remembered = new Map<string, Coding | undefined>()
  return (header) => {
    if (header === null) return 'identity'
    const known = remembered.get(header)
    if (known !== undefined || remembered.has(header)) return known
    if (remembered.size >= MAX_REMEMBERED) remembered.clear()
    const coding = chooseCoding(header, preferred)
    remembered.set(header, coding)
    return coding
  }
}
