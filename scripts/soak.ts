/**
 * npm run soak -- [--seconds 60] [--rounds 4] [--warm-up 10] [--connections 32] [--documents 1000] [--seed soak]
 *
 * Drives the deploy bundle on workerd (Miniflare, direct socket on 127.0.0.1)
 * at saturation for a fixed time with a mix of paths and conditional requests,
 * then prints Markdown: requests, errors (any connection error, timeout or
 * status other than the path answered when idle), latency percentiles, what
 * is live in the isolate after a full collection once warm and after each round
 * of the soak, and the CPU workerd and the load client used. Stops by itself;
 * exits 1 on any error.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { parseArgs, promisify } from 'node:util'
import autocannon from 'autocannon'
import { fetch as miniflareFetch, Log, LogLevel, Miniflare } from 'miniflare'
import { unstable_readConfig } from 'wrangler'
import { bundleWorker } from './bench/bundle'
import { workerdCpuSeconds } from './bench/cpu'
import { percentile } from './bench/stats'
import { writeCorpus } from './corpus/write-corpus'
import type { ArticleList } from '../src/api-schema'
import { LIST_PAGE_SIZE } from '../src/shared/keys'

const log = (line: string) => process.stderr.write(`${line}\n`)
const require = createRequire(import.meta.url)
const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version

/** One request of the mix, and the status it gets from an idle Worker. */
type SoakRequest = { path: string; headers: Record<string, string>; status: number }

type Running = { url: URL; inspector: URL; dispose(): Promise<void> }

/** Generated documents seeded into a local store by the seed CLI, as `npm start` seeds: returns the store. */
async function seededStore(dir: string, count: number, corpusSeed: string): Promise<string> {
  const [documents, store] = [join(dir, 'documents'), join(dir, 'store')]
  await writeCorpus({ count, out: documents, seed: corpusSeed })
  await promisify(execFile)('npx', ['tsx', 'scripts/seed.ts', '--dir', documents, '--persist-to', store, '--json'], { maxBuffer: 1 << 26 })
  return store
}

/** The bundle on workerd, reading the seeded store, with the V8 inspector on so the isolate's heap can be read. */
async function startWorker(scriptPath: string, store: string): Promise<Running> {
  const config = unstable_readConfig({ config: 'wrangler.toml' })
  const namespace = config.kv_namespaces.find((ns: { binding: string }) => ns.binding === 'ARTICLES')
  if (!namespace?.id) throw new Error('wrangler.toml has no ARTICLES namespace')
  const mf = new Miniflare({
    workers: [
      {
        name: 'soak',
        modules: true,
        scriptPath,
        modulesRoot: dirname(scriptPath),
        compatibilityDate: config.compatibility_date,
        compatibilityFlags: config.compatibility_flags,
        bindings: config.vars as Record<string, string>,
        kvNamespaces: { ARTICLES: namespace.id },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
    ],
    // Where `npm run seed -- --persist-to <store>` keeps KV.
    kvPersist: join(store, 'v3', 'kv'),
    inspectorPort: 0,
    log: new Log(LogLevel.WARN),
    cf: false,
  })
  await mf.ready
  return { url: await mf.unsafeGetDirectURL('soak'), inspector: await mf.getInspectorURL(), dispose: () => mf.dispose() }
}

/** The isolate's V8 heap after a full collection: compiled code and type feedback, and everything else. */
type Heap = { codeBytes: number; dataBytes: number }

type HeapSnapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] }

function heapOf(snapshot: HeapSnapshot): Heap {
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta
  const [type, size, code] = [fields.indexOf('type'), fields.indexOf('self_size'), types.indexOf('code')]
  const heap = { codeBytes: 0, dataBytes: 0 }
  for (let node = 0; node < snapshot.nodes.length; node += fields.length) {
    heap[snapshot.nodes[node + type] === code ? 'codeBytes' : 'dataBytes'] += snapshot.nodes[node + size]
  }
  return heap
}

/** A heap snapshot through the V8 inspector: taking one collects garbage first, so it holds only what is live. */
async function heapAfterCollection(inspector: URL): Promise<Heap> {
  const target = new URL('/core:user:soak', inspector)
  target.protocol = 'http:'
  const socket = (await miniflareFetch(target, { headers: { upgrade: 'websocket' } })).webSocket
  if (!socket) throw new Error(`no inspector session at ${target}`)
  socket.accept()
  const chunks: string[] = []
  const done = new Promise<void>((resolve) => {
    socket.addEventListener('message', (event: { data: unknown }) => {
      const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: { chunk: string } }
      if (message.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(message.params!.chunk)
      else if (message.id === 1) resolve()
    })
  })
  try {
    socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.takeHeapSnapshot', params: { reportProgress: false } }))
    await done
    return heapOf(JSON.parse(chunks.join('')) as HeapSnapshot)
  } finally {
    socket.close()
  }
}

