/**
 * npm run bench -- scale [--counts 10000,100000] [--images]
 *
 * What grows with the archive (issue 26), measured as a newsroom meets it: for each count, a corpus
 * from the generator, then the seed command line itself, a child process each time, into a local
 * store of its own:
 *   - a dry run into the empty store: wall time, peak RSS;
 *   - the first seed: wall time, peak RSS, KV writes and bytes, the disk the store takes;
 *   - an unchanged re-seed: wall time;
 *   - one new article (the newest), published: wall time, peak RSS, KV writes and bytes.
 * Peak RSS is the process's high-water mark (its worker threads' memory included), which the child
 * reports as it exits (peak-rss.ts). Each figure is printed with its ratio to the first count's, so
 * what grows with the archive shows as a ratio near the counts' own. `--no-images` unless --images.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseCommandLine, positiveOption, runCommand } from '../cli/command-line'
import { generateDocument, seedHash } from '../corpus/corpus'
import { writeCorpus } from '../corpus/write-corpus'
import { describeMachine } from './machine'
import { REPOSITORY } from './npm-script'

const COMMAND = {
  name: 'bench scale',
  usage: 'npm run bench -- scale [options]',
  about:
    'Seeds generated corpora of each size through the seed command line and prints what grows with the archive, with each figure against the first size.',
  options: {
    counts: { type: 'string', value: 'N,N', default: '10000,100000', help: 'corpus sizes, comma-separated; the first is the ratios’ base' },
    images: { type: 'boolean', default: false, help: 'draw preview images, as a seed does by default (slow: about 16 ms an image a core)' },
  },
} as const

const PEAK_RSS = pathToFileURL(join(REPOSITORY, 'scripts/bench/peak-rss.ts')).href
const CORPUS_SEED = 'bench-scale'

type Run = { seconds: number; peakMiB: number; writes?: number; bytes?: number }

/** The seed command line on a folder and a store, as `npm run seed` runs it; its wall time, peak RSS and, with --json, its plan's cost. */
async function seed(dir: string, store: string, flags: readonly string[]): Promise<Run> {
  const rssFile = join(store, '..', `rss-${process.hrtime.bigint()}`)
  const started = performance.now()
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', PEAK_RSS, 'scripts/seed.ts', '--dir', dir, '--persist-to', store, '--json', ...flags],
      { cwd: REPOSITORY, env: { ...process.env, PEAK_RSS_FILE: rssFile }, maxBuffer: 1 << 26 },
      (error, out, err) => (error ? reject(new Error(`seed ${flags.join(' ')}: ${err || error.message}`)) : resolve(out)),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  const peakMiB = Number(await readFile(rssFile, 'utf8')) / 1024
  await rm(rssFile, { force: true })
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { writes: number; bytes: number }
  return { seconds, peakMiB, writes: summary.writes, bytes: summary.bytes }
}

/** Bytes a folder takes on disk, its files' allocated blocks summed. */
async function diskBytes(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).blocks * 512
  return total
}

type Figures = Record<string, number>

async function measure(count: number, images: boolean): Promise<Figures> {
  const root = await mkdtemp(join(tmpdir(), `bench-scale-${count}-`))
  try {
    const dir = join(root, 'articles')
    const store = join(root, 'store')
    await writeCorpus({ count, out: dir, seed: CORPUS_SEED })
    const flags = images ? [] : ['--no-images']
    const dry = await seed(dir, store, [...flags, '--dry-run'])
    const first = await seed(dir, store, flags)
    const disk = await diskBytes(store)
    const unchanged = await seed(dir, store, flags)
    // One more document of the same corpus, dated after every other (an Updated: line would be before it): a new newest article.
    const { fileName, text } = generateDocument(seedHash(CORPUS_SEED), count)
    const newest = text.replace(/^Updated: .*\n/m, '').replace(/^Published: .*$/m, `Published: ${new Date().toISOString()}`)
    await writeFile(join(dir, fileName), newest)
    const added = await seed(dir, store, flags)
    return {
      'dry run: wall time (s)': dry.seconds,
      'dry run: peak RSS (MiB)': dry.peakMiB,
      'first seed: wall time (s)': first.seconds,
      'first seed: peak RSS (MiB)': first.peakMiB,
      'first seed: KV writes': first.writes!,
      'first seed: KV bytes (MB)': first.bytes! / 1e6,
      'local store on disk (MB)': disk / 1e6,
      'local store per article (KB)': disk / count / 1e3,
      'unchanged re-seed: wall time (s)': unchanged.seconds,
      'one new article: wall time (s)': added.seconds,
      'one new article: peak RSS (MiB)': added.peakMiB,
      'one new article: KV writes': added.writes!,
      'one new article: KV bytes (MB)': added.bytes! / 1e6,
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const figure = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(n < 10 ? 2 : 1))

async function main(): Promise<number> {
  const options = parseCommandLine(COMMAND)
  const counts = options.counts.split(',').map((n) => positiveOption('counts', n))
  // The machine and the tools; not the cores' pinning, which only the serve benchmark does.
  for (const line of (await describeMachine()).slice(0, 2)) console.log(line)
  console.log(`Generated corpora (seed ${CORPUS_SEED}), ${options.images ? 'with' : 'without'} preview images\n`)
  const runs: Figures[] = []
  for (const count of counts) {
    console.error(`bench scale: ${count.toLocaleString('en-US')} articles…`)
    runs.push(await measure(count, options.images))
  }
  const base = counts[0].toLocaleString('en-US')
  const header = [
    'measure',
    ...counts.flatMap((count, i) => (i === 0 ? [count.toLocaleString('en-US')] : [count.toLocaleString('en-US'), `× ${base}`])),
  ]
  console.log(`| ${header.join(' | ')} |`)
  console.log(`| --- |${' ---: |'.repeat(header.length - 1)}`)
  for (const name of Object.keys(runs[0])) {
    const cells = runs.flatMap((run, i) =>
      i === 0 ? [figure(run[name])] : [figure(run[name]), `${(run[name] / runs[0][name]).toFixed(2)}`],
    )
    console.log(`| ${name} | ${cells.join(' | ')} |`)
  }
  return 0
}

runCommand(COMMAND.name, main)
