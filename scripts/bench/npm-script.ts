/**
 * An npm script as people run it (`npm start -- --dir DIR`), in its own process
 * group: its output kept, its end awaited with a bound, and the whole group
 * (npm, tsx, wrangler, workerd) stopped at the end, whatever state it is in.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { fileURLToPath } from 'node:url'

/** The repository's root, where npm scripts and the seed command line run. */
export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url))

// The dev server never needs the real `request.cf`; offline, fetching it only waits (see worker-server.ts).
const OFFLINE = { CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' }

export type NpmScript = {
  stdout(): string
  stderr(): string
  /** npm's exit code (128 + the signal's number when a signal ended it). */
  exited: Promise<number>
  /** SIGTERM to the group, SIGKILL to whatever is left after 10 s; resolves when none of the group is left. */
  stop(): Promise<void>
}

export function runNpmScript(args: readonly string[], env: Record<string, string>): NpmScript {
  const child = spawn('npm', args, {
    cwd: REPOSITORY,
    env: { ...process.env, FORCE_COLOR: '0', ...OFFLINE, ...env },
    detached: true, // its own process group, so that stop() reaches wrangler and workerd too
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)))
  })
  const group = -(child.pid as number)
  const signalGroup = (signal: NodeJS.Signals | 0) => {
    try {
      process.kill(group, signal)
      return true
    } catch {
      return false // ESRCH: no process of the group is left
    }
  }

  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop() {
      signalGroup('SIGTERM')
      const deadline = Date.now() + 10_000
      while (signalGroup(0)) {
        if (Date.now() > deadline) signalGroup('SIGKILL')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      await exited
    },
  }
}

/** Polls `check` every `everyMs` until it returns something, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = await check().catch(() => undefined)
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
