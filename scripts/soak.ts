/**
 * npm run soak -- [--seconds 60] [--warm-up 10] [--connections 32] [--documents 1000] [--seed soak]
 *
 * Drives the deploy bundle on workerd (Miniflare, direct socket on 127.0.0.1)
 * at saturation for a fixed time with a mix of paths and conditional requests,
 * then prints Markdown: requests, errors (any connection error, timeout or
 * status other than the path answered when idle), latency percentiles, the
 * isolate's V8 heap after a full collection once warm and after the soak, and
 * the CPU workerd and the load client used. Stops by itself; exits 1 on any error.
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
import { writeCorpus } from './lib/write-corpus'
import type { ArticleList } from '../src/schema'

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

/** The isolate's V8 heap after a full collection: a heap snapshot collects first; its chunks are dropped. */
async function heapAfterCollection(inspector: URL): Promise<{ usedBytes: number; totalBytes: number }> {
  const target = new URL('/core:user:soak', inspector)
  target.protocol = 'http:'
  const socket = (await miniflareFetch(target, { headers: { upgrade: 'websocket' } })).webSocket
  if (!socket) throw new Error(`no inspector session at ${target}`)
  socket.accept()
  let next = 0
  const call = (method: string, params = {}) =>
    new Promise<Record<string, number>>((resolve) => {
      const id = ++next
      const onMessage = (event: { data: unknown }) => {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, number> }
        if (message.id !== id) return
        socket.removeEventListener('message', onMessage)
        resolve(message.result ?? {})
      }
      socket.addEventListener('message', onMessage)
      socket.send(JSON.stringify({ id, method, params }))
    })
  try {
    await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
    const usage = await call('Runtime.getHeapUsage')
    return { usedBytes: usage.usedSize, totalBytes: usage.totalSize }
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
  const lastPage = Math.ceil(articles / 20)
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

type SoakResult = { requests: number; perSecond: number; errors: string[]; statuses: Map<number, number>; latenciesMs: number[] }

async function soak(base: URL, mix: SoakRequest[], connections: number, seconds: number): Promise<SoakResult> {
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
  latenciesMs.sort((a, b) => a - b)
  return { requests: latenciesMs.length, perSecond: latenciesMs.length / result.duration, errors, statuses, latenciesMs }
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`
const ms = (value: number) => `${value.toFixed(2)} ms`

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      'warm-up': { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
      documents: { type: 'string', default: '1000' },
      seed: { type: 'string', default: 'soak' },
    },
  })
  const [seconds, warmUp, connections, documents] = [values.seconds, values['warm-up'], values.connections, values.documents].map(Number)
  if (![seconds, warmUp, connections, documents].every((n) => Number.isSafeInteger(n) && n > 0)) {
    throw new Error('--seconds, --warm-up, --connections and --documents must be whole numbers from 1')
  }
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false'
  process.env.WRANGLER_SEND_METRICS ??= 'false'

  const work = await mkdtemp(join(tmpdir(), 'soak-'))
  try {
    log('bundling the Worker')
    const bundle = await bundleWorker(join(work, 'worker'))
    log(`${documents} documents: generating and seeding`)
    const store = await seededStore(work, documents, values.seed)
    const worker = await startWorker(bundle.scriptPath, store)
    try {
      const mix = await soakRequests(worker.url, documents)
      // The first figure is taken warm: every path prepared and cached, the hot code compiled,
      // so what the soak adds is what requests leave behind, not what a cold isolate builds once.
      log(`warming up: ${warmUp} s`)
      const warming = await soak(worker.url, mix, connections, warmUp)
      if (warming.errors.length > 0) throw new Error(`errors while warming up: ${warming.errors.join('; ')}`)
      const before = await heapAfterCollection(worker.inspector)
      const cpuBefore = await workerdCpuSeconds()
      const clientBefore = process.cpuUsage()
      log(`soaking: ${mix.length} requests in the mix, ${connections} connections, ${seconds} s`)
      const result = await soak(worker.url, mix, connections, seconds)
      const cpuAfter = await workerdCpuSeconds()
      const client = process.cpuUsage(clientBefore)
      const after = await heapAfterCollection(worker.inspector)

      const share = (cpuSeconds: number) => `${((cpuSeconds / seconds) * 100).toFixed(0)} % of one core`
      const workerdCpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore
      const workerdShare = workerdCpu === undefined ? 'not measured (no /proc)' : `${share(workerdCpu)} (${Math.round((workerdCpu / result.requests) * 1e6)} µs a request)`
      const statuses = [...result.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')
      const lines = [
        `| Figure | Value |`,
        `|---|---|`,
        `| Duration, connections | ${seconds} s after ${warmUp} s of warm-up, ${connections} |`,
        `| Requests in the mix | ${mix.length} (${new Set(mix.map((r) => r.path)).size} paths, ${mix.filter((r) => Object.keys(r.headers).length).length} conditional) |`,
        `| Requests answered | ${result.requests} (${Math.round(result.perSecond)}/s) |`,
        `| Statuses | ${statuses} |`,
        `| Errors | ${result.errors.length === 0 ? 0 : result.errors.slice(0, 10).join('; ')} |`,
        `| Latency p50 / p99 / max | ${ms(percentile(result.latenciesMs, 50))} / ${ms(percentile(result.latenciesMs, 99))} / ${ms(result.latenciesMs[result.latenciesMs.length - 1] ?? NaN)} |`,
        `| Isolate heap used after a full GC, before → after | ${mib(before.usedBytes)} → ${mib(after.usedBytes)} (${after.usedBytes >= before.usedBytes ? '+' : ''}${mib(after.usedBytes - before.usedBytes)}) |`,
        `| Isolate heap reserved, before → after | ${mib(before.totalBytes)} → ${mib(after.totalBytes)} |`,
        `| CPU during the soak: workerd, load client | ${workerdShare}, ${share((client.user + client.system) / 1e6)} |`,
        '',
        `${documents} generated documents (seed "${values.seed}"); ${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at the end; ` +
          `Node.js ${process.versions.node}, workerd ${versionOf('workerd')}, miniflare ${versionOf('miniflare')}, autocannon ${versionOf('autocannon')}.`,
      ]
      console.log(lines.join('\n'))
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
