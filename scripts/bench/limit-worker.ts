/**
 * The limit Worker from Node: record our hot answer to each benchmarked
 * request, hand the answers to the limit Worker, and check it repeats them
 * exactly (status, headers, bytes) before anything is measured.
 */
import type { EncodedAnswer } from './limit-answer'
import type { BenchPath } from './paths'
import type { Runtime } from './runtime'

/** One answer as it came over the wire. */
async function recordResponse(base: URL, p: BenchPath): Promise<EncodedAnswer> {
  const response = await fetch(new URL(p.path, base), { headers: p.headers })
  return {
    path: p.path,
    conditional: Object.keys(p.headers).some((name) => name.toLowerCase() === 'if-none-match'),
    status: response.status,
    headers: [...response.headers],
    body: Buffer.from(await response.arrayBuffer()).toString('base64'),
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
  await (await fetch(new URL(p.path, base), { headers: p.headers })).arrayBuffer()
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
