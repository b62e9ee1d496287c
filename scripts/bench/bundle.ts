/**
 * The Worker bundled exactly as a deploy would upload it: `wrangler deploy
 * --dry-run --outdir`, with the project's wrangler.toml (minify, aliases,
 * compatibility settings). Another entry (the counting build) goes through the
 * same command, as wrangler's positional script argument.
 */
import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { WRANGLER_ENTRY } from '../publish/wrangler-entry'
import type { RuntimeScripts } from './runtime'

const run = promisify(execFile)

export type Bundle = { scriptPath: string; bytes: number; gzipBytes: number }

/** Bundles `entry` (default: wrangler.toml's `main`) into `outdir`. */
export async function bundleWorker(outdir: string, entry?: string): Promise<Bundle> {
  // `--env ""` is the top-level environment, the production Worker.
  const args = [WRANGLER_ENTRY, 'deploy', ...(entry ? [entry] : []), '--dry-run', '--outdir', outdir, '--env', '']
  await run(process.execPath, args, { env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } })
  // The module is named after the entry (index.js, counting-entry.js); beside it only its source map.
  const [module] = (await readdir(outdir)).filter((name) => name.endsWith('.js'))
  const scriptPath = join(outdir, module)
  const code = await readFile(scriptPath)
  // zlib's default level over the module, as wrangler computes its "gzip:" figure and Cloudflare its limit.
  return { scriptPath, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength }
}

/** The benchmark's own Workers, bundled from their entries as ours is (runtime.ts runs them beside it). */
const BENCH_ENTRIES = {
  counting: 'scripts/bench/counting-entry.ts',
  seeder: 'scripts/bench/seeder-entry.ts',
  limit: 'scripts/bench/limit-entry.ts',
  bare: 'scripts/bench/bare-read-entry.ts',
} as const

/** Ours (wrangler.toml's `main`) and each of the benchmark's Workers, bundled side by side under `dir`: ours, and every script the runtime runs. */
export async function bundleBenchWorkers(dir: string): Promise<{ ours: Bundle; scripts: RuntimeScripts }> {
  const names = Object.keys(BENCH_ENTRIES) as Array<keyof typeof BENCH_ENTRIES>
  const [ours, ...others] = await Promise.all([
    bundleWorker(join(dir, 'worker')),
    ...names.map((name) => bundleWorker(join(dir, name), BENCH_ENTRIES[name])),
  ])
  const scripts = Object.fromEntries(names.map((name, i) => [name, others[i].scriptPath]))
  return { ours, scripts: { ...scripts, ours: ours.scriptPath } as RuntimeScripts }
}
