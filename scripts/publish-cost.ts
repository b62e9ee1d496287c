/**
 * npm run publish-cost -- [--counts 1000,10000,100000]
 *
 * What publishing costs in Workers KV as an archive grows: for each size, a
 * generated corpus is planned as already stored, then the planner prices one
 * change at a time against it (a new newest article, an edit, a delete, a
 * backdated article, 1,000 new articles at once) in writes, deletes and bytes,
 * as `npm run seed -- --dry-run` counts them. Pure planning: nothing is written.
 */
import { parseCommandLine, runCommand, UsageError } from './cli/command-line'
import { generateDocument, seedHash } from './corpus/corpus'
import { parseDocument } from './publish/document/parse'
import { EMPTY_STATE, manifestKeys, type PreviousState, readPreviousState } from './publish/manifest'
import { planSeed } from './publish/plan'
import { type Cost, planCost } from './publish/plan-cost'
import type { Document } from '../src/shared/records'

const COMMAND = {
  name: 'publish-cost',
  usage: 'npm run publish-cost -- [options]',
  about: 'Prices single changes to generated archives of each size in KV writes, deletes and bytes; writes nothing.',
  options: {
    counts: { type: 'string', value: 'N,N', default: '1000,10000,100000', help: 'archive sizes, comma-separated' },
  },
} as const

const STORED_AT = '2026-01-01T00:00:00Z'
const PUBLISHED_AT = '2026-02-01T00:00:00Z'

async function corpus(count: number): Promise<Document[]> {
  const seed = seedHash('cost')
  const documents: Document[] = []
  for (let i = 0; i < count; i++) {
    const { fileName, text } = generateDocument(seed, i)
    const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
    if (!parsed.ok) throw new Error(`${fileName}: ${parsed.reason}`)
    documents.push(parsed.document)
  }
  return documents
}

/** The store as a seed of these documents leaves it: the manifest its plan writes. */
async function stored(documents: readonly Document[]): Promise<PreviousState> {
  const plan = await planSeed(documents, EMPTY_STATE, STORED_AT, { values: false })
  const manifest = plan.steps.flatMap((step) => step.puts).filter((p) => manifestKeys.includes(p.key))
  return readPreviousState(new Map(manifest.map((p) => [p.key, p.read()])))
}

const dated = (n: number, at: string): Document => ({
  id: `c0${n.toString(16).padStart(14, '0')}`,
  title: `A new article number ${n}`,
  paragraphs: [`The first paragraph of new article ${n}.`, 'A second paragraph.'],
  published_at: at,
})

function changes(documents: readonly Document[]): Array<[string, Document[]]> {
  const byDate = [...documents].sort((a, b) => a.published_at.localeCompare(b.published_at))
  const middle = byDate[Math.floor(byDate.length / 2)]
  return [
    ['a new newest article', [...documents, dated(1, PUBLISHED_AT)]],
    ['an edit of one article', documents.map((doc) => (doc === middle ? { ...doc, paragraphs: [...doc.paragraphs, 'Corrected.'] } : doc))],
    ['a delete', documents.filter((doc) => doc !== middle)],
    ['a backdated article', [...documents, dated(2, middle.published_at)]],
    ['1,000 new articles at once', [...documents, ...Array.from({ length: 1000 }, (_, i) => dated(100 + i, PUBLISHED_AT))]],
  ]
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`

async function main(): Promise<number> {
  const counts = parseCommandLine(COMMAND).counts.split(',').map(Number)
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError('--counts takes whole numbers from 1')
  const rows: string[] = []
  for (const count of counts) {
    const documents = await corpus(count)
    const previous = await stored(documents)
    for (const [change, next] of changes(documents)) {
      const cost: Cost = planCost(await planSeed(next, previous, PUBLISHED_AT, { values: false }))
      rows.push(
        `| ${change} | ${count.toLocaleString('en-US')} | ${cost.writes.toLocaleString('en-US')} | ${cost.deletes} | ${megabytes(cost.bytes)} |`,
      )
      console.error(rows.at(-1))
    }
  }
  console.log(['| Change | Articles | KV writes | KV deletes | Bytes written |', '| --- | ---: | ---: | ---: | ---: |', ...rows].join('\n'))
  return 0
}

runCommand(COMMAND.name, main)
