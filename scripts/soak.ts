/**
 * npm run soak -- [--seconds 60] [--rounds 4] [--warm-up 10] [--connections 32] [--documents 1000] [--seed soak]
 *
 * Drives the deploy bundle on workerd (Miniflare, direct socket on 127.0.0.1)
 * at saturation for a fixed time with a mix of paths and conditional requests,
 * then prints Markdown: requests, errors (any connection error, timeout or
 * status other than the path answered when idle), latency percentiles, what
 * is live in the isolate after a full collection once warm and after each round
 * of the soak, and the CPU workerd and the load client used. Stops by itself;
 * exits 1 on any error. The parts are in scripts/soak/.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleWorker } from './bench/bundle'
import { parseCommandLine, runCommand, UsageError, type Values } from './cli/command-line'
import { load } from './soak/load'
import { soakRequests } from './soak/mix'
import { report, type Settings } from './soak/report'
import { soak } from './soak/rounds'
import { seededStore } from './soak/store'
import { startWorker } from './soak/worker'

const COMMAND = {
  name: 'soak',
  usage: 'npm run soak -- [options]',
  about: [
    'Seeds generated documents into a local store and drives the deploy bundle on workerd at saturation',
    'with a mix of paths and conditional requests, then prints Markdown: requests, errors, latency, the',
    "isolate's live heap after each round, CPU. Exits 1 on any error.",
  ].join('\n'),
  options: {
    seconds: { type: 'string', value: 'S', default: '60', help: 'seconds of load, over all rounds' },
    'warm-up': { type: 'string', value: 'S', default: '10', help: 'seconds of load before the first heap figure' },
    rounds: { type: 'string', value: 'N', default: '4', help: 'rounds the load is cut into, the heap read after each' },
    connections: { type: 'string', value: 'N', default: '32', help: 'concurrent connections' },
    documents: { type: 'string', value: 'N', default: '1000', help: 'generated documents in the store' },
    seed: { type: 'string', value: 'S', default: 'soak', help: "the corpus generator's seed" },
  },
} as const

const log = (line: string) => process.stderr.write(`${line}\n`)

function settingsFrom(values: Values<typeof COMMAND.options>): Settings {
  const [seconds, warmUp, rounds, connections, documents] = [
    values.seconds,
    values['warm-up'],
    values.rounds,
    values.connections,
    values.documents,
  ].map(Number)
  if (![seconds, warmUp, rounds, connections, documents].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new UsageError('--seconds, --warm-up, --rounds, --connections and --documents must be whole numbers from 1')
  }
  return { seconds, warmUp, rounds, connections, documents, corpusSeed: values.seed }
}

async function main(): Promise<number> {
  const settings = settingsFrom(parseCommandLine(COMMAND))
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false'
  process.env.WRANGLER_SEND_METRICS ??= 'false'

  const work = await mkdtemp(join(tmpdir(), 'soak-'))
  try {
    log('bundling the Worker')
    const bundle = await bundleWorker(join(work, 'worker'))
    log(`${settings.documents} documents: generating and seeding`)
    const store = await seededStore(work, settings.documents, settings.corpusSeed)
    const worker = await startWorker(bundle.scriptPath, store)
    try {
      const mix = await soakRequests(worker.url, settings.documents)
      // The first heap figure is taken warm: every path prepared and cached, the hot code compiled,
      // so what the soak adds is what requests leave behind, not what a cold isolate builds once.
      log(`warming up: ${settings.warmUp} s`)
      const warming = await load(worker.url, mix, settings.connections, settings.warmUp)
      if (warming.errors.length > 0) throw new Error(`errors while warming up: ${warming.errors.join('; ')}`)
      const result = await soak(worker, mix, settings.connections, settings.seconds, settings.rounds)
      console.log(report(result, mix, settings))
      return result.errors.length === 0 ? 0 : 1
    } finally {
      await worker.dispose()
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

runCommand(COMMAND.name, main)
