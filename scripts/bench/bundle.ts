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

const run = promisify(execFile)

export type Bundle = { scriptPath: string; bytes: number; gzipBytes: number }

/** Bundles `entry` (default: wrangler.toml's `main`) into `outdir`; unminified when asked, so a profile names functions as the source does. */
export async function bundleWorker(outdir: string, entry?: string, { minify = true } = {}): Promise<Bundle> {
  // `--env ""` is the top-level environment, the production Worker.
  const args = [
    WRANGLER_ENTRY,
    'deploy',
    ...(entry ? [entry] : []),
    '--dry-run',
    '--outdir',
    outdir,
    '--env',
    '',
    ...(minify ? [] : ['--minify=false']),
  ]
  await run(process.execPath, args, { env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } })
  // The module is named after the entry (index.js, counting-entry.js); beside it only its source map.
  const [module] = (await readdir(outdir)).filter((name) => name.endsWith('.js'))
  const scriptPath = join(outdir, module)
  const code = await readFile(scriptPath)
  // zlib's default level over the module, as wrangler computes its "gzip:" figure and Cloudflare its limit.
  return { scriptPath, bytes: code.byteLength, gzipBytes: gzipSync(code).byteLength }
}
