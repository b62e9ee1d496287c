/**
 * `npm run seed -- --remote` end to end: the CLI and wrangler's real bulk
 * commands against a local stand-in of the Workers KV REST API (wrangler
 * honours CLOUDFLARE_API_BASE_URL), which answers in the API's documented
 * shapes and limits and records every request. What real KV would see: an
 * unchanged folder writes nothing, a removed document is deleted, batches stay
 * within the limits, 429s and 5xx are retried, a refused credential stops the
 * run in one line with nothing written.
 */
import { mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../../scripts/corpus/write-corpus'
import { slugify } from '../../scripts/publish/document/slug'
import { IndexStateSchema, MANIFEST_INDEX_KEY, manifestShardKeys } from '../../scripts/publish/manifest'
import { articleKey, FEED_KEY, HEAD_KEY, PAGE_SIZE, pageKey } from '../../src/shared/keys'
import { HeadSchema } from '../../src/shared/records'
import { documentText } from '../support/documents'
import { startKvApiStandIn, type StandIn } from '../support/kv-api-stand-in'
import { recordIn } from '../support/article-value'
import { seedCliWith } from '../support/seed-cli'

// The id in wrangler.toml's top-level [[kv_namespaces]], the namespace `--remote` writes.
const NAMESPACE = '00000000000000000000000000000000'
const DOCUMENTS = 1_200
// Without preview images: drawing 1,200 of them on a fresh clone took longer than the rest of the file, and
// they travel as any value does; the seed draws, stores and re-uses them in preview-image-plan.node.test.ts.
const REMOTE = ['--remote', '--no-images']

const writes = (standIn: StandIn, from = 0) =>
  standIn.requests.slice(from).filter((r) => r.method === 'PUT' || r.method === 'DELETE' || r.path.endsWith('/bulk/delete'))

describe('npm run seed -- --remote, against a stand-in of the KV REST API', { timeout: 300_000 }, () => {
  let root: string
  let dir: string
  let standIn: StandIn
  let env: Record<string, string>

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seed-remote-'))
    dir = join(root, 'docs')
    // More pairs than wrangler sends in one request, so uploads come in several.
    await writeCorpus({ count: DOCUMENTS, out: dir, seed: 'remote' })
    standIn = await startKvApiStandIn(NAMESPACE)
    env = { CLOUDFLARE_API_BASE_URL: standIn.baseUrl, CLOUDFLARE_API_TOKEN: standIn.token, CLOUDFLARE_ACCOUNT_ID: standIn.accountId }
  })
  afterAll(async () => {
    await standIn?.close()
    await rm(root, { recursive: true, force: true })
  })

  it('seeds a folder: every article, the index and the manifest land in the namespace, in batches within the limits', async () => {
    const { code, stdout, stderr } = await seedCliWith(env, dir, ...REMOTE)
    expect(stderr).not.toMatch(/ERROR/)
    expect(code).toBe(0)
    expect(stdout).toContain(`${DOCUMENTS} added, 0 updated, 0 unchanged, 0 deleted`)
    expect([...standIn.store.keys()].filter((key) => key.startsWith('article:'))).toHaveLength(DOCUMENTS)
    expect(standIn.store.has(MANIFEST_INDEX_KEY)).toBe(true)
    expect(manifestShardKeys.filter((key) => standIn.store.has(key)).length).toBeGreaterThan(0)
    // The head, the feed, every page the head counts as sealed, and their bounds (fewer than a chunk's, in the index).
    const head = HeadSchema.parse(JSON.parse(standIn.store.get(HEAD_KEY)!))
    expect(head.sealed).toBe((DOCUMENTS - head.entries.length) / PAGE_SIZE)
    expect(head.sealed).toBeGreaterThan(0)
    expect(IndexStateSchema.parse(JSON.parse(standIn.store.get(MANIFEST_INDEX_KEY)!)).bounds_tail).toHaveLength(head.sealed)
    for (const key of [FEED_KEY, ...Array.from({ length: head.sealed }, (_, k) => pageKey(k))]) {
      expect(standIn.store.has(key), key).toBe(true)
    }
    expect(standIn.store.has(pageKey(head.sealed))).toBe(false)
    expect(standIn.requests.every((r) => r.status === 200)).toBe(true)
    expect(writes(standIn).length).toBeGreaterThan(1)
    for (const r of standIn.requests) expect(r.keys.length).toBeLessThanOrEqual(r.path.endsWith('/bulk/get') ? 100 : 10_000)
  })

  it('reads its manifest back: a second seed of the unchanged folder writes nothing', async () => {
    const before = standIn.requests.length
    const snapshot = new Map(standIn.store)
    // --no-cache: plan in full from the manifest read back, not from this machine's record of the last run.
    const { code, stdout } = await seedCliWith(env, dir, ...REMOTE, '--no-cache')
    expect(code).toBe(0)
    expect(stdout).toContain(`0 added, 0 updated, ${DOCUMENTS} unchanged, 0 deleted`)
    const reads = standIn.requests.slice(before)
    expect(reads.some((r) => r.path.endsWith('/bulk/get') && r.keys.includes(MANIFEST_INDEX_KEY))).toBe(true)
    expect(writes(standIn, before)).toEqual([])
    expect(standIn.store).toEqual(snapshot)
  })

  // One seed for both: each remote seed starts wrangler several times, seconds each.
  it('deletes a removed document remotely, and retries a 429 and a 5xx to success', async () => {
    const [victim] = [...standIn.store.keys()].filter((key) => key.startsWith('article:')).sort()
    const stored = recordIn(standIn.store.get(victim)!)
    const file = (await readdir(dir)).find((name) => name.includes(stored.id))!
    await unlink(join(dir, file))
    const title = 'A story added while the API was busy'
    await writeFile(join(dir, 'busy.txt'), documentText(title, ['The API answered 429, then 500.'], '2026-05-01'))
    const before = standIn.requests.length
    standIn.failNext(429, 500)
    const { code, stdout, stderr } = await seedCliWith(env, dir, ...REMOTE)
    expect(stderr).not.toMatch(/^\s+at\s/m)
    expect(code).toBe(0)
    expect(stdout).toContain(`1 added, 0 updated, ${DOCUMENTS - 1} unchanged, 1 deleted`)
    expect(standIn.store.has(victim)).toBe(false)
    // Nothing in the index names it any more: the one page (or the head) that held it was rewritten.
    for (const [key, value] of standIn.store) if (key === HEAD_KEY || key.startsWith('page:')) expect(value, key).not.toContain(stored.id)
    const deleted = writes(standIn, before).filter((r) => r.method === 'DELETE' || r.path.endsWith('/bulk/delete'))
    expect(deleted.flatMap((r) => r.keys)).toContain(victim)
    expect(standIn.requests.slice(before).map((r) => r.status)).toEqual(expect.arrayContaining([429, 500, 200]))
    expect(standIn.store.has(articleKey(slugify(title)))).toBe(true)
  })

  it('reports a refused credential in one line, exits non-zero and writes nothing', async () => {
    await writeFile(join(dir, 'refused.txt'), documentText('Never written', ['The token is wrong.'], '2026-05-02'))
    const before = standIn.requests.length
    const snapshot = new Map(standIn.store)
    const { code, stderr } = await seedCliWith({ ...env, CLOUDFLARE_API_TOKEN: 'wrong' }, dir, ...REMOTE)
    expect(code).not.toBe(0)
    const lines = stderr.split('\n').filter((line) => line.startsWith('seed:'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/Authentication error/)
    expect(stderr).not.toMatch(/^\s+at\s/m)
    expect(writes(standIn, before).filter((r) => r.status === 200)).toEqual([])
    expect(standIn.store).toEqual(snapshot)
  })
})
