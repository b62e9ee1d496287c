/**
 * The seed says what it scheduled (issue 11, item 5): how many documents are
 * dated in the future, and when the next one goes out; the quick path of an
 * unchanged re-seed says the same, reckoned from the time it runs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { summaryText } from '../scripts/cli/seeding'
import { toTimestamp } from '../src/shared/timestamp'
import { documentText } from './support/documents'
import { seedCli } from './support/seed-cli'

const DAY = 86_400_000
const soon = toTimestamp(new Date(Math.ceil((Date.now() + 10 * DAY) / 1000) * 1000))
const later = toTimestamp(new Date(Math.ceil((Date.now() + 20 * DAY) / 1000) * 1000))

let dir: string
let store: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scheduled-'))
  store = await mkdtemp(join(tmpdir(), 'scheduled-store-'))
  await writeFile(join(dir, '001_0000000000000001.txt'), documentText('Out already', ['Text.'], '2026-01-02'))
  await writeFile(join(dir, '002_0000000000000002.txt'), documentText('Out next week', ['Text.'], later))
  await writeFile(join(dir, '003_0000000000000003.txt'), documentText('Out tomorrow', ['Text.'], soon))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
  await rm(store, { recursive: true, force: true })
})

describe("the seed's summary", () => {
  it('counts the scheduled documents and names the soonest', async () => {
    const { code, stdout } = await seedCli(dir, store)
    expect(code).toBe(0)
    expect(stdout).toContain(`3 articles`)
    expect(stdout).toContain(`; 2 scheduled, the next out at ${soon}`)
  })

  it('reckons from the time it is printed: one gone out, one left', () => {
    const summary = { added: 0, updated: 0, unchanged: 3, deleted: 0, total: 3, version: 'f'.repeat(64), upcoming: [soon, later] }
    expect(summaryText(summary, Date.parse(soon) - 1)).toContain(`2 scheduled, the next out at ${soon}`)
    expect(summaryText(summary, Date.parse(soon))).toContain(`1 scheduled, the next out at ${later}`)
    expect(summaryText(summary, Date.parse(later))).not.toContain('scheduled')
  })
})
