/**
 * Working on a folder, as people do it: `npm start -- --dir DIR` and
 * `npm run dev -- --dir DIR` as real processes (npm, the command line,
 * wrangler dev, workerd) on a free port, over a real local store in a
 * temporary folder. start serves exactly the folder it was given, and a bad
 * folder nothing; dev shows an edit on a reload after it (how soon is
 * `npm run bench -- dev-reload`'s), and a bad document leaves the site as it was
 * until it is fixed.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../scripts/bench/free-port'
import { slugify } from '../scripts/publish/document/slug'
import { documentText } from './support/documents'
import { localStoreKeys } from './support/local-store'
import { type NpmScript, runNpmScript, waitFor } from '../scripts/bench/npm-script'
import { REPOSITORY } from './support/seed-cli'

/** The first start of wrangler dev bundles the Worker: seconds, more on a busy machine. */
const STARTUP_MS = 90_000

let root: string
const running: NpmScript[] = []

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'working-on-a-folder-'))
})

afterAll(async () => {
  await Promise.all(running.map((script) => script.stop()))
  await rm(root, { recursive: true, force: true })
})

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(root, name)
  await mkdir(dir)
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text)
  return dir
}

/** An npm script over `dir` with its own store and port; stopped in afterAll whatever happens. */
async function serve(script: 'start' | 'dev', dir: string, store: string) {
  const port = await freePort()
  const args = script === 'start' ? ['start'] : ['run', 'dev']
  const run = runNpmScript([...args, '--', '--dir', dir, '--persist-to', store], { PORT: String(port) })
  running.push(run)
  return { run, origin: `http://127.0.0.1:${port}` }
}

/** Resolves when the server answers, or fails early with the script's output if it exits first. */
async function ready(run: NpmScript, origin: string): Promise<void> {
  const exitedEarly = run.exited.then((code) => {
    throw new Error(`exited with ${code} before serving:\n${run.stdout()}\n${run.stderr()}`)
  })
  exitedEarly.catch(() => {})
  await Promise.race([
    waitFor(`${origin} to answer`, STARTUP_MS, async () => ((await fetch(`${origin}/healthz`)).ok ? true : undefined)),
    exitedEarly,
  ])
}

const titlesAt = async (origin: string) => {
  const response = await fetch(`${origin}/api/articles?limit=100`)
  expect(response.status).toBe(200)
  const { items } = (await response.json()) as { items: Array<{ title: string }> }
  return items.map((item) => item.title).sort()
}

const page = async (url: string) => {
  const response = await fetch(url)
  return response.ok ? response.text() : undefined
}

describe('npm start -- --dir DIR', () => {
  const FIRST = {
    'lighthouse.txt': documentText('Lighthouse keeper retires', ['After forty years.'], 'April 20, 2026'),
    'market.txt': documentText('Market moves indoors', ['For the winter.'], '2026-04-21'),
    'bridge.txt': documentText('Bridge repairs finished early', ['Two weeks ahead.'], '2026-04-22'),
  }
  const SECOND = {
    'library.txt': documentText('Library extends its hours', ['Open until nine.'], '2026-04-23'),
  }

  it('serves exactly that folder; a second folder on the same store is then the whole site', async () => {
    const store = join(root, 'start-store')
    const first = await serve('start', await folder('first', FIRST), store)
    await ready(first.run, first.origin)
    expect(await titlesAt(first.origin)).toEqual(['Bridge repairs finished early', 'Lighthouse keeper retires', 'Market moves indoors'])
    await first.run.stop()

    const second = await serve('start', await folder('second', SECOND), store)
    await ready(second.run, second.origin)
    expect(await titlesAt(second.origin)).toEqual(['Library extends its hours'])
  })

  it('refuses a folder with bad documents: one line per bad file, exit code 1, nothing written, nothing served', async () => {
    const dir = await folder('bad', {
      'good.txt': documentText('A good one', ['Fine.'], '2026-04-24'),
      'impossible.txt': documentText('April 31st', ['No such day.'], 'April 31, 2026'),
      'undated.txt': 'No date\nA paragraph.\n',
    })
    const store = join(root, 'bad-store')
    const { run, origin } = await serve('start', dir, store)
    expect(await run.exited).toBe(1)
    const lines = run.stderr().trim().split('\n')
    expect(lines.filter((line) => line.includes(dir))).toEqual([
      expect.stringMatching(/impossible\.txt: .+/),
      expect.stringMatching(/undated\.txt: .+/),
    ])
    expect(lines.at(-1)).toBe('start: 2 invalid document(s); nothing written')
    expect(await localStoreKeys(store, REPOSITORY)).toEqual([])
    await expect(fetch(`${origin}/healthz`)).rejects.toThrow()
  })
})

describe('npm run dev -- --dir DIR', () => {
  const NAME = 'harbour.txt'
  const text = (title: string) => documentText(title, ['The harbour reopened on Monday.'], 'April 27, 2026')
  let dir: string
  let run: NpmScript
  let origin: string
  let articleUrl: string

  beforeAll(async () => {
    dir = await folder('dev', {
      [NAME]: text('Harbour reopens'),
      'ferry.txt': documentText('Ferry runs late', ['In summer.'], '2026-04-28'),
    })
    ;({ run, origin } = await serve('dev', dir, join(root, 'dev-store')))
    await ready(run, origin)
    // The slug is kept when the title changes: the article page stays where it is.
    articleUrl = `${origin}/articles/${slugify('Harbour reopens')}`
    expect(await page(articleUrl)).toContain('Harbour reopens')
  }, STARTUP_MS + 10_000)

  /** Writes the document with a new title; resolves when the index and the article page both show it. */
  async function retitle(title: string): Promise<void> {
    await writeFile(join(dir, NAME), text(title))
    await waitFor(`"${title}" on the index`, 30_000, async () => ((await page(`${origin}/`))?.includes(title) ? true : undefined))
    expect(await page(articleUrl)).toContain(title)
  }

  it('shows an edited title on a reload, on the index and the article page, edit after edit', async () => {
    await retitle('Harbour reopens after repairs')
    await retitle('Harbour reopens to ferries')
  })

  it('reports a bad document in one line naming it, keeps serving the last good content, and recovers when it is fixed', async () => {
    const before = await page(`${origin}/`)
    expect(before).toContain('Harbour reopens to ferries')
    await writeFile(join(dir, NAME), 'A title\nA paragraph, and no date.\n')
    const path = join(dir, NAME)
    const reported = await waitFor('the bad document reported', 10_000, async () => {
      const lines = run
        .stderr()
        .split('\n')
        .filter((line) => line.includes(path))
      return lines.length > 0 ? lines : undefined
    })
    expect(reported).toEqual([`dev: ${path}: no "Published: <date>" line at the end; nothing written`])
    expect(await page(`${origin}/`)).toBe(before)
    expect(await page(articleUrl)).toContain('Harbour reopens to ferries')
    expect(await titlesAt(origin)).toEqual(['Ferry runs late', 'Harbour reopens to ferries'])

    await retitle('Harbour reopens, fixed')
    expect(
      run
        .stderr()
        .split('\n')
        .filter((line) => line.includes(path)),
    ).toHaveLength(1)
  })

  it('is still running: the edits and the bad document never stopped the server', async () => {
    expect(await Promise.race([run.exited, new Promise((resolve) => setTimeout(() => resolve('running'), 100))])).toBe('running')
  })
})
