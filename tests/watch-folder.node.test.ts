/**
 * The watcher `npm run dev` seeds by: a burst of writes is one run, runs never
 * overlap, changes during a run make exactly one more, and an editor's own
 * files are not documents. A real folder and fs.watch; the task only counts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEBOUNCE_MS, type FolderWatch, onFolderChange } from '../scripts/cli/watch-folder'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Past the debounce, with room for fs.watch's own delivery. */
const SETTLE_MS = DEBOUNCE_MS + 250

let dir: string
let watching: FolderWatch | undefined

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watch-folder-'))
})
afterEach(() => watching?.close())
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Watches the folder with a task that takes `ms`, counting its runs and how many ever ran at once. */
function watchWith(ms: number) {
  const seen = { runs: 0, running: 0, mostAtOnce: 0, errors: [] as unknown[] }
  watching = onFolderChange(
    dir,
    async () => {
      seen.runs++
      seen.mostAtOnce = Math.max(seen.mostAtOnce, ++seen.running)
      await sleep(ms)
      seen.running--
    },
    (error) => seen.errors.push(error),
  )
  return seen
}

describe('onFolderChange', () => {
  it('runs once for a burst of writes, after the folder has been quiet for the debounce', async () => {
    const seen = watchWith(10)
    for (let i = 0; i < 10; i++) await writeFile(join(dir, i % 2 ? 'a.txt' : 'b.txt'), `version ${i}`)
    expect(seen.runs).toBe(0)
    await sleep(SETTLE_MS)
    expect(seen).toMatchObject({ runs: 1, errors: [] })
  })

  it('never runs twice at once: changes during a run make exactly one more run after it', async () => {
    const seen = watchWith(1500)
    await writeFile(join(dir, 'a.txt'), 'first')
    await sleep(SETTLE_MS) // the first run is under way
    expect(seen.running).toBe(1)
    for (const text of ['second', 'third']) {
      await writeFile(join(dir, 'b.txt'), text)
      await sleep(SETTLE_MS) // each debounced, both within the first run
    }
    expect(seen.runs).toBe(1)
    await sleep(1500 + 1500)
    expect(seen).toMatchObject({ runs: 2, mostAtOnce: 1, running: 0, errors: [] })
  })

  it("ignores files that are not documents: an editor's swap and backup files", async () => {
    const seen = watchWith(10)
    await writeFile(join(dir, '.a.txt.swp'), 'swap')
    await writeFile(join(dir, 'a.txt~'), 'backup')
    await sleep(SETTLE_MS)
    expect(seen.runs).toBe(0)
  })

  it('waits, on close, for a run under way, and runs no more', async () => {
    const seen = watchWith(300)
    await writeFile(join(dir, 'a.txt'), 'closing')
    await sleep(SETTLE_MS)
    expect(seen.running).toBe(1)
    await watching?.close()
    expect(seen.running).toBe(0)
    await writeFile(join(dir, 'a.txt'), 'after close')
    await sleep(SETTLE_MS)
    expect(seen.runs).toBe(1)
  })

  it("reports a run's failure and keeps watching", async () => {
    let calls = 0
    const errors: unknown[] = []
    watching = onFolderChange(
      dir,
      async () => {
        if (++calls === 1) throw new Error('the store is gone')
      },
      (error) => errors.push(error),
    )
    await writeFile(join(dir, 'a.txt'), 'fails')
    await sleep(SETTLE_MS)
    await writeFile(join(dir, 'a.txt'), 'works')
    await sleep(SETTLE_MS)
    expect(calls).toBe(2)
    expect(errors).toEqual([new Error('the store is gone')])
  })
})
