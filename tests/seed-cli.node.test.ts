/**
 * The seed CLI as people run it: a child process over a folder of documents,
 * writing a local store with --persist-to, which wrangler itself then reads.
 * All or nothing: one bad document means one readable line naming it, a failing
 * exit code and no write at all. A re-seed with nothing changed stops after
 * stat'ing the files, and only then: the CLI shows it once, and the cases of
 * what counts as changed run the same seed in this process (seed-in-process.ts),
 * on the same store, in order.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import { STEP_NAMES } from '../scripts/publish/plan'
import { articleKey } from '../src/shared/keys'
import { documentText } from './support/documents'
import { localStoreKeys } from './support/local-store'
import { REPOSITORY, seedCli } from './support/seed-cli'
import { seedInProcess } from './support/seed-in-process'

const GOOD = {
  '001_00000000000000b1.txt': documentText('Harbour reopens', ['The harbour reopened on Monday.'], 'April 27, 2026'),
  '002_00000000000000b2.txt': documentText('Ferry timetable changes', ['Ferries run later in summer.'], '2026-04-28'),
  'council-vote.txt': documentText('Council vote ends in a tie', ['The mayor will decide.'], '2026-04-29T09:30:00+02:00'),
}
const BAD = {
  'impossible-date.txt': Buffer.from(documentText('April 31st', ['There is no such day.'], 'April 31, 2026')),
  'not-utf8.txt': Buffer.concat([Buffer.from('Caf'), Buffer.from([0xc3, 0x28]), Buffer.from('\nParagraph.\nPublished: 2026-04-27')]),
}

/** Sets every file's mtime, as an editor or a checkout would; `at` in ms since the epoch. */
async function touchAll(dir: string, at: number): Promise<void> {
  for (const name of await readdir(dir)) await utimes(join(dir, name), at / 1000, at / 1000)
}

const NOT_READ = 'unchanged since the last seed, not read again'
const HOUR = 3_600_000

async function folderOf(files: Record<string, string | Buffer>, root: string, name: string): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir)
  for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content)
  return dir
}

// A CLI run and each wrangler listing start a process and a workerd: seconds each on a busy machine.
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
    expect(fileLines.map((line) => line.slice(0, line.indexOf(': ')))).toEqual(
      Object.keys(BAD)
        .map((file) => join(mixedDir, file))
        .sort(),
    )
    for (const line of fileLines) expect(line).toMatch(/^\S.*\.txt: \S/)
    expect(stderr).not.toMatch(/^\s+at\s/m)
    expect(await localStoreKeys(store, REPOSITORY)).toEqual([])
  })

  it('prints the cost of its plan with --dry-run --json (writes, deletes, bytes, per step and in all), and writes nothing', async () => {
    const { code, stdout } = await seedCli(goodDir, store, '--dry-run', '--json')
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as {
      added: number
      dry_run: boolean
      writes: number
      deletes: number
      bytes: number
      steps: Array<{ name: string; writes: number; deletes: number; bytes: number }>
    }
    expect(report).toMatchObject({ added: Object.keys(GOOD).length, dry_run: true, deletes: 0 })
    // Each document's article, then at least the head, the feed, a manifest shard and the manifest's index.
    expect(report.writes).toBeGreaterThan(Object.keys(GOOD).length + 3)
    expect(report.steps.map((step) => step.name)).toEqual([...STEP_NAMES])
    expect(report.bytes).toBeGreaterThan(0)
    for (const field of ['writes', 'deletes', 'bytes'] as const) {
      expect(report.steps.reduce((n, step) => n + step[field], 0)).toBe(report[field])
    }
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
    const { plan } = await seedInProcess(goodDir, store)
    expect(plan.summary).toMatchObject({ added: 0, updated: 0, unchanged: Object.keys(GOOD).length, deleted: 0 })
  })

  it("stops after stat'ing the files when none changed and the store is as the last seed left it", async () => {
    await touchAll(goodDir, Date.now() - HOUR) // a new stat: this run reads every file, then records them
    const full = await seedCli(goodDir, store)
    expect(full.stderr).not.toContain(NOT_READ)
    const keys = await localStoreKeys(store, REPOSITORY)

    const quick = await seedCli(goodDir, store)
    expect(quick.code).toBe(0)
    expect(quick.stderr).toContain(NOT_READ)
    expect(quick.stdout).toBe(full.stdout)
    expect(await localStoreKeys(store, REPOSITORY)).toEqual(keys)
  })

  it('reads every file again when one changed, even with its old size', async () => {
    const file = join(goodDir, '002_00000000000000b2.txt')
    await writeFile(file, documentText('Ferry timetable changed', ['Ferries run later in autumn.'], '2026-04-28'))
    await utimes(file, (Date.now() - HOUR) / 1000, (Date.now() - HOUR) / 1000)
    const { plan, read } = await seedInProcess(goodDir, store)
    expect(read).toBe(true)
    expect(plan.summary).toMatchObject({ added: 0, updated: 1, unchanged: 2, deleted: 0 })
  })

  it('plans in full when someone else seeded the store since', async () => {
    expect((await seedInProcess(goodDir, store)).read).toBe(false)
    const other = await folderOf({ 'council-vote.txt': GOOD['council-vote.txt'] }, root, 'other')
    expect((await seedInProcess(other, store)).plan.summary).toMatchObject({ added: 0, updated: 0, unchanged: 1, deleted: 2 })
    const { plan, read } = await seedInProcess(goodDir, store)
    expect(read).toBe(true)
    expect(plan.summary).toMatchObject({ added: 2, updated: 0, unchanged: 1, deleted: 0 })
  })

  it('does not trust a file changed too close to the last seed, nor --no-cache', async () => {
    await touchAll(goodDir, Date.now() + 60_000) // changed "now", as far as the next stat can tell
    await seedInProcess(goodDir, store)
    expect((await seedInProcess(goodDir, store)).read).toBe(true)
    await touchAll(goodDir, Date.now() - HOUR)
    await seedInProcess(goodDir, store)
    expect((await seedCli(goodDir, store, '--no-cache')).stderr).not.toContain(NOT_READ)
  })
})
