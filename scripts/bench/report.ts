/** The run as Markdown: the tables the benchmark prints and keeps in docs/benchmarks.md. */
import { readFile, writeFile } from 'node:fs/promises'
import type { Bundle } from './bundle'
import type { Row } from './measure'
import { change } from './stats'
import { scalingPairs, type Verdict } from './targets'

export type RunSettings = { connections: number; seconds: number; rounds: number; corpusSeed: string }

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these marks) -->'
const END = '<!-- bench:end -->'

const table = (head: string[], rows: Array<Array<string | number>>) =>
  // The first column names the row; the others are figures, aligned right.
  [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')

const whole = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => n.toFixed(2)
const signedPct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

const optional = (n: number | undefined, show: (n: number) => string) => (n === undefined ? 'n/a' : show(n))

export function renderReport(rows: readonly Row[], bundle: Bundle, verdicts: readonly Verdict[], settings: RunSettings, machine: readonly string[]): string {
  const { connections, seconds, rounds, corpusSeed } = settings
  const sections = [
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ${connections} connections, ${rounds} alternating rounds of ${seconds} s per path and Worker; ` +
      `figures are medians over the rounds, each ratio the median of the rounds' ratios. CPU is workerd's user + system time per request. Corpus seed "${corpusSeed}".`,
    machine.map((line) => `- ${line}`).join('\n'),
    table(
      ['Path', 'Documents', 'Ours req/s', 'Limit req/s', 'Ratio', 'Ours CPU µs/req', 'Limit CPU µs/req', 'CPU ratio', 'p50 ms', 'p99 ms', 'KV ops/req hot', 'KV ops cold', 'Cold request ms'],
      rows.map((r) => [
        r.path, whole(r.documents), whole(r.ours), whole(r.limit), r.ratio.toFixed(3),
        optional(r.oursCpuUs, whole), optional(r.limitCpuUs, whole), optional(r.cpuRatio, (n) => n.toFixed(3)),
        ms(r.p50Ms), ms(r.p99Ms), r.kv.hotPerRequest.toFixed(4), r.kv.cold, ms(r.kv.coldMs),
      ]),
    ),
  ]
  const pairs = scalingPairs(rows)
  if (pairs.length) {
    const [small, large] = [pairs[0][0].documents, pairs[0][1].documents].map(whole)
    const changed = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 'n/a' : signedPct(change(a, b)))
    sections.push(
      table(
        ['Path', `Req/s at ${small}`, `Req/s at ${large}`, 'Change', `Ratio at ${small}`, `Ratio at ${large}`, 'Change', `CPU µs/req at ${small}`, `CPU µs/req at ${large}`, 'Change'],
        pairs.map(([a, b]) => [
          a.path, whole(a.ours), whole(b.ours), signedPct(change(a.ours, b.ours)),
          a.ratio.toFixed(3), b.ratio.toFixed(3), signedPct(change(a.ratio, b.ratio)),
          optional(a.oursCpuUs, whole), optional(b.oursCpuUs, whole), changed(a.oursCpuUs, b.oursCpuUs),
        ]),
      ),
    )
  }
  sections.push(table(['Bundle', 'Built by', 'Size', 'Gzipped'], [['Worker', '`wrangler deploy --dry-run --outdir`', kib(bundle.bytes), kib(bundle.gzipBytes)]]))
  sections.push(table(['Target', 'Measured', 'Met'], verdicts.map((v) => [v.target, v.measured, v.met ? 'yes' : '**no**'])))
  return sections.join('\n\n')
}

/** Replaces the generated part of the document, leaving the prose around it alone. */
export async function writeReport(file: string, report: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => `# Benchmarks\n\n${BEGIN}\n${END}\n`)
  const begin = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${BEGIN} … ${END} section to replace`)
  await writeFile(file, `${current.slice(0, begin + BEGIN.length)}\n${report}\n${current.slice(end)}`)
}
