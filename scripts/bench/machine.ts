/** What the figures were measured on, for the record beside them. */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { cpus, loadavg, totalmem } from 'node:os'
import { loadToolVersion } from './load'
import { pinningNote } from './pinning'

const require = createRequire(import.meta.url)
const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version

/** The CPU model as the kernel names it; os.cpus() only echoes it, when it can. */
async function cpuModel(): Promise<string> {
  try {
    const info = await readFile('/proc/cpuinfo', 'utf8')
    return info.match(/^model name\s*:\s*(.+)$/m)?.[1].trim() ?? cpus()[0]?.model ?? 'unknown'
  } catch {
    return cpus()[0]?.model ?? 'unknown'
  }
}

/** The 1, 5 and 15 minute load averages: how busy the machine was with other work. */
export const loadAverage = () =>
  `${loadavg()
    .map((n) => n.toFixed(2))
    .join(', ')} (1, 5, 15 min)`

export async function describeMachine(): Promise<string[]> {
  return [
    `CPU: ${await cpuModel()}, ${cpus().length} cores; ${Math.round(totalmem() / 2 ** 30)} GiB memory`,
    `Node.js ${process.versions.node}, workerd ${versionOf('workerd')}, miniflare ${versionOf('miniflare')}, ` +
      `wrangler ${versionOf('wrangler')}, ${await loadToolVersion()} (one thread)`,
    `Cores: ${pinningNote}`,
    `Load average when the run started: ${loadAverage()}`,
  ]
}
