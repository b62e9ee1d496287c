/**
 * npm run bench -- [what] [options]
 *
 * The one entry to the benchmarks: the first word names one of them
 * (scripts/bench/benchmarks.ts), which then reads the options that follow;
 * without a word, or when the first argument is an option, the default (serve)
 * runs, so `npm run bench -- --counts 1000 --only search` is the serve
 * benchmark. `npm run bench -- --help` lists each; `npm run bench -- <what>
 * --help` gives that one's options.
 */
import { BENCHMARKS, type Benchmark, DEFAULT_BENCHMARK } from './bench/benchmarks'
import { runCommand, UsageError } from './cli/command-line'

/** Each benchmark's command line, loaded only when asked for: each parses process.argv and runs as it is imported. */
const LOAD: Record<Benchmark, () => Promise<unknown>> = {
  serve: () => import('./bench/serve'),
  search: () => import('./bench/search'),
  images: () => import('./bench/images'),
  'dev-reload': () => import('./bench/dev-reload'),
  scale: () => import('./bench/scale'),
}

const isBenchmark = (word: string): word is Benchmark => Object.hasOwn(BENCHMARKS, word)

const word = process.argv[2]
if (word === undefined || word.startsWith('-')) await LOAD[DEFAULT_BENCHMARK]()
else if (isBenchmark(word)) {
  // The benchmark reads its own options from process.argv, as when run alone.
  process.argv.splice(2, 1)
  await LOAD[word]()
} else
  runCommand('bench', async () => {
    throw new UsageError(`no benchmark '${word}'; one of ${Object.keys(BENCHMARKS).join(', ')}`)
  })
