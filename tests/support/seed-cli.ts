/** The seed CLI as people run it: a child process, its exit code and output. */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url))
/** tsx's loader by its path: `--import tsx` resolves from the working folder, which may be another. */
const TSX = pathToFileURL(join(REPOSITORY, 'node_modules/tsx/dist/loader.mjs')).href

export type Outcome = { code: number; stdout: string; stderr: string }

export const seedCli = (dir: string, store: string, ...flags: string[]): Promise<Outcome> =>
  seedCliWith({}, dir, '--persist-to', store, ...flags)

/** The seed CLI with more environment (wrangler's API base URL and credentials, for `--remote`). */
export const seedCliWith = (env: Record<string, string>, dir: string, ...flags: string[]): Promise<Outcome> =>
  runSeed(REPOSITORY, env, ['scripts/seed.ts', '--dir', dir, ...flags])

/**
 * The seed CLI run in another folder, as for a site whose wrangler.toml is its own: that folder's
 * wrangler.toml is the one read (its [vars], its namespace), as wrangler reads the one where it runs.
 */
export const seedCliIn = (cwd: string, dir: string, ...flags: string[]): Promise<Outcome> =>
  runSeed(cwd, {}, [join(REPOSITORY, 'scripts/seed.ts'), '--dir', dir, ...flags])

async function runSeed(cwd: string, env: Record<string, string>, args: string[]): Promise<Outcome> {
  try {
    // `npm run seed` is `tsx scripts/seed.ts`: the same script through the same loader, without starting npm.
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, ...args], {
      cwd,
      // And tsx's JSX settings from our tsconfig.json, which it too would look for in the working folder.
      env: { ...process.env, FORCE_COLOR: '0', TSX_TSCONFIG_PATH: join(REPOSITORY, 'tsconfig.json'), ...env },
      maxBuffer: 1 << 26,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}
