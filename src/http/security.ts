/**
 * Content-Security-Policy for our HTML. Nothing inline runs or applies unless
 * its hash is listed, so even a document that got markup past escaping could
 * not execute it. Pages may be framed only by us; the embed card by anyone.
 * Pages submit their header's search form to the site itself; the card has no form.
 */

import { sha256, toBase64 } from '../shared/hash'

const sourceHash = async (text: string): Promise<string> => `'sha256-${toBase64(await sha256(text))}'`

export type PolicyOptions = {
  styles: readonly string[]
  scripts?: readonly string[]
  frameAncestors: "'self'" | '*'
  /** Where the page's forms may submit (CSP Level 3, form-action; it does not fall back to default-src). */
  formAction: "'self'" | "'none'"
}

export async function securityHeaders({
  styles,
  scripts = [],
  frameAncestors,
  formAction,
}: PolicyOptions): Promise<Record<string, string>> {
  const styleSources = await Promise.all(styles.map(sourceHash))
  const scriptSources = await Promise.all(scripts.map(sourceHash))
  const policy = [
    "default-src 'none'",
    `style-src ${styleSources.join(' ')}`,
    ...(scriptSources.length ? [`script-src ${scriptSources.join(' ')}`] : []),
    "img-src 'self' data:",
    "base-uri 'none'",
    `form-action ${formAction}`,
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')
  // X-Frame-Options for browsers without frame-ancestors; it has no "any origin" form, so the card sends none.
  return frameAncestors === '*'
    ? { 'content-security-policy': policy }
    : { 'content-security-policy': policy, 'x-frame-options': 'SAMEORIGIN' }
}

/** Computes a value on first use and keeps it for the isolate's life. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= make())
}
