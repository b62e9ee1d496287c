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
