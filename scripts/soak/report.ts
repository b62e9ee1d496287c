/** The soak's result as a Markdown table, with the machine and the versions it ran on. */
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { percentile } from '../bench/stats'
import type { SoakRequest } from './mix'
import type { Soak } from './rounds'

const require = createRequire(import.meta.url)
const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version

/** How the soak was run, as its command line settled it. */
export type Settings = { seconds: number; warmUp: number; rounds: number; connections: number; documents: number; corpusSeed: string }

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
const ms = (value: number) => `${value.toFixed(2)} ms`
const share = (cpuSeconds: number, seconds: number) => `${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core`

export function report(result: Soak, mix: SoakRequest[], settings: Settings): string {
  const { seconds, warmUp, rounds, connections, documents, corpusSeed } = settings
  const statuses = [...result.statuses]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${count.toLocaleString('en')}`)
    .join(', ')
  const workerdCpu = result.workerdCpuSeconds
  const series = (bytes: number[]) => {
    const growth = bytes[bytes.length - 1] - bytes[0]
    return `${bytes.map(mib).join(' → ')} (${growth >= 0 ? '+' : '−'}${mib(Math.abs(growth))})`
  }
  return [
    `| Figure | Value |`,
    `| --- | --- |`,
    `| Load | ${connections} connections for ${seconds} s in ${rounds} rounds, after ${warmUp} s of warm-up |`,
    `| Mix | ${mix.length} requests: ${new Set(mix.map((r) => r.path)).size} paths, ${mix.filter((r) => Object.keys(r.headers).length).length} of them conditional |`,
    `| Requests answered | ${result.requests.toLocaleString('en')} (${Math.round(result.requests / result.seconds).toLocaleString('en')}/s) |`,
    `| Statuses | ${statuses} |`,
    `| Errors | ${result.errors.length === 0 ? 0 : result.errors.slice(0, 10).join('; ')} |`,
    `| Latency p50 / p99 / max | ${ms(percentile(result.latenciesMs, 50))} / ${ms(percentile(result.latenciesMs, 99))} / ${ms(result.latenciesMs[result.latenciesMs.length - 1] ?? NaN)} |`,
    `| Isolate memory after a full GC, warm then after each round: data (objects, strings, arrays, buffer contents…) | ${series(result.heaps.map((h) => h.dataBytes))} |`,
    `| The same: compiled code and type feedback | ${series(result.heaps.map((h) => h.codeBytes))} |`,
    `| CPU: workerd, load client | ${workerdCpu === undefined ? 'not measured (no /proc)' : `${share(workerdCpu, result.seconds)} (${Math.round((workerdCpu / result.requests) * 1e6)} µs a request)`}, ${share(result.clientCpuSeconds, result.seconds)} |`,
    '',
    `${documents.toLocaleString('en')} generated documents (seed "${corpusSeed}"); ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')} at the end (1, 5, 15 min); ` +
      `Node.js ${process.versions.node}, workerd ${versionOf('workerd')}, miniflare ${versionOf('miniflare')}, autocannon ${versionOf('autocannon')}.`,
  ].join('\n')
}
