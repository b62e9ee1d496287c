/**
 * npm run check:bundle [-- --keep DIR]
 *
 * The Worker's size budget, checked on the bundle a deploy would upload
 * (`wrangler deploy --dry-run`, so wrangler.toml's minify and [alias] apply).
 * The budget is ours, not Cloudflare's (docs/benchmarks.md, "Bundle size"):
 * every isolate that starts parses the whole module. The bundle fits only
 * because the [alias] swaps zod's table of translated messages for
 * src/build/zod-locales.ts; when a zod release moves that import, the alias
 * silently stops matching and the bundle grows by a third (about 133 KiB
 * gzipped). So this checks the alias by name first, and CI says why, not just
 * "too big".
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { WRANGLER_ENTRY } from './publish/wrangler-entry'

/** The most the deployed module may weigh, gzipped at zlib's default level (as wrangler's "gzip:" figure). */
const LIMIT_GZIP_BYTES = 100 * 1024
/** What wrangler.toml's [alias] puts in place of zod's locale table: it must be in the bundle. */
const ALIAS_TARGET = 'src/build/zod-locales.ts'
/** zod's message tables; English is the one zod imports directly, and the only one to keep. */
const ZOD_LOCALE = /(^|\/)node_modules\/zod\/.*\/locales\/(?!en\.js$)[^/]+$/

const USAGE = `usage: npm run check:bundle [-- --keep DIR]

Bundles the Worker as \`wrangler deploy --dry-run\` would, fails if zod's translated
messages are in it (wrangler.toml's [alias] no longer applies) or if it is over
${LIMIT_GZIP_BYTES / 1024} KiB gzipped.

  --keep DIR   write the bundle and esbuild's metafile to DIR and keep them
  --help       this text`

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const run = promisify(execFile)

/** The parts of esbuild's metafile this reads. */
type Metafile = { outputs: Record<string, { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }> }

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

async function bundle(outdir: string): Promise<{ code: Buffer; inputs: string[] }> {
  const metafile = join(outdir, 'bundle-meta.json')
  // `--env ""` is the top level of wrangler.toml, the production Worker.
  const args = [WRANGLER_ENTRY, 'deploy', '--dry-run', '--outdir', outdir, '--metafile', metafile, '--env', '']
  try {
    await run(process.execPath, args, { cwd: ROOT, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`wrangler deploy --dry-run failed:\n${`${stdout}\n${stderr}`.trim()}`)
  }
  const meta = JSON.parse(await readFile(metafile, 'utf8')) as Metafile
  const entries = Object.entries(meta.outputs).filter(([, output]) => output.entryPoint)
  if (entries.length !== 1) throw new Error(`expected one bundled module, found ${entries.length} in ${metafile}`)
  const [path, output] = entries[0]
  // The metafile names its outputs and inputs relative to the directory wrangler ran in.
  return { code: await readFile(resolve(ROOT, path)), inputs: Object.keys(output.inputs) }
}

async function main(): Promise<number> {
  let values: { keep?: string; help: boolean }
  try {
    values = parseArgs({ options: { keep: { type: 'string' }, help: { type: 'boolean', default: false } } }).values
  } catch {
    console.error(USAGE) // an unknown option or a missing value
    return 2
  }
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const outdir = values.keep ? resolve(values.keep) : await mkdtemp(join(tmpdir(), 'check-bundle-'))
  try {
    const { code, inputs } = await bundle(outdir)
    const gzipBytes = gzipSync(code).byteLength
    const problems: string[] = []
    const locales = inputs.filter((input) => ZOD_LOCALE.test(input))
    if (!inputs.includes(ALIAS_TARGET)) problems.push(`${ALIAS_TARGET} is not in the bundle: wrangler.toml's [alias] no longer applies`)
    if (locales.length > 0) problems.push(`zod's translated messages are in the bundle (${locales.length} files: ${locales[0]}, …)`)
    if (problems.length > 0) {
      problems.push('zod has probably moved its locale table: make the [alias] key the path in zod\'s `export * as locales from "…"`')
    }
    if (gzipBytes > LIMIT_GZIP_BYTES) {
      problems.push(
        `the Worker is ${kib(gzipBytes)} gzipped, over the budget of ${kib(LIMIT_GZIP_BYTES)} (by ${kib(gzipBytes - LIMIT_GZIP_BYTES)})`,
      )
    }
    console.log(`bundle: ${kib(code.byteLength)}, ${kib(gzipBytes)} gzipped (budget ${kib(LIMIT_GZIP_BYTES)}), ${inputs.length} modules`)
    for (const problem of problems) console.error(`check-bundle: ${problem}`)
    return problems.length ? 1 : 0
  } finally {
    if (!values.keep) await rm(outdir, { recursive: true, force: true })
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check-bundle: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
