/**
 * npm run bench -- search [--counts 1000,10000,100000] [--queries 200] [--publishes N]
 *
 * The search index's figures (issue 13): for each size of generated corpus, the
 * time to build the index as a first seed does and its size in KV against the
 * articles' text; then queries run by the Worker's own engine over those values,
 * each chunk parsed and validated as the Worker reads it from KV: KV round trips,
 * keys and bytes read, and CPU time with nothing cached. A repeated query is the
 * isolate cache's (src/http/response-cache.ts): no KV read, no engine. Node's V8
 * stands in for workerd's; the figures are of this machine, shared or not.
 *
 * With --publishes, each index then takes that many more generated articles,
 * one publish each as `npm run seed` plans them, and the queries run again
 * every thousand: what a cold query reads as the archive grows after a build.
 */
import { parseCommandLine, positiveOption, runCommand } from '../cli/command-line'
import { generateDocument, seedHash } from '../corpus/corpus'
import { summarize } from '../publish/document/derive'
import { parseDocument } from '../publish/document/parse'
import { planSearch, type SearchArticle } from '../publish/search/plan-search'
import { EMPTY_SEARCH } from '../publish/search/state'
import { rank, type SearchSource, withDocs } from '../../src/search/engine'
import { parseQuery } from '../../src/search/query'
import { makeSnippet } from '../../src/search/snippet'
import { DocChunkSchema, opening, SEARCH_DIR_KEY, SearchDirectorySchema, TermChunkSchema } from '../../src/shared/search-index'
import { terms } from '../../src/shared/search-tokens'
import type { z } from 'zod'

const COMMAND = {
  name: 'bench search',
  usage: 'npm run bench -- search [options]',
  about: 'Builds the search index of generated corpora and runs queries on it with the Worker engine; writes nothing.',
  options: {
    counts: { type: 'string', value: 'N,N', default: '1000,10000,100000', help: 'corpus sizes, comma-separated' },
    queries: { type: 'string', value: 'N', default: '200', help: 'queries per size' },
    publishes: { type: 'string', value: 'N', default: '0', help: 'articles then published one at a time, queried every 1,000 (0: none)' },
  },
} as const

const encoder = new TextEncoder()
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)]

type Doc = SearchArticle & { body: string }

async function corpus(count: number, from = 0): Promise<{ docs: Doc[]; textBytes: number }> {
  const seed = seedHash('bench-search')
  const docs: Doc[] = []
  let textBytes = 0
  for (let i = from; i < from + count; i++) {
    const { fileName, text } = generateDocument(seed, i)
    const parsed = await parseDocument(fileName, encoder.encode(text))
    if (!parsed.ok) throw new Error(parsed.reason)
    const { id, title, paragraphs, published_at } = parsed.document
    textBytes += encoder.encode(title).length + paragraphs.reduce((n, p) => n + encoder.encode(p).length, 0)
    docs.push({ id, slug: `a-${id}`, title, summary: summarize(paragraphs[0]), published_at, body: paragraphs.join('\n') })
  }
  return { docs, textBytes }
}

/** The stored values, each with its size in bytes, measured once: the Worker never measures what it reads. */
type Stored = { values: ReadonlyMap<string, string>; bytes: ReadonlyMap<string, number> }
const storedOf = (values: ReadonlyMap<string, string>): Stored => ({
  values,
  bytes: new Map([...values].map(([key, value]) => [key, encoder.encode(value).length])),
})

/** A SearchSource over stored values that parses and validates each as the Worker's KV reads do, counting what it reads. */
function counted({ values, bytes }: Stored) {
  const reads = { gets: 0, keys: 0, bytes: 0 }
  const get =
    <T>(schema: z.ZodType<T>) =>
    async (keys: readonly string[]) => {
      reads.gets++
      reads.keys += keys.length
      return new Map(
        keys.map((key): [string, T | null] => {
          const raw = values.get(key)
          reads.bytes += bytes.get(key) ?? 0
          return [key, raw === undefined ? null : schema.parse(JSON.parse(raw))]
        }),
      )
    }
  const source: SearchSource = { chunks: get(TermChunkSchema), docs: get(DocChunkSchema) }
  return { source, reads }
}

/** Queries of one to three words of random documents, the last cut to a prefix a third of the time. */
function queriesOf(docs: readonly Doc[], count: number): string[] {
  let state = seedHash('bench-queries')
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
  return Array.from({ length: count }, () => {
    const doc = docs[Math.floor(random() * docs.length)]
    const words = terms(`${doc.title} ${doc.body.slice(0, 400)}`)
    const picked = Array.from({ length: 1 + Math.floor(random() * 3) }, () => words[Math.floor(random() * words.length)])
    const last = picked.length - 1
    if (random() < 0.33 && picked[last].length > 4) picked[last] = picked[last].slice(0, 3)
    return picked.join(' ')
  })
}

const NOW = '2030-01-01T00:00:00Z'

type QueryFigures = { cpu: number[]; bytes: number[]; gets: number[]; cut: number }

