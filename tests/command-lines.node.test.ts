/**
 * Every command line answers --help with its usage and options (exit 0), and
 * an unknown option with one line and exit code 2, before doing any work.
 * And deploy refuses an environment without a SITE_URL before wrangler starts.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { REPOSITORY } from './support/seed-cli'

const run = promisify(execFile)

async function script(name: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: REPOSITORY })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string }
    return { code, stdout, stderr }
  }
}

const COMMANDS = {
  start: ['--dir DIR', '--persist-to DIR', 'PORT'],
  dev: ['--dir DIR', '--persist-to DIR', 'PORT'],
  seed: ['--dir DIR', '--dry-run', '--remote', '--env NAME', '--persist-to DIR', '--json', '--no-cache'],
  generate: ['--count N', '--out DIR', '--seed S'],
  bench: ['--counts N,N', '--rounds N', '--seconds S', '--connections N', '--seed S', '--profile', '--no-write'],
  soak: ['--seconds S', '--warm-up S', '--rounds N', '--connections N', '--documents N', '--seed S'],
  'publish-cost': ['--counts N,N'],
  deploy: ['--env NAME'],
}

describe.concurrent.each(Object.entries(COMMANDS))('npm run %s', (name, options) => {
  it('prints its usage and every option for --help, and exits 0', async () => {
    const { code, stdout } = await script(name, '--help')
    expect(code).toBe(0)
    // `npm start` is npm's own shorthand for `npm run start`, and its usage says so.
    expect(stdout.startsWith(`usage: ${name === 'start' ? 'npm start' : `npm run ${name}`} -- `)).toBe(true)
    for (const option of [...options, '--help']) expect(stdout).toContain(option)
  })

  it('refuses an unknown option in one line, with exit code 2', async () => {
    const { code, stdout, stderr } = await script(name, '--no-such-option')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([`${name}: Unknown option '--no-such-option' (see --help)`])
  })
})

describe('npm run deploy', () => {
  // wrangler.toml leaves SITE_URL empty in both environments, for development.
  it.each([
    ['the top level', [], '[vars]'],
    ['--env preview', ['--env', 'preview'], '[env.preview.vars]'],
  ])('refuses %s, whose SITE_URL is empty, in one line with exit code 1, before wrangler deploy starts', async (_, args, section) => {
    const { code, stdout, stderr } = await script('deploy', ...args)
    expect(code).toBe(1)
    // wrangler prints its banner on stdout before anything else: nothing there, it never ran.
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([
      `deploy: SITE_URL in wrangler.toml ${section} is empty; set it to the site's URL, e.g. "https://news.example.com", before deploying`,
    ])
  })

  it('refuses an environment wrangler.toml does not have in one line, with exit code 1', async () => {
    const { code, stdout, stderr } = await script('deploy', '--env', 'no-such-env')
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('no-such-env')])
  })
})
