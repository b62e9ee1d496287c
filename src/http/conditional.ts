/**
 * Conditional requests, RFC 9110 section 13. Pure functions of the request
 * headers and the representation's validators.
 */

const stripWeak = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag)

/**
 * If-None-Match uses the weak comparison (section 13.1.2): `W/"x"` matches `"x"`.
 * That is how a client still gets its 304 after a CDN weakened our strong ETag on compression.
 * `etags` are the representation's tags in every coding (strong, as we make them): any of them matches.
 */
export function etagMatches(ifNoneMatch: string, etags: readonly string[]): boolean {
  // What a client sends back nearly always: one of our own tags, alone.
  if (etags.includes(ifNoneMatch)) return true
  if (ifNoneMatch.trim() === '*') return true
  return (ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => etags.includes(stripWeak(tag)))
}

// RFC 9110 section 5.6.7: recipients accept IMF-fixdate and the obsolete RFC 850 and asctime forms.
const HTTP_DATE = [
  /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/,
  /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/,
]

/** An HTTP-date as a time in ms; NaN when it is not one (asctime has no zone: it is UTC). */
function parseHttpDate(value: string): number {
  const text = value.trim()
  if (!HTTP_DATE.some((form) => form.test(text))) return NaN
  return Date.parse(HTTP_DATE[2].test(text) ? `${text} GMT` : text)
}

/**
 * Whether a GET or HEAD may be answered 304. If-Modified-Since counts only
 * without If-None-Match (section 13.1.3), and an unparseable date is ignored.
 */
export function isNotModified(headers: Headers, etags: readonly string[], lastModified: number | undefined): boolean {
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, etags)
  const ifModifiedSince = headers.get('if-modified-since')
  if (ifModifiedSince === null || lastModified === undefined) return false
  const since = parseHttpDate(ifModifiedSince)
  // Last-Modified has whole seconds; compare at that precision.
  return !Number.isNaN(since) && Math.floor(lastModified / 1000) * 1000 <= since
}
