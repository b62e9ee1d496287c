/** The run as Markdown: the tables the benchmark prints and keeps in docs/benchmarks.md. */
import { readFile, writeFile } from 'node:fs/promises'
import type { Bundle } from './bundle'
import type { CorpusResult, Row } from './measure'
import { change } from './stats'
import { allowedRatio, missCost, scalingPairs, type Verdict } from './targets'

export type RunSettings = { connections: number; seconds: number; rounds: number; corpusSeed: string }

const BEGIN = '<!-- bench:begin (written by `npm run bench`; edit outside these marks) -->'
const END = '<!-- bench:end -->'

const table = (head: string[], rows: Array<Array<string | number>>) =>
  // The first column names the row; the others are figures, aligned right.
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

const whole = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => n.toFixed(2)
const ratio = (n: number) => n.toFixed(3)
const signedPct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`
const share = (x: number) => `${(x * 100).toFixed(1)} %`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const optional = (n: number | undefined, show: (n: number) => string) => (n === undefined ? 'n/a' : show(n))
const ranged = (r: { ratio: number; range: [number, number] }) => `${ratio(r.ratio)} (${r.range[0].toFixed(2)}–${r.range[1].toFixed(2)})`

const mainTable = (rows: readonly Row[]) =>
  table(
    [
      'Path',
      'Documents',
      'Ours req/s',
      'Limit req/s',
      'Ratio (rounds)',
      'Ours CPU µs/req',
      'Limit CPU µs/req',
      'CPU ratio',
      'p50 ms',
      'p99 ms',
      'KV ops/req hot',
      'KV ops cold',
      'Cold request ms',
    ],
    rows.map((r) => [
      r.path,
      whole(r.documents),
      whole(r.measured),
      whole(r.limit),
      ranged(r),
      optional(r.measuredCpuUs, whole),
      optional(r.limitCpuUs, whole),
      optional(r.cpuRatio, ratio),
      ms(r.p50Ms),
      ms(r.p99Ms),
      r.kv.hotPerRequest.toFixed(4),
      r.kv.cold,
      ms(r.kv.coldMs),
    ]),
  )

const controlTable = (results: readonly CorpusResult[]) =>
  table(
    ['Control: the limit against itself', 'Documents', 'Req/s', 'Req/s again', 'Ratio (rounds)', 'CPU ratio'],
    results.map(({ control: c }) => [
      c.path,
      whole(c.documents),
      whole(c.measured),
      whole(c.limit),
      ranged(c),
      optional(c.cpuRatio, ratio),
    ]),
  )

const longTailTable = (results: readonly CorpusResult[]) =>
  table(
    [
      'Long tail: every request a miss, articles at random',
      'Documents',
      'Ours req/s',
      'Bare read req/s',
      'Ratio (rounds)',
      'Ours CPU µs/req',
      'Bare read CPU µs/req',
      'Miss cost × bare read (req/s)',
      'Miss cost × bare read (CPU)',
    ],
    // The control's row: what noise alone makes of the same comparison (the bare read against itself).
    results.flatMap(({ longTail, longTailControl }) =>
      [
        ...longTail,
        ...(longTailControl ? [{ ...longTailControl, path: `control: the bare read against itself (${longTailControl.path})` }] : []),
      ].map((p) => [
        p.path,
        whole(p.documents),
        whole(p.measured),
        whole(p.limit),
        ranged(p),
        optional(p.measuredCpuUs, whole),
        optional(p.limitCpuUs, whole),
        ratio(missCost(p).throughput),
        optional(missCost(p).cpu, ratio),
      ]),
    ),
  )

/** Before issue 12, Atom and JSON Feed went out as they were (Cloudflare compresses neither type), so a changed feed cost its identity bytes. */
const feedBytesTable = (results: readonly CorpusResult[], documents: readonly number[]) =>
  table(
    ['Feed poll, bytes on the wire', 'Documents', 'Changed, identity', 'Changed, gzip', 'Gzip / identity', 'Unchanged (304)'],
    results.flatMap(({ feeds }, i) =>
      feeds.map((f) => [f.path, whole(documents[i]), whole(f.identity), whole(f.gzip), ratio(f.gzip / f.identity), whole(f.notModified)]),
    ),
  )

function scalingTable(rows: readonly Row[]): string | undefined {
  const pairs = scalingPairs(rows)
  if (pairs.length === 0) return undefined
  const [small, large] = [pairs[0][0].documents, pairs[0][1].documents].map(whole)
  const changed = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? 'n/a' : signedPct(change(a, b)))
  return table(
    [
      'Path',
      `Req/s at ${small}`,
      `Req/s at ${large}`,
      'Change',
      `Ratio at ${small}`,
      `Ratio at ${large}`,
      'Change',
      `CPU µs/req at ${small}`,
      `CPU µs/req at ${large}`,
      'Change',
      'Ratio the handler allows, change',
    ],
    pairs.map(([a, b]) => [
      a.path,
      whole(a.measured),
      whole(b.measured),
      signedPct(change(a.measured, b.measured)),
      ratio(a.ratio),
      ratio(b.ratio),
      signedPct(change(a.ratio, b.ratio)),
      optional(a.measuredCpuUs, whole),
      optional(b.measuredCpuUs, whole),
      changed(a.measuredCpuUs, b.measuredCpuUs),
      changed(allowedRatio(a), allowedRatio(b)),
    ]),
  )
}

function handlerTable(rows: readonly Row[]): string | undefined {
  const measured = rows.filter((r) => r.handler)
  if (measured.length === 0) return undefined
  const us = (n: number) => n.toFixed(1)
  return table(
    ['Hot handler alone', 'Documents', 'Ours µs/call', 'Limit µs/call', 'Extra µs', 'Limit CPU µs/req (whole)', 'Ratio it allows'],
    measured.map((r) => {
      const { oursUs, limitUs } = r.handler!
      return [
        r.path,
        whole(r.documents),
        us(oursUs),
        us(limitUs),
        us(oursUs - limitUs),
        optional(r.limitCpuUs, whole),
        optional(allowedRatio(r), ratio),
      ]
    }),
  )
}

function profileTable(rows: readonly Row[]): string | undefined {
  const profiled = rows.filter((r) => r.profile)
  if (profiled.length === 0) return undefined
  return table(
    ['Path', 'Documents', 'Our JavaScript, share of busy CPU', "The limit's JavaScript", 'Difference'],
    profiled.map((r) => {
      const { ours, limit } = r.profile!
      return [r.path, whole(r.documents), share(ours.ownJs), share(limit.ownJs), `${((ours.ownJs - limit.ownJs) * 100).toFixed(1)} points`]
    }),
  )
}

export function renderReport(
  results: readonly CorpusResult[],
  bundle: Bundle,
  verdicts: readonly Verdict[],
  settings: RunSettings,
  machine: readonly string[],
): string {
  const { connections, seconds, rounds, corpusSeed } = settings
  const rows = results.flatMap((r) => r.rows)
  const sections = [
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. ${connections} connections, ${rounds} alternating rounds of ${seconds} s per path and Worker; ` +
      `figures are medians over the rounds, each ratio the median of the rounds' ratios (lowest and highest in brackets). ` +
      `CPU is workerd's user + system time per request. Corpus seed "${corpusSeed}".`,
    machine.map((line) => `- ${line}`).join('\n'),
    mainTable(rows),
    controlTable(results),
    longTailTable(results),
    feedBytesTable(
      results,
      results.map((r) => r.longTail[0]?.documents ?? r.control.documents),
    ),
    handlerTable(rows),
    scalingTable(rows),
    profileTable(rows),
    table(
      ['Bundle', 'Built by', 'Size', 'Gzipped'],
      [['Worker', '`wrangler deploy --dry-run --outdir`', kib(bundle.bytes), kib(bundle.gzipBytes)]],
    ),
    table(
      ['Target', 'Measured', 'Met'],
      verdicts.map((v) => [v.target, v.measured, v.met ? 'yes' : '**no**']),
    ),
  ]
  return sections.filter((section) => section !== undefined).join('\n\n')
}

/** Replaces the generated part of the document, leaving the prose around it alone. */
export async function writeReport(file: string, report: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => `# Benchmarks\n\n${BEGIN}\n${END}\n`)
  const begin = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  if (begin < 0 || end < begin) throw new Error(`${file} has no ${BEGIN} … ${END} section to replace`)
  await writeFile(file, `${current.slice(0, begin + BEGIN.length)}\n${report}\n${current.slice(end)}`)
}
