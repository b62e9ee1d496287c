/**
 * Every command line answers --help with its usage and options (exit 0), and
 * an unknown option with one line and exit code 2, before doing any work.
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
  seed: ['--dir DIR', '--dry-run', '--remote', '--env NAME', '--persist-to DIR', '--json', '--no-cache'],
  generate: ['--count N', '--out DIR', '--seed S'],
  bench: ['--counts N,N', '--rounds N', '--seconds S', '--connections N', '--seed S', '--profile', '--no-write'],
  soak: ['--seconds S', '--warm-up S', '--rounds N', '--connections N', '--documents N', '--seed S'],
  'publish-cost': ['--counts N,N'],
}

describe.concurrent.each(Object.entries(COMMANDS))('npm run %s', (name, options) => {
  it('prints its usage and every option for --help, and exits 0', async () => {
    const { code, stdout } = await script(name, '--help')
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^usage: npm run ${name} -- `))
    for (const option of [...options, '--help']) expect(stdout).toContain(option)
  })

  it('refuses an unknown option in one line, with exit code 2', async () => {
    const { code, stdout, stderr } = await script(name, '--no-such-option')
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([`${name}: Unknown option '--no-such-option' (see --help)`])
  })
})
