/**
 * Workers KV through wrangler's bulk commands: `--local` writes the store that
 * `wrangler dev` reads, `--remote` the real namespace, authenticated as wrangler
 * is (`wrangler login` or CLOUDFLARE_API_TOKEN). One code path for both.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { Target } from './target'

const run = promisify(execFile)
// wrangler's own entry, run with this Node: npx would add a second or more to every batch.
const require = createRequire(import.meta.url)
const WRANGLER = join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')

export type WranglerTargetOptions = {
  remote: boolean
  /** Local store folder; wrangler's default (.wrangler/state) when absent. */
  persistTo?: string
  binding?: string
  /** wrangler environment (`--env`), e.g. "preview". */
  env?: string
}

export function wranglerTarget(options: WranglerTargetOptions): Target {
  const flags = [
    '--binding', options.binding ?? 'ARTICLES',
    options.remote ? '--remote' : '--local',
    '--preview', 'false',
    ...(options.persistTo && !options.remote ? ['--persist-to', options.persistTo] : []),
    ...(options.env ? ['--env', options.env] : []),
  ]

  // One wrangler at a time: two at once on one local store fail on its database ("KV GET failed: 500").
  let tail: Promise<void> | undefined
  function wrangler(args: string[], payload: unknown): Promise<string> {
    const started = tail ? tail.then(() => invoke(args, payload)) : invoke(args, payload)
    const done = started.then(
      () => {},
      () => {},
    )
    tail = done
    void done.then(() => {
      if (tail === done) tail = undefined
    })
    return started
  }

  async function invoke(args: string[], payload: unknown): Promise<string> {
    // Written synchronously, so an idle target starts wrangler within the call: a caller that starts
    // a read and then does synchronous work of its own (stat'ing 100,000 files) has it running meanwhile.
    const dir = mkdtempSync(join(tmpdir(), 'seed-'))
    const file = join(dir, 'batch.json')
    try {
      writeFileSync(file, JSON.stringify(payload))
      const { stdout } = await run(process.execPath, [WRANGLER, 'kv', 'bulk', ...args, file, ...flags], {
        maxBuffer: 1 << 30,
        // No request.cf lookup: KV commands never need it, and it only waits on the network.
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', FORCE_COLOR: '0' },
      })
      return stdout
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string }
      const reason = (stderr ?? message).split('\n').find((line) => /ERROR|error/.test(line)) ?? message
      throw new Error(`wrangler kv bulk ${args[0]}: ${reason.replace(/\u001b\[[0-9;]*m/g, '').trim()}`)
    }
  }

  return {
    async get(keys) {
      const stdout = await wrangler(['get'], keys)
      // wrangler prints the JSON object, then a "Success!" line.
      const json = stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)
      const values = JSON.parse(json) as Record<string, { value: string | null }>
      return new Map(keys.map((key) => [key, values[key]?.value ?? null]))
    },
    async put(batch) {
      await wrangler(['put'], batch)
    },
    async delete(batch) {
      await wrangler(['delete', '--force'], batch)
    },
  }
}
