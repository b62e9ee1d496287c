/**
 * The small site the browser and validity tests serve, as a folder for the
 * seed CLI: the repository's own seed document (a long title and summary), a
 * short one, and two whose title and text try to inject markup and script.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { documentText } from './document-text'

const REPOSITORY_SEEDS = new URL('../../seeds/', import.meta.url)

/** What a careless renderer would turn into running script. */
export const INJECTIONS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'] as const

export const HOSTILE_TITLES = [`Council vote ${INJECTIONS[0]} ends ${INJECTIONS[1]} in a tie`, `${INJECTIONS[2]} as a headline`] as const

const OWN_DOCUMENTS: Record<string, string> = {
  '101_00000000000000a1.txt': documentText('Harbour reopens', ['The harbour reopened on Monday after a week of repairs.'], '2026-03-02'),
  '102_00000000000000a2.txt': documentText(
    HOSTILE_TITLES[0],
    [`The minutes quote ${INJECTIONS.join(' and ')} verbatim.`, `Another paragraph with <a href="${INJECTIONS[2]}">a link</a>.`],
    '2026-03-03',
  ),
  '103_00000000000000a3.txt': documentText(HOSTILE_TITLES[1], [`Readers asked what ${INJECTIONS[1]} means.`], '2026-03-04'),
}

export type DocumentsDir = { dir: string; remove(): Promise<void> }

export async function writeSiteDocuments(): Promise<DocumentsDir> {
  const dir = await mkdtemp(join(tmpdir(), 'site-documents-'))
  for (const name of await readdir(REPOSITORY_SEEDS)) {
    await writeFile(join(dir, name), await readFile(new URL(name, REPOSITORY_SEEDS)))
  }
  for (const [name, text] of Object.entries(OWN_DOCUMENTS)) await writeFile(join(dir, name), text)
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}
