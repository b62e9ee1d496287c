/**
 * Cache-Control per kind of route. Pages and the API follow a re-seed within a
 * minute; feed readers schedule polls from max-age, so feeds ask for fewer.
 * stale-if-error lets any cache keep serving through a storage outage.
 */
export const PAGE_CACHE = 'public, max-age=60, stale-while-revalidate=60, stale-if-error=86400'
export const API_CACHE = PAGE_CACHE
export const FEED_CACHE = 'public, max-age=300, stale-while-revalidate=300, stale-if-error=86400'
export const NO_STORE = 'no-store'
/** Cards, oEmbed answers and embed.js live on other sites' pages: an hour, like oEmbed's cache_age. */
export const EMBED_CACHE = 'public, max-age=3600, stale-while-revalidate=86400, stale-if-error=86400'

/**
 * A Cache-Control value for content that must not be used past `until` (ms
 * since the epoch), as of `now`: max-age no longer than the whole seconds left
 * and never negative (RFC 9111 section 5.2.2.1), and a stale-while-revalidate
 * window (RFC 5861 section 3) that closes by then too, dropped when none is
 * left. stale-if-error stays: it serves only while the origin fails.
 */
export function cacheControlUntil(value: string, until: number, now: number): string {
  const left = Math.max(0, Math.floor((until - now) / 1000))
  const stated = value.match(/\bmax-age=(\d+)/)
  if (!stated) return value
  const maxAge = Math.min(Number(stated[1]), left)
  return value.replace(/\bmax-age=\d+/, `max-age=${maxAge}`).replace(/, stale-while-revalidate=(\d+)/, (_, seconds: string) => {
    const window = Math.min(Number(seconds), left - maxAge)
    return window > 0 ? `, stale-while-revalidate=${window}` : ''
  })
}
