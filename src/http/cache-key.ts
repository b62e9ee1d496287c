/**
 * The isolate cache's key for a GET or HEAD: the URL with only the query
 * parameters its route reads, names in the route's declared order, each
 * name's values in the order they came. A parameter the route does not read
 * (utm_*, a feed reader's cache buster) neither misses the cache nor adds an
 * entry: such a request gets the canonical answer as it is. Not a redirect:
 * feed readers and link-preview bots add these parameters, a redirect would
 * cost each of them a round trip, and some clients do not follow one.
 *
 * The entry hands the app a request for this key, so a route sees exactly
 * the parameters the key names and no others: two requests that share a key
 * cannot get different answers.
 */
import { getPath, getQueryParams } from 'hono/utils/url'

/** Keys remembered by URL: a hot query string costs one lookup, not a parse. Past this many, the memory starts afresh. */
const MAX_REMEMBERED = 256
/** A longer URL is worked out each time, so a few long ones cannot fill the memory. */
const MAX_REMEMBERED_URL = 1024
const remembered = new Map<string, string>()

/** `declared` names the parameters read at a path (as Hono decodes paths); the same for every call. */
export function cacheKey(request: Request, declared: (path: string) => readonly string[]): string {
  const { url } = request
  const start = url.indexOf('?')
  // Nearly every request: no query string, so nothing to parse.
  if (start === -1) return url
  const known = remembered.get(url)
  if (known !== undefined) return known
  const key = keyOf(request, url, start, declared)
  if (url.length <= MAX_REMEMBERED_URL) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear()
    remembered.set(url, key)
  }
  return key
}

function keyOf(request: Request, url: string, start: number, declared: (path: string) => readonly string[]): string {
  // Parsed by the parser the app's c.req.query uses (names and values decoded, + as a space),
  // and written back in a form it reads as the same names and values.
  const params = getQueryParams(url) as Record<string, string[]>
  const kept = declared(getPath(request)).flatMap((name) =>
    (params[name] ?? []).map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`),
  )
  return kept.length ? `${url.slice(0, start)}?${kept.join('&')}` : url.slice(0, start)
}