/** The queries with nothing cached, each as the Worker runs it: the directory read and validated, ranked, the shown documents read and their snippets made. */
async function runQueries(values: ReadonlyMap<string, string>, queries: readonly string[]): Promise<QueryFigures> {
  const now = Date.parse(NOW)
  const figures: QueryFigures = { cpu: [], bytes: [], gets: [], cut: 0 }
  const stored = storedOf(values)
  for (const q of queries) {
    const { source, reads } = counted(stored)
    const begun = performance.now()
    // As the Worker reads the directory: one get, validated.
    reads.gets++
    const rawDir = values.get(SEARCH_DIR_KEY)!
    reads.bytes += stored.bytes.get(SEARCH_DIR_KEY)!
    const dir = SearchDirectorySchema.parse(JSON.parse(rawDir))
    const query = parseQuery(q)
    const ranked = await rank(dir, source, query, now, 'relevance')
    // The snippets too: each shown result's window around its best match.
    for (const { doc } of await withDocs(dir, source, ranked.hits.slice(0, 10))) makeSnippet(opening(doc!), query)
    figures.cpu.push(performance.now() - begun)
    figures.bytes.push(reads.bytes)
    figures.gets.push(reads.gets)
    if (ranked.cut) figures.cut++
  }
  return figures
}

const cells = ({ cpu, bytes, gets, cut }: QueryFigures) =>
  `${median(cpu).toFixed(1)} ms (p95 ${p95(cpu).toFixed(1)}) | ${kb(median(bytes))} (p95 ${kb(p95(bytes))}, max ${kb(Math.max(...bytes))}) | ` +
  `${Math.max(...gets)} | ${cut} of ${cpu.length} |`

type Bench = { row: string; growth: string[] }

async function benchOne(count: number, queryCount: number, publishes: number): Promise<Bench> {
  const { docs, textBytes } = await corpus(count)
  const bodies = new Map(docs.map((d) => [d.id, d.body]))
  const body = (id: string) => bodies.get(id)!
  const started = performance.now()
  const plan = await planSearch({ articles: docs, body, changed: new Set(docs.map((d) => d.id)), previous: EMPTY_SEARCH, now: NOW })
  const values = new Map(plan.puts.map((put) => [put.key, put.read()]))
  const buildMs = performance.now() - started
  const indexBytes = [...values].reduce((n, [key, value]) => n + encoder.encode(key).length + encoder.encode(value).length, 0)
  const row =
    `| ${count.toLocaleString('en-US')} | ${(buildMs / 1000).toFixed(1)} s | ${plan.puts.length.toLocaleString('en-US')} | ${mb(indexBytes)} | ` +
    `${mb(textBytes)} (${((100 * indexBytes) / textBytes).toFixed(0)} %) | ${cells(await runQueries(values, queriesOf(docs, queryCount)))}`

  // Then one article a publish, each planned from the state the last one left, its writes applied to the values.
  const growth: string[] = []
  const { docs: later } = await corpus(publishes, count)
  for (const doc of later) bodies.set(doc.id, doc.body)
  const articles = [...docs]
  let state = plan.state
  let writes = 0
  for (const [i, doc] of later.entries()) {
    articles.push(doc)
    const next = await planSearch({ articles, body, changed: new Set([doc.id]), previous: state, now: NOW })
    for (const put of next.puts) values.set(put.key, put.read())
    for (const key of next.deletes) values.delete(key)
    writes += next.puts.length + next.deletes.length
    state = next.state
    if ((i + 1) % 1000 !== 0 && i + 1 !== publishes) continue
    const figures = await runQueries(values, queriesOf(articles, queryCount))
    growth.push(
      `| ${count.toLocaleString('en-US')} | ${(i + 1).toLocaleString('en-US')} | ${(writes / (i + 1)).toFixed(2)} | ${state.dir!.segments.length} | ${cells(figures)}`,
    )
    console.error(growth.at(-1))
  }
  return { row, growth }
}

async function main(): Promise<number> {
  const options = parseCommandLine(COMMAND)
  const counts = options.counts.split(',').map((n) => positiveOption('counts', n))
  const queries = positiveOption('queries', options.queries)
  // 0 is allowed: no publishes after the build.
  const publishes = options.publishes === '0' ? 0 : positiveOption('publishes', options.publishes)
  const benches: Bench[] = []
  for (const count of counts) {
    benches.push(await benchOne(count, queries, publishes))
    console.error(benches.at(-1)!.row)
  }
  const columns = 'Cold query CPU, median | KV bytes read, median | KV gets, most | Queries cut |'
  const lines = [
    `| Articles | Build | Keys | Index in KV | Articles' text | ${columns}`,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...benches.map((b) => b.row),
  ]
  if (publishes > 0)
    lines.push(
      '',
      `| Articles built | Then published | Search keys a publish, mean | Segments | ${columns}`,
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...benches.flatMap((b) => b.growth),
    )
  console.log(lines.join('\n'))
  return 0
}

runCommand(COMMAND.name, main)
