/**
 * What a feed reader's poll costs on the wire, per feed: the answer when the
 * feed changed, as sent with and without `Accept-Encoding: gzip`, and the 304
 * when it did not (headers only). Status line and headers are counted as
 * HTTP/1.1 writes them, the body as sent: rawGet keeps it undecoded.
 */
import { FEEDS } from '../../src/routes/table'
import { rawGet, type RawResponse } from './raw-get'

export type FeedBytes = { path: string; identity: number; gzip: number; notModified: number }

/** Bytes on the wire: "HTTP/1.1 200 OK\r\n", each "name: value\r\n", the blank line, the body. */
const wireBytes = (r: RawResponse) =>
  `HTTP/1.1 ${r.status} \r\n`.length + r.headers.reduce((n, [name, value]) => n + name.length + value.length + 4, 0) + 2 + r.body.length

export async function feedBytes(base: URL): Promise<FeedBytes[]> {
  const rows: FeedBytes[] = []
  for (const feed of FEEDS) {
    const url = new URL(feed.path, base)
    const identity = await rawGet(url, {})
    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' })
    const etag = gzip.headers.find(([name]) => name === 'etag')?.[1]
    if (identity.status !== 200 || gzip.status !== 200 || !etag) throw new Error(`${feed.path}: no 200 with an ETag to poll with`)
    const notModified = await rawGet(url, { 'accept-encoding': 'gzip', 'if-none-match': etag })
    if (notModified.status !== 304) throw new Error(`${feed.path}: a poll with its own ETag got ${notModified.status}, not 304`)
    rows.push({ path: feed.path, identity: wireBytes(identity), gzip: wireBytes(gzip), notModified: wireBytes(notModified) })
  }
  return rows
}
