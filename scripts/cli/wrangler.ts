/**
 * wrangler as the child of a command line (`npm start`, `npm run dev`,
 * `npm run deploy`): its own entry run with this Node, the terminal passed
 * through, signals passed on, and its exit code returned.
 */
import { spawn } from 'node:child_process'
import { constants } from 'node:os'
import { WRANGLER_ENTRY } from '../publish/wrangler-entry'

const DEFAULT_PORT = '8787'

/** Where `npm start` and `npm run dev` serve: http://127.0.0.1:$PORT, 8787 when PORT is unset. */
export const localOrigin = () => `http://127.0.0.1:${process.env.PORT || DEFAULT_PORT}`

/**
 * Ctrl-C reaches the whole foreground process group anyway; a `kill` of this
 * process alone (a supervisor, a test) must stop wrangler too, and this process
 * must outlive it to return its exit code.
 */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export type WranglerDevOptions = {
  /** The local store's folder (`--persist-to`); wrangler's default when absent. */
  persistTo?: string
  /** `--var NAME:VALUE` each: settings of wrangler.toml's [vars] this run overrides. */
  vars?: Record<string, string>
}

/** `wrangler dev` on 127.0.0.1, port $PORT (8787 when unset), until it exits. */
export function wranglerDev(options: WranglerDevOptions = {}): Promise<number> {
  const args = ['dev', '--ip', '127.0.0.1', '--port', process.env.PORT || DEFAULT_PORT]
  if (options.persistTo) args.push('--persist-to', options.persistTo)
  for (const [name, value] of Object.entries(options.vars ?? {})) args.push('--var', `${name}:${value}`)
  return runWrangler(args)
}

/** Runs wrangler with these arguments until it exits: its exit code, or 128 + the number of the signal that ended it. */
export function runWrangler(args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [WRANGLER_ENTRY, ...args], { stdio: 'inherit' })
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  for (const signal of FORWARDED) {
    // Replaced, not joined: wrangler's API, which the seed loads (local-target.ts), installs handlers
    // that exit at once, which would leave wrangler dev running and lose its exit code.
    process.removeAllListeners(signal)
    process.on(signal, forward)
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      for (const name of FORWARDED) process.off(name, forward)
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))
    })
  })
}
