/**
 * npx tsx scripts/bench-headers.ts [--calls N] [--rounds N]
 *
 * What a Response's headers cost in workerd, per Response: made from a list of
 * pairs, from a `Headers` (as every answer is made), and made as on a miss (a
 * representation's headers copied from its route's template, then the
 * Response). Each round is one request that makes N Responses in a loop; the
 * time per Response is the round's wall time over N, the median of the rounds.
 */
import type { Way } from './bench/headers-entry'
import { withOneWorker } from './bench/one-worker'
import { median } from './bench/stats'
import { parseCommandLine, positiveOption, runCommand } from './cli/command-line'

const COMMAND = {
  name: 'bench-headers',
  usage: 'npx tsx scripts/bench-headers.ts [options]',
  about: "Times making a Response with an article answer's headers in workerd, four ways; prints a table.",
  options: {
    calls: { type: 'string', value: 'N', default: '20000', help: 'Responses made per round' },
    rounds: { type: 'string', value: 'N', default: '7', help: 'rounds per way' },
  },
} as const

const WAYS: readonly Way[] = ['no headers', 'pairs', 'Headers', 'made as on a miss']

async function main(): Promise<number> {
  const values = parseCommandLine(COMMAND)
  const calls = positiveOption('calls', values.calls)
  const rounds = positiveOption('rounds', values.rounds)
  return withOneWorker(
    'scripts/bench/headers-entry.ts',
    () => ({}),
    async (mf) => {
      const base = await mf.ready
      const time = async (way: Way, n: number) => {
        const started = performance.now()
        const response = await fetch(`${base}?way=${encodeURIComponent(way)}&n=${n}`)
        if (!response.ok) throw new Error(`${way}: ${response.status} ${await response.text()}`)
        await response.text()
        return performance.now() - started
      }
      const rows: string[] = []
      for (const way of WAYS) {
        await time(way, Math.ceil(calls / 10))
        const perResponse: number[] = []
        for (let r = 0; r < rounds; r++) perResponse.push(((await time(way, calls)) * 1000) / calls)
        rows.push(
          `| ${way} | ${median(perResponse).toFixed(2)} | ${Math.min(...perResponse).toFixed(2)}–${Math.max(...perResponse).toFixed(2)} |`,
        )
      }
      console.log(`Responses made in workerd, ${calls} a round, ${rounds} rounds\n`)
      console.log('| Headers given as | µs per Response, median | Range |\n| --- | ---: | ---: |')
      console.log(rows.join('\n'))
      return 0
    },
  )
}

runCommand(COMMAND.name, main)
