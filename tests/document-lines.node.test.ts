/**
 * A folder with bad optional lines (issue 24), seeded as `npm run seed` does:
 * one line per bad file, naming the file and the line, and nothing written. An
 * `Updated:` later than the seed's clock is one of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedFolder } from '../scripts/publish/seed-folder'
import { documentText } from './support/document-text'
import { mapTarget } from './support/upload-targets'

const folders: string[] = []
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'document-lines-'))
  folders.push(dir)
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const withLines = (n: number, lines: string[]) =>
  documentText(`Article ${n}`, [`First paragraph ${n}.`, `Second paragraph ${n}.`, ...lines], '2026-04-27')

describe('a seed of a folder with bad optional lines', () => {
  it('refuses it, one line per bad file naming the line, and writes nothing', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const dir = folder({
      '1.txt': withLines(1, ['By: Jane Doe', 'Topics: Ports']),
      '2.txt': withLines(2, [`Updated: ${tomorrow}`]),
      '3.txt': withLines(3, ['Topics: Ports', 'topics: Harbours']),
    })
    const store = new Map<string, string>()
    const result = await seedFolder(mapTarget(store), { dir })
    expect(result).toHaveProperty('errors')
    const { errors } = result as { errors: string[] }
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(
      new RegExp(`^${join(dir, '2.txt')}: line 4 "Updated: ${tomorrow}": in the future \\(the seed's clock is \\d{4}-`),
    )
    expect(errors[1]).toBe(`${join(dir, '3.txt')}: line 5 "topics: Harbours": a second "topics:" line`)
    expect(store.size).toBe(0)
  })

  it('seeds it once the lines are right', async () => {
    const store = new Map<string, string>()
    const result = await seedFolder(mapTarget(store), { dir: folder({ '1.txt': withLines(1, ['By: Jane Doe', 'Updated: 2026-04-28']) }) })
    expect(result).toMatchObject({ plan: { summary: { added: 1 } } })
    expect(store.size).toBeGreaterThan(0)
  })
})
