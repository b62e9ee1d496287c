/**
 * The seed CLI as people run it: a child process over a folder of documents,
 * writing a local store with --persist-to. All or nothing: one bad document
 * means one readable line naming it, a failing exit code and no write at all.
 * Each run starts wrangler, so the runs are few and share one store, in order.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../src/document/slug'
import { articleKey } from '../src/store/keys'
import { documentText } from './support/documents'
import { localStoreKeys } from './support/local-store'
import { REPOSITORY, seedCli } from './support/seed-cli'

const GOOD = {
  '001_00000000000000b1.txt': documentText('Harbour reopens', ['The harbour reopened on Monday.'], 'April 27, 2026'),
  '002_00000000000000b2.txt': documentText('Ferry timetable changes', ['Ferries run later in summer.'], '2026-04-28'),
  'council-vote.txt': documentText('Council vote ends in a tie', ['The mayor will decide.'], '2026-04-29T09:30:00+02:00'),
}
const BAD = {
  'impossible-date.txt': Buffer.from(documentText('April 31st', ['There is no such day.'], 'April 31, 2026')),
  'not-utf8.txt': Buffer.concat([Buffer.from('Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\nParagraph.\nPublished: 2026-04-27')]),
}

async function folderOf(files: Record<string, string | Buffer>, root: string, name: string): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir)
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content)
  return dir
}

// A run starts wrangler several times; on a busy machine that takes far longer than the default allows.
describe('npm run seed', { timeout: 300_000 }, () => {
  let root: string
  let store: string
  let goodDir: string
  let mixedDir: string

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seed-cli-'))
    store = join(root, 'store')
    goodDir = await folderOf(GOOD, root, 'good')
    mixedDir = await folderOf({ ...BAD, '001_00000000000000b1.txt': GOOD['001_00000000000000b1.txt'] }, root, 'mixed')
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  it('refuses a folder with bad documents: one "<file>: <reason>" line each, no stack trace, nothing written', async () => {
    const { code, stderr } = await seedCli(mixedDir, store)
    expect(code).not.toBe(0)
    const lines = stderr.split('\n').filter((line) => line.trim() !== '')
    const fileLines = lines.filter((line) => line.startsWith(mixedDir))
    expect(fileLines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual(Object.keys(BAD).map((file) => join(mixedDir, file)).sort())
    for (const line of fileLines) expect(line).toMatch(/^\S.*\.txt: \S/)
    expect(stderr).not.toMatch(/^\s+at\s/m)
    expect(await localStoreKeys(store, REPOSITORY)).toEqual([])
  })

  it('seeds a good folder: exit 0 and every document added', async () => {
    const { code, stdout } = await seedCli(goodDir, store)
    expect(code).toBe(0)
    const count = Object.keys(GOOD).length
    expect(stdout).toContain(`${count} added, 0 updated, 0 unchanged, 0 deleted`)
    // The same listing that found nothing above now finds the articles: it reads the store the CLI writes.
    const keys = await localStoreKeys(store, REPOSITORY)
    const titles = Object.values(GOOD).map((text) => text.split('\n')[0])
    expect(keys).toEqual(expect.arrayContaining(titles.map((title) => articleKey(slugify(title)))))
  })

  it('seeds the same folder again: everything unchanged', async () => {
    const { code, stdout } = await seedCli(goodDir, store)
    expect(code).toBe(0)
    expect(stdout).toContain(`0 added, 0 updated, ${Object.keys(GOOD).length} unchanged, 0 deleted`)
  })
})
