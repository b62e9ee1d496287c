/** Dates for people: `27 April 2026`, in UTC so every visitor sees the same day. */
const LONG = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
const CLOCK = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' })

export const humanDate = (timestamp: string) => LONG.format(new Date(timestamp))

/** `28 April 2026 09:30 UTC`: a correction's time, to the minute. */
export const humanDateTime = (timestamp: string) => `${humanDate(timestamp)} ${CLOCK.format(new Date(timestamp))} UTC`

/** RFC 822 date-time as RSS 2.0 wants it, with a four-digit year (RFC 1123). */
export const rfc822 = (timestamp: string) => new Date(timestamp).toUTCString()
