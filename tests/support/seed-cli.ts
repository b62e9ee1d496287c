/** The seed CLI as people run it: a child process, its exit code and output. */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url))

export type Outcome = { code: number; stdout: string; stderr: string }

export const seedCli = (dir: string, store: string, ...flags: string[]): Promise<Outcome> =>
  seedCliWith({}, dir, '--persist-to', store, ...flags)

/** The seed CLI with more environment (wrangler's API base URL and credentials, for `--remote`). */
export async function seedCliWith(env: Record<string, string>, dir: string, ...flags: string[]): Promise<Outcome> {
  try {
    // `npm run seed` is `tsx scripts/seed.ts`: the same script through the same loader, without starting npm.
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--dir', dir, ...flags], {
      cwd: REPOSITORY,
      env: { ...process.env, FORCE_COLOR: '0', ...env },
      maxBuffer: 1 << 26,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}
