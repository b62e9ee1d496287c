/** Dates for people: `27 April 2026`, in UTC so every visitor sees the same day. */
const LONG = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })

export const humanDate = (timestamp: string) => LONG.format(new Date(timestamp))

/** RFC 822 date-time as RSS 2.0 wants it, with a four-digit year (RFC 1123). */
export const rfc822 = (timestamp: string) => new Date(timestamp).toUTCString()
