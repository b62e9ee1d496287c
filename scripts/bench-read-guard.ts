/**
 * npx tsx scripts/bench-read-guard.ts [--keys N] [--rounds N] [--seconds S] [--connections N]
 *
 * What the Worker's read guard costs on a miss, in workerd with real local KV:
 * N article values (the seed's format, a record of a few KB) are stored, and
 * wrk asks for them at random three ways, in alternating rounds: the KV get
 * alone, the get inside the read guard (its 2 s timeout), and the Worker's own
 * read of an article value (the guard and the header line's schema check).
 * Prints workerd's CPU per request and req/s, each way against the bare get.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { articleValue } from '../src/shared/article-value'
import { articleKey } from '../src/shared/keys'
import type { StoredArticle } from '../src/shared/records'
import { freePort } from './bench/free-port'
import { luaScript } from './bench/long-tail'
import { withOneWorker } from './bench/one-worker'
import { pinWorkerd, pinningNote } from './bench/pinning'
import { WAYS, type Way } from './bench/read-guard-entry'
import { measuredRun, type Run } from './bench/run'
import { median } from './bench/stats'
import { parseCommandLine, positiveOption, runCommand } from './cli/command-line'

const COMMAND = {
  name: 'bench-read-guard',
  usage: 'npx tsx scripts/bench-read-guard.ts [options]',
  about: "Loads a Worker reading random article values three ways (bare, guarded, the Worker's own read); prints CPU per request.",
  options: {
    keys: { type: 'string', value: 'N', default: '1000', help: 'article values stored and read at random' },
    rounds: { type: 'string', value: 'N', default: '7', help: 'alternating rounds per way' },
    seconds: { type: 'string', value: 'S', default: '2', help: 'seconds of load per round' },
    connections: { type: 'string', value: 'N', default: '8', help: 'concurrent connections' },
  },
} as const

/** A stored article of a few KB, as the seed writes one without prepared answers. */
function article(i: number): StoredArticle {
  const paragraphs = Array.from({ length: 8 }, (_, p) => `Paragraph ${p} of article ${i}: ${'news '.repeat(60)}`)
  return {
    id: `article-${i}`,
    slug: `article-${i}`,
    title: `Article ${i}`,
    paragraphs,
    summary: paragraphs[0],
    published_at: '2026-11-01T09:00:00Z',
    modified_at: '2026-11-01T09:00:00Z',
    word_count: 8 * 64,
    reading_time_minutes: 3,
    content_hash: '0'.repeat(64),
  } as StoredArticle
}

async function main(): Promise<number> {
  const values = parseCommandLine(COMMAND)
  const keys = positiveOption('keys', values.keys)
  const options = {
    rounds: positiveOption('rounds', values.rounds),
    seconds: positiveOption('seconds', values.seconds),
    connections: positiveOption('connections', values.connections),
  }
  const port = await freePort()
  const worker = (dir: string) => ({
    kvNamespaces: ['ARTICLES'],
    kvPersist: join(dir, 'kv'),
    unsafeDirectSockets: [{ host: '127.0.0.1', port }],
  })
  return withOneWorker('scripts/bench/read-guard-entry.ts', worker, async (mf, dir) => {
    await pinWorkerd()
    const kv = await mf.getKVNamespace('ARTICLES')
    for (let i = 0; i < keys; i++) await kv.put(articleKey(`article-${i}`), articleValue(article(i)))
    const base = new URL(`http://127.0.0.1:${port}`)
    const scripts = Object.fromEntries(
      await Promise.all(
        WAYS.map(async (way) => {
          const script = join(dir, `${way}.lua`)
          await writeFile(script, luaScript(Array.from({ length: keys }, (_, i) => `/${way}/article-${i}`)))
          return [way, script]
        }),
      ),
    ) as Record<Way, string>
    const runs = Object.fromEntries(WAYS.map((way) => [way, [] as Run[]])) as Record<Way, Run[]>
    const run = (way: Way, seconds: number) => measuredRun(base, { ...options, seconds, script: scripts[way] })
    for (const way of WAYS) await run(way, 1)
    for (let round = 0; round < options.rounds; round++) {
      // Alternate the order, so drift in the machine's load favours no way.
      for (const way of round % 2 === 0 ? WAYS : [...WAYS].reverse()) runs[way].push(await run(way, options.seconds))
    }
    const cpu = (way: Way) => runs[way].map((r) => r.cpuUs ?? Number.NaN)
    const bare = median(cpu('bare'))
    console.log(`${keys} article values at random, ${options.rounds} rounds of ${options.seconds} s each way; ${pinningNote}\n`)
    console.log('| Read | req/s, median | workerd CPU µs per request, median (range) | × the bare get |\n| --- | ---: | ---: | ---: |')
    for (const way of WAYS) {
      const mine = cpu(way)
      const range = `${Math.min(...mine).toFixed(0)}–${Math.max(...mine).toFixed(0)}`
      console.log(
        `| ${way} | ${Math.round(median(runs[way].map((r) => r.perSecond)))} | ${median(mine).toFixed(0)} (${range}) | ${(median(mine) / bare).toFixed(3)} |`,
      )
    }
    return 0
  })
}

runCommand(COMMAND.name, main)
