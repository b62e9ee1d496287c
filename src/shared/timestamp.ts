/**
 * Shared contract, run by both the Worker and the publisher: the one form of a
 * timestamp in stored records and the API (TimestampSchema), RFC 3339 in UTC.
 */

/** RFC 3339 in UTC without a zero fraction: `2026-04-27T00:00:00Z`. */
export function toTimestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z')
}

/** Now, to the whole second: the time a seed stamps on what it changes. */
export const nowTimestamp = (): string => toTimestamp(new Date(Math.floor(Date.now() / 1000) * 1000))
