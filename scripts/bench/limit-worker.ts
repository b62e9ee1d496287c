/**
 * The limit Worker from Node: record our hot answer to each benchmarked
 * request, hand the answers to the limit Worker, and check it repeats them
 * exactly (status, headers, bytes) before anything is measured.
 */
import type { EncodedAnswer } from './limit-answer'
import type { BenchPath } from './paths'
import { rawGet } from './raw-get'
import type { Runtime } from './runtime'

const header = (p: BenchPath, name: string) => Object.entries(p.headers).find(([key]) => key.toLowerCase() === name)?.[1]

/** One answer as it came over the wire, its body as sent (a gzip body stays gzip). */
async function recordResponse(base: URL, p: BenchPath): Promise<EncodedAnswer> {
  const response = await rawGet(new URL(p.path, base), p.headers)
  return {
    path: p.path,
    conditional: header(p, 'if-none-match') !== undefined,
    acceptEncoding: header(p, 'accept-encoding') ?? null,
    status: response.status,
    headers: response.headers,
    body: response.body.toString('base64'),
  }
}

/** How two answers to the same request differ; undefined when status, headers and bytes are the same. */
function difference(ours: EncodedAnswer, limit: EncodedAnswer): string | undefined {
  if (ours.status !== limit.status) return `status ${ours.status} vs ${limit.status}`
  const headers = (r: EncodedAnswer) => JSON.stringify([...r.headers].sort())
  if (headers(ours) !== headers(limit)) return `headers ${headers(ours)} vs ${headers(limit)}`
  if (ours.body !== limit.body) return 'the bodies differ'
  return undefined
}

/** Our hot answer: the one the rounds measure, from the isolate cache. */
async function recordHot(base: URL, p: BenchPath): Promise<EncodedAnswer> {
  await rawGet(new URL(p.path, base), p.headers)
  return recordResponse(base, p)
}

/** Adds the limit Worker with our recorded answers, and checks it repeats them exactly. */
export async function startLimit(runtime: Runtime, paths: readonly BenchPath[]): Promise<void> {
  const recorded = await Promise.all(paths.map(async (p) => recordHot(await runtime.url('ours'), p)))
  await runtime.addLimit(recorded)
  for (const [i, p] of paths.entries()) {
    const again = await recordHot(await runtime.url('ours'), p)
    const limit = await recordResponse(await runtime.url('limit'), p)
    const why = difference(recorded[i], again) ?? difference(again, limit)
    if (why) throw new Error(`${p.name}: the limit does not repeat our answer: ${why}`)
    if (again.status !== p.status) throw new Error(`${p.name}: answered ${again.status}, expected ${p.status}`)
  }
}
