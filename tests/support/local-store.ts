/**
 * The local KV store a `--persist-to` folder holds, read back by wrangler
 * itself, as `wrangler dev` and `wrangler kv --local` find it: what the seed
 * CLI, which writes it from its own process, really left there.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { WRANGLER_ENTRY } from '../../scripts/publish/wrangler-entry'

const run = promisify(execFile)

/** Every key of the ARTICLES namespace in the local store under `persistTo`. */
export async function localStoreKeys(persistTo: string, cwd: string): Promise<string[]> {
  // wrangler's entry run with this Node, as the seed runs it: npx would start npm first.
  const { stdout } = await run(
    process.execPath,
    [WRANGLER_ENTRY, 'kv', 'key', 'list', '--binding', 'ARTICLES', '--local', '--preview', 'false', '--persist-to', persistTo],
    { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' } },
  )
  return (JSON.parse(stdout) as Array<{ name: string }>).map((key) => key.name)
}
