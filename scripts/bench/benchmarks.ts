/**
 * The benchmarks `npm run bench -- <what>` runs, one line each on what it
 * measures: the entry's `--help` lists them, and docs/benchmarks.md gives each
 * one's figure. Data only, so the entry and the default benchmark's help can
 * both read it without importing each other.
 */
export const BENCHMARKS = {
  serve: 'the Worker as deployed, on workerd, against a limit Worker: hot paths, long tail, feed bytes, KV operations, bundle',
  search: "the search index: build time, size in KV, a cold query's reads and CPU, as the archive grows",
  images: 'link-preview images: time per image per core, mean and largest size',
  'dev-reload': 'npm run dev: how soon the index page shows an edited title, from the write',
  scale: 'the seed as the archive grows: dry run, first seed, unchanged re-seed, one new article: time, peak RSS, writes, disk',
} as const

export type Benchmark = keyof typeof BENCHMARKS

/** The one run when no word is given. */
export const DEFAULT_BENCHMARK: Benchmark = 'serve'

/** The list for a help text: each benchmark and its line, the default marked. */
export function benchmarkList(): string {
  const width = Math.max(...Object.keys(BENCHMARKS).map((name) => name.length)) + 2
  return Object.entries(BENCHMARKS)
    .map(([name, about]) => `  ${name.padEnd(width)}${about}${name === DEFAULT_BENCHMARK ? ' (the default)' : ''}`)
    .join('\n')
}
