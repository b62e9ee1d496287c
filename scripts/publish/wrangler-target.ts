/**
 * The real Workers KV namespace through wrangler's bulk commands (`--remote`),
 * authenticated as wrangler is (`wrangler login` or CLOUDFLARE_API_TOKEN). The
 * local store has its own target, in this process (local-target.ts).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PermanentError, type Target } from './target'
import { WRANGLER_ENTRY } from './wrangler-entry'

const run = promisify(execFile)

const BULK_GET_MAX = 100

/**
 * What `wrangler kv bulk get --remote` prints, as key → value: JSON, then a
 * "Success!" line. The JSON is the API's own `result.values`, which Cloudflare's
 * "Bulk Get Result" schema defines as `{ key: "value" }` (null for an absent key).
 */
function parseBulkGet(stdout: string): Record<string, string | null> {
  return JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as Record<string, string | null>
}

/** Cloudflare API error codes that no retry can mend: the credential is missing, wrong or lacks the permission. */
const AUTHENTICATION_CODES = /\[code: (10000|9106|9109)\]/

/**
 * wrangler's failure as one line: its "[ERROR]" line and the API's message below it
 * ("Authentication error [code: 10000]"). An authentication failure is final.
 */
function wranglerError(command: string, output: string): Error {
  const lines = output
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
  const at = lines.findIndex((line) => /ERROR|error/.test(line))
  if (at < 0) return new Error(`wrangler kv bulk ${command}: ${lines.find(Boolean) ?? 'failed'}`)
  const headline = lines[at].replace(/^✘\s*\[ERROR\]\s*/, '')
  const detail = lines.slice(at + 1).find(Boolean)
  const reason = detail && !/^(🪵|If you think)/u.test(detail) ? `${headline.replace(/\.$/, '')}: ${detail}` : headline
  const text = `wrangler kv bulk ${command}: ${reason}`
  return AUTHENTICATION_CODES.test(reason) ? new PermanentError(text) : new Error(text)
}

export type WranglerTargetOptions = {
  binding?: string
  /** wrangler environment (`--env`), e.g. "preview". */
  env?: string
}

export function wranglerTarget(options: WranglerTargetOptions): Target {
  const flags = [
    '--binding',
    options.binding ?? 'ARTICLES',
    '--remote',
    '--preview',
    'false',
    ...(options.env ? ['--env', options.env] : []),
  ]

  // One wrangler at a time: a run that finds `wrangler login`'s token expired refreshes it and
  // rewrites wrangler's config file, and two at once would race on that file.
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
      const { stdout } = await run(process.execPath, [WRANGLER_ENTRY, 'kv', 'bulk', ...args, file, ...flags], {
        maxBuffer: 1 << 30,
        // No request.cf lookup: KV commands never need it, and it only waits on the network.
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', FORCE_COLOR: '0' },
      })
      return stdout
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string }
      throw wranglerError(args[0], stderr ?? message)
    }
  }

  return {
    async get(keys) {
      const values = new Map<string, string | null>()
      // The API answers at most 100 keys per bulk get; wrangler passes the list on as it is.
      for (let i = 0; i < keys.length; i += BULK_GET_MAX) {
        const chunk = keys.slice(i, i + BULK_GET_MAX)
        const printed = parseBulkGet(await wrangler(['get'], chunk))
        for (const key of chunk) values.set(key, printed[key] ?? null)
      }
      return values
    },
    async put(batch) {
      await wrangler(
        ['put'],
        batch.map((p) => ({ key: p.key, value: p.read() })),
      )
    },
    async delete(batch) {
      await wrangler(['delete', '--force'], batch)
    },
  }
}