/** The mix, found on the running Worker: real articles, every kind of route, conditional and failing requests. */
async function soakRequests(base: URL, articles: number): Promise<SoakRequest[]> {
  const probe = async (path: string, headers: Record<string, string> = {}): Promise<SoakRequest & { response: Response }> => {
    const response = await fetch(new URL(path, base), { headers })
    await response.arrayBuffer()
    return { path, headers, status: response.status, response }
  }
  const lastPage = Math.ceil(articles / LIST_PAGE_SIZE)
  const list = (await (await fetch(new URL('/api/articles?limit=100', base))).json()) as ArticleList
  const slugs = list.items.map((item) => item.slug)
  const fixed = [
    '/', '/?page=2', `/?page=${lastPage}`, '/api/articles', '/api/articles?limit=100', `/api/articles?cursor=${list.next_cursor}`,
    '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/robots.txt', '/openapi.json', '/embed.js', '/healthz',
    '/articles/no-such-article', '/api/articles/no-such-article', '/?page=x', '/oembed?url=https://elsewhere.example/',
  ]
  const requests: SoakRequest[] = []
  for (const path of fixed) requests.push(await probe(path))
  for (const slug of slugs) {
    const page = await probe(`/articles/${slug}`)
    const json = await probe(`/api/articles/${slug}`)
    requests.push(page, json, await probe(`/embed/${slug}?theme=dark`), await probe(`/oembed?url=${encodeURIComponent(new URL(`/articles/${slug}`, base).href)}`))
    // Revalidations: a matching ETag, a matching date, and an ETag from before a change.
    requests.push(await probe(page.path, { 'if-none-match': page.response.headers.get('etag') ?? '' }))
    requests.push(await probe(json.path, { 'if-modified-since': json.response.headers.get('last-modified') ?? '' }))
    requests.push(await probe(json.path, { 'if-none-match': '"an-older-version"' }))
  }
  const failing = requests.find((request) => request.status >= 500)
  if (failing) throw new Error(`${failing.path} answers ${failing.status} before any load`)
  return requests.map(({ path, headers, status }) => ({ path, headers, status }))
}

type Load = { requests: number; seconds: number; errors: string[]; statuses: Map<number, number>; latenciesMs: number[] }

/** One closed-loop run: every connection sends its next request of the mix as soon as the last is answered. */
async function load(base: URL, mix: SoakRequest[], connections: number, seconds: number): Promise<Load> {
  const statuses = new Map<number, number>()
  const latenciesMs: number[] = []
  const unexpected = new Map<string, number>()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: base.href,
        connections,
        duration: seconds,
        requests: mix.map((request) => ({
          method: 'GET' as const,
          path: request.path,
          headers: request.headers,
          onResponse: (status: number) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1)
            const what = `${request.path} answered ${status}, not ${request.status}`
            if (status !== request.status) unexpected.set(what, (unexpected.get(what) ?? 0) + 1)
          },
        })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    )
    run.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms))
  })
  const errors = [...unexpected].map(([what, count]) => `${count}× ${what}`)
  if (result.errors > 0) errors.push(`${result.errors} connection errors`)
  if (result.timeouts > 0) errors.push(`${result.timeouts} timeouts`)
  return { requests: latenciesMs.length, seconds: result.duration, errors, statuses, latenciesMs }
}

type Soak = Load & { heaps: Heap[]; workerdCpuSeconds: number | undefined; clientCpuSeconds: number }

/** The soak in rounds, the isolate's heap read after a full collection before the first and after each. */
async function soak(worker: Running, mix: SoakRequest[], connections: number, seconds: number, rounds: number): Promise<Soak> {
  const total: Soak = { requests: 0, seconds: 0, errors: [], statuses: new Map(), latenciesMs: [], heaps: [], workerdCpuSeconds: 0, clientCpuSeconds: 0 }
  total.heaps.push(await heapAfterCollection(worker.inspector))
  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}: ${mix.length} requests in the mix, ${connections} connections, ${seconds / rounds} s`)
    const [cpuBefore, clientBefore] = [await workerdCpuSeconds(), process.cpuUsage()]
    const run = await load(worker.url, mix, connections, seconds / rounds)
    const [cpuAfter, client] = [await workerdCpuSeconds(), process.cpuUsage(clientBefore)]
    total.requests += run.requests
    total.seconds += run.seconds
    total.errors.push(...run.errors)
    for (const [status, count] of run.statuses) total.statuses.set(status, (total.statuses.get(status) ?? 0) + count)
    for (const ms of run.latenciesMs) total.latenciesMs.push(ms)
    total.workerdCpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : total.workerdCpuSeconds! + cpuAfter - cpuBefore
    total.clientCpuSeconds += (client.user + client.system) / 1e6
    total.heaps.push(await heapAfterCollection(worker.inspector))
  }
  total.latenciesMs.sort((a, b) => a - b)
  return total
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
const ms = (value: number) => `${value.toFixed(2)} ms`
const share = (cpuSeconds: number, seconds: number) => `${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core`

type Settings = { seconds: number; warmUp: number; rounds: number; connections: number; documents: number; corpusSeed: string }

function report(result: Soak, mix: SoakRequest[], settings: Settings): string {
  const { seconds, warmUp, rounds, connections, documents, corpusSeed } = settings
  const statuses = [...result.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count.toLocaleString('en')}`).join(', ')
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
    `${documents.toLocaleString('en')} generated documents (seed "${corpusSeed}"); ${cpus().length} cores, load average ${loadavg().map((n) => n.toFixed(2)).join(', ')} at the end (1, 5, 15 min); ` +
      `Node.js ${process.versions.node}, workerd ${versionOf('workerd')}, miniflare ${versionOf('miniflare')}, autocannon ${versionOf('autocannon')}.`,
  ].join('\n')
}

function settingsFrom(args: string[]): Settings {
  const { values } = parseArgs({
    args,
    options: {
      seconds: { type: 'string', default: '60' },
      'warm-up': { type: 'string', default: '10' },
      rounds: { type: 'string', default: '4' },
      connections: { type: 'string', default: '32' },
      documents: { type: 'string', default: '1000' },
      seed: { type: 'string', default: 'soak' },
    },
  })
  const [seconds, warmUp, rounds, connections, documents] = [values.seconds, values['warm-up'], values.rounds, values.connections, values.documents].map(Number)
  if (![seconds, warmUp, rounds, connections, documents].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new Error('--seconds, --warm-up, --rounds, --connections and --documents must be whole numbers from 1')
  }
  return { seconds, warmUp, rounds, connections, documents, corpusSeed: values.seed }
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2))
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
