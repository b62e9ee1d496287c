/**
 * The date an image shows, `27 April 2026`: the day in UTC, as the article page
 * shows it (src/render/dates.ts, which the publisher may not import; a test
 * holds the two equal), so the image and the page never disagree.
 */
const LONG = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

/** An RFC 3339 date-time as the image shows it; throws on anything else. */
export function humanDate(timestamp: string): string {
  const date = new Date(timestamp)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(timestamp) || Number.isNaN(date.getTime())) throw new Error(`not an RFC 3339 date-time: ${timestamp}`)
  return LONG.format(date)
}
