/**
 * Shared contract, run by both the Worker and the publisher: SHA-256 and the
 * encodings its digests travel in (hex, base64, base64url). One implementation
 * for ETags, CSP source hashes, cursors, content hashes and document ids.
 */

// In Node (the publisher), node:crypto: WebCrypto there spends ~90 µs a call checking its
// arguments, which at 100,000 documents is most of a seed's time. workerd has no such module
// through this door, so the Worker (and the planner when it runs in workerd) uses WebCrypto.
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:crypto',
) as typeof import('node:crypto') | undefined

const encoder = new TextEncoder()

/** The SHA-256 digest of bytes, or of a string's UTF-8 bytes. */
export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  if (nodeCrypto) return new Uint8Array(nodeCrypto.createHash('sha256').update(data).digest())
  return new Uint8Array(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data))
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export const sha256Hex = async (text: string): Promise<string> => toHex(await sha256(text))

/** RFC 4648 section 4 base64, with padding (what CSP source hashes use). */
export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

/** RFC 4648 section 5 base64url, without padding (safe in URLs and ETags). */
export const toBase64Url = (bytes: Uint8Array): string => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/**
 * A strong ETag over bytes (RFC 9110 section 8.8.3): 128 bits of their SHA-256 in base64url,
 * collision-safe and short. The Worker's answers and the seed's prepared ones are tagged alike.
 */
export const strongEtag = async (body: string | Uint8Array): Promise<string> => `"${toBase64Url((await sha256(body)).slice(0, 16))}"`

/** The bytes of a base64 text; throws on characters outside the alphabet. */
export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The bytes of a base64url text; throws on characters outside the alphabet. */
export const fromBase64Url = (text: string): Uint8Array => fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'))
