/**
 * A GET from Node that keeps the body as it came over the wire. Node's fetch
 * decodes a gzip body and keeps its Content-Encoding header, so what it hands
 * back is not what was sent; the limit Worker must repeat the bytes sent.
 */
import { request } from 'node:http'

// Hop-by-hop (RFC 9110 section 7.6.1): about this connection, not the answer.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding'])

export type RawResponse = { status: number; headers: Array<[string, string]>; body: Buffer }

export function rawGet(url: URL, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        // rawHeaders alternates names and values, as sent.
        const raw = response.rawHeaders
        const list = Array.from({ length: raw.length / 2 }, (_, i): [string, string] => [raw[2 * i].toLowerCase(), raw[2 * i + 1]])
        const headers = list.filter(([name]) => !HOP_BY_HOP.has(name))
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
      })
      response.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
}
