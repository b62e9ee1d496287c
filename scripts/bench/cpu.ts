/**
 * CPU time of the workerd process this benchmark started, read from /proc
 * (Linux). Requests per second depend on what else the machine runs; CPU time
 * per request does not, so it shows the Worker's own cost on a shared machine.
 */
import { execFileSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100
  } catch {
    return 100
  }
})()

type Stat = { pid: number; comm: string; ppid: number; cpuTicks: number }

async function stat(pid: string): Promise<Stat | undefined> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces; the fields after it are fixed.
    const close = text.lastIndexOf(')')
    const fields = text.slice(close + 2).split(' ')
    return {
      pid: Number(pid),
      comm: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    }
  } catch {
    return undefined // gone, or not Linux
  }
}

/** The workerd this benchmark started (Miniflare spawns it as our child); undefined without /proc. */
async function workerdStat(): Promise<Stat | undefined> {
  const pids = await readdir('/proc').catch(() => [] as string[])
  const stats = await Promise.all(pids.filter((name) => /^\d+$/.test(name)).map(stat))
  return stats.find((s) => s?.comm === 'workerd' && s.ppid === process.pid)
}

export const workerdPid = async () => (await workerdStat())?.pid

/** Seconds of CPU (user + system, all threads) used so far by our workerd; undefined without /proc. */
export async function workerdCpuSeconds(): Promise<number | undefined> {
  const workerd = await workerdStat()
  return workerd && workerd.cpuTicks / ticksPerSecond
}
