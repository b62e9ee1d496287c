/**
 * One load run with wrk: fixed connections for a fixed time against a
 * 127.0.0.1 URL, from one client thread. wrk rather than a Node client
 * because on a small machine a Node client runs out of CPU before workerd
 * does, and the "limit" would then be the client's, not the runtime's.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { onClientCores } from './pinning'

const run = promisify(execFile)

export type LoadOptions = {
  connections: number
  seconds: number
  headers?: Record<string, string>
  /** A wrk Lua script that picks each request's path (see long-tail.ts). */
  script?: string
}

export type LoadResult = { requests: number; perSecond: number; p50Ms: number; p99Ms: number }

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 }

function figure(output: string, pattern: RegExp, what: string): RegExpMatchArray {
  const match = output.match(pattern)
  if (!match) throw new Error(`wrk printed no ${what}:\n${output}`)
  return match
}

const latencyMs = (output: string, percentile: number) => {
  const [, value, unit] = figure(output, new RegExp(`^\\s*${percentile}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm'), `${percentile}th percentile`)
  return Number(value) * MS_PER_UNIT[unit]
}

/** wrk's version, for the record; fails plainly when wrk is missing, before anything is generated. */
export async function loadToolVersion(): Promise<string> {
  const { stdout } = await run('wrk', ['--version']).catch((error: NodeJS.ErrnoException & { stdout?: string }) => {
    if (error.code === 'ENOENT') throw new Error('the benchmark needs wrk on the PATH (apt-get install wrk, or brew install wrk)')
    return { stdout: error.stdout ?? '' } // wrk prints its version, then exits 1
  })
  return stdout.match(/^wrk \S+/)?.[0] ?? 'wrk'
}

export async function load(url: URL, options: LoadOptions): Promise<LoadResult> {
  const headers = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}: ${value}`])
  const { stdout } = await run(
    ...onClientCores('wrk', [
      '--threads',
      '1',
      '--connections',
      String(options.connections),
      '--duration',
      `${options.seconds}s`,
      '--timeout',
      '10s',
      '--latency',
      ...headers,
      ...(options.script ? ['--script', options.script] : []),
      url.href,
    ]),
  )
  // Any status outside 2xx and 3xx, or any socket error, spoils the run. Which of 200 and 304
  // each path answers is checked before the load, on the exact request the load repeats.
  const failures = [stdout.match(/Non-2xx or 3xx responses: \d+/)?.[0], stdout.match(/Socket errors: .*/)?.[0]].filter(Boolean)
  if (failures.length > 0) throw new Error(`${url.pathname}: ${failures.join('; ')}`)
  const [, requests] = figure(stdout, /(\d+) requests in/, 'request count')
  const [, perSecond] = figure(stdout, /Requests\/sec:\s*([\d.]+)/, 'rate')
  return { requests: Number(requests), perSecond: Number(perSecond), p50Ms: latencyMs(stdout, 50), p99Ms: latencyMs(stdout, 99) }
}
