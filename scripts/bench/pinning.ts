/**
 * Server and client on cores of their own. On a small machine the scheduler
 * otherwise moves workerd and wrk between the same cores, and a round's rate
 * then depends on where each thread happened to land more than on the Worker:
 * unpinned, two identical Workers differed by up to 20 % from round to round.
 * workerd gets core 0, wrk the rest. Without taskset or a second core,
 * nothing is pinned and the report says so.
 */
import { execFile, execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import { promisify } from 'node:util'
import { workerdPid } from './cpu'

const run = promisify(execFile)

const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

const cores = cpus().length
export const pinning = hasTaskset && cores >= 2
const SERVER_CORES = '0'
const CLIENT_CORES = cores > 2 ? `1-${cores - 1}` : '1'

/** How the run was pinned, for the report. */
export const pinningNote = pinning
  ? `workerd pinned to core ${SERVER_CORES}, wrk to core${cores > 2 ? 's' : ''} ${CLIENT_CORES} (taskset)`
  : 'not pinned (needs taskset and two cores): expect more noise'

/** Pins every thread of our workerd; again after each restart, which starts a new process. */
export async function pinWorkerd(): Promise<void> {
  if (!pinning) return
  const pid = await workerdPid()
  if (pid === undefined) throw new Error('no workerd to pin')
  await run('taskset', ['--all-tasks', '--cpu-list', '--pid', SERVER_CORES, String(pid)])
}

/** The command line that runs a load tool on the client's cores. */
export const onClientCores = (command: string, args: string[]): [string, string[]] =>
  pinning ? ['taskset', ['--cpu-list', CLIENT_CORES, command, ...args]] : [command, args]
