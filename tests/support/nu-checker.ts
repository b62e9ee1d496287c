/** The W3C Nu HTML Checker, from the vnu-jar package, on the machine's Java. */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const VNU_JAR: string = String(createRequire(import.meta.url)('vnu-jar'))

export type NuMessage = { type: string; subType?: string; message: string; extract?: string; lastLine?: number }

/** Checks named HTML documents, inline CSS included, in one Java start; returns each name's error messages. */
export async function nuErrors(documents: Record<string, string>): Promise<Record<string, NuMessage[]>> {
  const dir = await mkdtemp(join(tmpdir(), 'nu-check-'))
  try {
    const files = Object.keys(documents).map((name, i) => ({ name, path: join(dir, `${i}.html`) }))
    for (const file of files) await writeFile(file.path, documents[file.name])
    // The checker exits non-zero when it finds errors; its JSON report is on stdout either way.
    const { stdout } = await run(
      'java',
      ['-jar', VNU_JAR, '--also-check-css', '--format', 'json', '--stdout', ...files.map((f) => f.path)],
      { maxBuffer: 1 << 26 },
    ).catch((error: { stdout?: string }) => {
      if (!error.stdout) throw error
      return { stdout: error.stdout }
    })
    const report = JSON.parse(stdout) as { messages: Array<NuMessage & { url?: string }> }
    return Object.fromEntries(
      files.map((file) => [
        file.name,
        report.messages.filter(
          (m) => m.url && fileURLToPath(m.url) === file.path && (m.type === 'error' || m.type === 'non-document-error'),
        ),
      ]),
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
