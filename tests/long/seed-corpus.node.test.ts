/**
 * The seed at newsroom scale, end to end: 1,000 generated documents through
 * the CLI into a local store, then 10 changed and 5 removed, re-seeded, and
 * the Worker serving that store lists exactly what the folder now holds.
 * Without preview images (`--no-images`): drawing 1,000 of them on a fresh
 * clone took most of the file's time, and nothing here looks at them; the seed
 * draws, stores and re-uses them in preview-image-plan.node.test.ts.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../../scripts/corpus/write-corpus'
import { seedCli } from '../support/seed-cli'
import { serveStore, type WorkerServer } from '../support/worker-server'

const COUNT = 1000

describe('seeding 1,000 generated documents', { timeout: 600_000 }, () => {
  let root: string
  let dir: string
  let store: string
  let server: WorkerServer | undefined

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seed-corpus-'))
    dir = join(root, 'documents')
    store = join(root, 'store')
    await writeCorpus({ count: COUNT, out: dir, seed: 'e2e' })
  })

  afterAll(async () => {
    await server?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('adds them all, then applies 10 changes and 5 removals', async () => {
    const first = await seedCli(dir, store, '--no-images')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(`${COUNT} added, 0 updated, 0 unchanged, 0 deleted`)

    const files = (await readdir(dir)).sort()
    for (const file of files.slice(0, 10)) {
      const path = join(dir, file)
      const [title, ...rest] = (await readFile(path, 'utf8')).split('\n')
      await writeFile(path, [`${title} (updated)`, ...rest].join('\n'))
    }
    for (const file of files.slice(-5)) await rm(join(dir, file))

    const second = await seedCli(dir, store, '--no-images')
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(`0 added, 10 updated, ${COUNT - 15} unchanged, 5 deleted`)
  })

  it('serves exactly the documents now in the folder, newest first', async () => {
    server = await serveStore(store)
    const titles: string[] = []
    const dates: string[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const res = await fetch(`${server.url}/api/articles?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      const page = (await res.json()) as { items: Array<{ title: string; published_at: string }>; next_cursor: string | null }
      titles.push(...page.items.map((item) => item.title))
      dates.push(...page.items.map((item) => item.published_at))
      cursor = page.next_cursor
    }
    expect(titles).toHaveLength(COUNT - 5)
    expect(titles.filter((title) => title.endsWith(' (updated)'))).toHaveLength(10)
    expect([...dates].sort().reverse()).toEqual(dates)
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { articles: number }
    expect(health.articles).toBe(COUNT - 5)
  })
})
