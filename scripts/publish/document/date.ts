/**
 * Publication dates as people write them, to an RFC 3339 instant in UTC.
 * A date without a time means 00:00 UTC. Impossible dates (April 31) are refused
 * rather than rolled over, which is what `Date` would silently do.
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
}

const MONTH_DAY_YEAR = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// RFC 3339 section 5.6; the seconds fraction is optional, `T` may be a space or lowercase.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function utcDate(year: number, month: number | undefined, day: number): Date | undefined {
  if (month === undefined || month < 1 || month > 12) return undefined
  if (year < 1 || day < 1 || day > daysInMonth(year, month)) return undefined
  const date = new Date(Date.UTC(year, month - 1, day))
  date.setUTCFullYear(year) // Date.UTC maps years 0–99 to 1900–1999
  return date
}

function fromDateTime(m: RegExpMatchArray): Date | undefined {
  const [, y, mo, d, h, mi, s, fraction = '', zone] = m
  const day = utcDate(Number(y), Number(mo), Number(d))
  // Leap seconds (60) are legal in RFC 3339 but not representable; refuse them plainly.
  if (!day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined
  const zoneMinutes =
    zone === 'Z' || zone === 'z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)))
  if (Math.abs(zoneMinutes) >= 24 * 60) return undefined
  const ms = Math.round(Number(`0${fraction || '.0'}`) * 1000)
  return new Date(day.getTime() + ((Number(h) * 60 + Number(mi) - zoneMinutes) * 60 + Number(s)) * 1000 + ms)
}

/** Parses a publication date; `undefined` when it is not one of the accepted forms or does not exist. */
export function parsePublicationDate(text: string): Date | undefined {
  const value = text.trim()
  let m: RegExpMatchArray | null
  if ((m = value.match(RFC3339))) return fromDateTime(m)
  if ((m = value.match(ISO_DATE))) return utcDate(Number(m[1]), Number(m[2]), Number(m[3]))
  if ((m = value.match(MONTH_DAY_YEAR))) return utcDate(Number(m[3]), MONTHS[m[1].toLowerCase()], Number(m[2]))
  if ((m = value.match(DAY_MONTH_YEAR))) return utcDate(Number(m[3]), MONTHS[m[2].toLowerCase()], Number(m[1]))
  return undefined
}
