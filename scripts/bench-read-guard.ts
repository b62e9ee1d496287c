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
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Miniflare } from 'miniflare'
import { unstable_readConfig } from 'wrangler'
import { articleValue } from '../src/shared/article-value'
import { articleKey } from '../src/shared/keys'
import type { StoredArticle } from '../src/shared/records'
import { bundleWorker } from './bench/bundle'
import { freePort } from './bench/free-port'
import { pinWorkerd, pinningNote } from './bench/pinning'
import { WAYS, type Way } from './bench/read-guard-entry'
import { measuredRun, type Run } from './bench/run'
import { median } from './bench/stats'
import { parseCommandLine, runCommand, UsageError } from './cli/command-line'

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

function positive(name: string, text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number from 1, not "${text}"`)
  return n
}

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
  const keys = positive('keys', values.keys)
  const options = {
    rounds: positive('rounds', values.rounds),
    seconds: positive('seconds', values.seconds),
    connections: positive('connections', values.connections),
  }
  const work = await mkdtemp(join(tmpdir(), 'bench-read-guard-'))
  try {
    const { scriptPath } = await bundleWorker(join(work, 'worker'), 'scripts/bench/read-guard-entry.ts')
    const config = unstable_readConfig({ config: 'wrangler.toml' })
    const port = await freePort()
    const mf = new Miniflare({
      modules: true,
      scriptPath,
      modulesRoot: dirname(scriptPath),
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      kvNamespaces: ['ARTICLES'],
      kvPersist: join(work, 'kv'),
      unsafeDirectSockets: [{ host: '127.0.0.1', port }],
    })
    try {
      await mf.ready
      await pinWorkerd()
      const kv = await mf.getKVNamespace('ARTICLES')
      for (let i = 0; i < keys; i++) await kv.put(articleKey(`article-${i}`), articleValue(article(i)))
      const base = new URL(`http://127.0.0.1:${port}`)
      const scripts = Object.fromEntries(
        await Promise.all(
          WAYS.map(async (way) => {
            const script = join(work, `${way}.lua`)
            const paths = Array.from({ length: keys }, (_, i) => JSON.stringify(`/${way}/article-${i}`)).join(', ')
            await writeFile(
              script,
              `local paths = { ${paths} }\nmath.randomseed(12)\nrequest = function() return wrk.format(nil, paths[math.random(#paths)]) end`,
            )
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
    } finally {
      await mf.dispose()
    }
    return 0
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

runCommand(COMMAND.name, main)
