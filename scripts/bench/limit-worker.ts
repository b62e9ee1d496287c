/**
 * The runtime's limit: a Worker that answers each benchmarked request with a
 * constant copy of our own response (same status, bytes and headers), chosen
 * by nothing but the path and whether If-None-Match is present. Anything we
 * do beyond that shows up as the gap between our req/s and its req/s.
 */

export type RecordedResponse = {
  /** Path and query, as requested. */
  path: string
  conditional: boolean
  status: number
  headers: Array<[string, string]>
  body: Uint8Array
}

/** Records our answer to one request, for the limit Worker to repeat. */
export async function recordResponse(base: URL, path: string, headers: Record<string, string> = {}): Promise<RecordedResponse> {
  const response = await fetch(new URL(path, base), { headers })
  return {
    path,
    conditional: Object.keys(headers).some((name) => name.toLowerCase() === 'if-none-match'),
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  }
}

const entries = (responses: readonly RecordedResponse[]) =>
  JSON.stringify(responses.map((r) => [r.path, { status: r.status, headers: r.headers, body: Buffer.from(r.body).toString('base64') }]))

/** The limit Worker's module source, with every recorded response embedded. */
export function limitWorkerScript(responses: readonly RecordedResponse[]): string {
  return `
// Decoded once, at start-up; a request only picks one and wraps it in a Response.
const table = (entries) => new Map(entries.map(([path, { status, headers, body }]) => {
  const bytes = Uint8Array.from(atob(body), (c) => c.charCodeAt(0))
  return [path, { status, headers, body: bytes.byteLength ? bytes : null }]
}))
const plain = table(${entries(responses.filter((r) => !r.conditional))})
const conditional = table(${entries(responses.filter((r) => r.conditional))})

export default {
  fetch(request) {
    const path = request.url.slice(request.url.indexOf('/', 8))
    const answer = (request.headers.has('if-none-match') ? conditional : plain).get(path)
    if (!answer) return new Response('not recorded', { status: 404 })
    return new Response(answer.body, { status: answer.status, headers: answer.headers })
  },
}
`
}

/** How two answers to the same request differ; undefined when status, headers and bytes are the same. */
export function difference(ours: RecordedResponse, limit: RecordedResponse): string | undefined {
  if (ours.status !== limit.status) return `status ${ours.status} vs ${limit.status}`
  const headers = (r: RecordedResponse) => JSON.stringify([...r.headers].sort())
  if (headers(ours) !== headers(limit)) return `headers ${headers(ours)} vs ${headers(limit)}`
  if (Buffer.compare(ours.body, limit.body) !== 0) return `bodies of ${ours.body.byteLength} and ${limit.body.byteLength} bytes differ`
  return undefined
}
