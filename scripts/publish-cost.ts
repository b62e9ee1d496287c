/**
 * npm run publish-cost -- [--counts 1000,10000,100000]
 *
 * What publishing costs in Workers KV as an archive grows: for each size, a
 * generated corpus is planned as already stored, then the planner prices one
 * change at a time against it (scripts/publish/cost-scenarios.ts) in writes,
 * deletes and bytes, as `npm run seed -- --dry-run` counts them, next to the
 * bound it must stay within. Pure planning: nothing is written.
 */
import { parseCommandLine, runCommand, UsageError } from './cli/command-line'
import { type Priced, priceChanges } from './cost/scenarios'

const COMMAND = {
  name: 'publish-cost',
  usage: 'npm run publish-cost -- [options]',
  about: 'Prices single changes to generated archives of each size in KV writes, deletes and bytes; writes nothing.',
  options: {
    counts: { type: 'string', value: 'N,N', default: '1000,10000,100000', help: 'archive sizes, comma-separated' },
  },
} as const

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`

const row = (count: number, { change, bound, cost }: Priced) =>
  `| ${change} | ${count.toLocaleString('en-US')} | ${cost.writes.toLocaleString('en-US')} | ${cost.deletes} | ${megabytes(cost.bytes)} | ` +
  `≤ ${bound.writes.toLocaleString('en-US')}${Number.isFinite(bound.bytes) ? `, ≤ ${megabytes(bound.bytes)}` : ''} |`

async function main(): Promise<number> {
  const counts = parseCommandLine(COMMAND).counts.split(',').map(Number)
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--counts takes whole numbers from 1')
  const rows: string[] = []
  const archives: string[] = []
  for (const count of counts) {
    const { archive } = await priceChanges(count, (priced) => {
      rows.push(row(count, priced))
      console.error(rows.at(-1))
    })
    archives.push(
      `${archive.articles.toLocaleString('en-US')} articles, filed under ${archive.topics.toLocaleString('en-US')} topics and ${archive.authors.toLocaleString('en-US')} authors`,
    )
  }
  console.log(
    [
      '| Change | Articles | KV writes | KV deletes | Bytes written | Bound (writes and deletes, bytes) |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...rows,
      '',
      ...archives.map((line) => `- ${line}`),
    ].join('\n'),
  )
  return 0
}

runCommand(COMMAND.name, main)
