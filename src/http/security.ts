/**
 * Content-Security-Policy for our HTML. Nothing inline runs or applies unless
 * its hash is listed, so even a document that got markup past escaping could
 * not execute it. Pages may be framed only by us; the embed card by anyone.
 */

async function sourceHash(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`
}

export type PolicyOptions = { styles: readonly string[]; scripts?: readonly string[]; frameAncestors: "'self'" | '*' }

export async function securityHeaders({ styles, scripts = [], frameAncestors }: PolicyOptions): Promise<Record<string, string>> {
  const styleSources = await Promise.all(styles.map(sourceHash))
  const scriptSources = await Promise.all(scripts.map(sourceHash))
  const policy = [
    "default-src 'none'",
    `style-src ${styleSources.join(' ')}`,
    ...(scriptSources.length ? [`script-src ${scriptSources.join(' ')}`] : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
  // X-Frame-Options for browsers without frame-ancestors; it has no "any origin" form, so the card sends none.
  return frameAncestors === '*' ? { 'content-security-policy': policy } : { 'content-security-policy': policy, 'x-frame-options': 'SAMEORIGIN' }
}

/** Computes a value on first use and keeps it for the isolate's life. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= make())
}
