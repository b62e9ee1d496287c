/**
 * What the last finished seed from a folder to a target saw and left: every
 * file's size, mtime and inode, and the manifest's index state it wrote. When
 * every file is as it was and the target's index is still the one that run
 * wrote, a plan is empty (it depends on nothing else), so an unchanged
 * re-seed of 100,000 documents stats them and stops, instead of reading,
 * parsing and hashing them all again.
 *
 * A cache, never the truth: kept on this machine only (node_modules/.cache);
 * a file added, removed or with another stat, a target changed by anyone
 * else, or a record that is missing or unreadable, and the seed runs in full.
 */
import { readdirSync, statSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { sha256Hex } from '../../src/shared/hash'
import { IndexStateSchema, type IndexState } from './manifest'
import type { Summary } from './plan'

const StatSchema = z.tuple([z.number(), z.number(), z.number()])
type Stat = z.infer<typeof StatSchema>

const RecordSchema = z.object({
  version: z.literal(2),
  /** When the files were stat'ed, before any was read. */
  statted_at: z.number(),
  files: z.record(z.string(), StatSchema),
  index: IndexStateSchema,
  total: z.number(),
  site_version: z.string(),
  upcoming: z.array(z.string()),
})
type Record = z.infer<typeof RecordSchema>

/**
 * A file changed this close before it was stat'ed may change again within the
 * same timestamp tick and keep its size: it does not count as unchanged
 * (git's rule for "racily clean" index entries).
 */
const RACY_MS = 2000

export const LAST_RUN_DIR = join('node_modules', '.cache', 'edge-articles', 'last-run')

export type LastRun = {
  /** Whether there is a record of a last run to compare with. */
  found: boolean
  /** Stats every `.txt` file now: call it before the seed reads any. */
  statFiles(): void
  /**
   * The summary of a seed that would change nothing, if the files and the
   * target's index are as the last run left them. The index is awaited only
   * when every file is as it was.
   */
  unchanged(index: Promise<IndexState>): Promise<Summary | undefined>
  /** Records a seed that finished: the target now holds `index`. */
  save(index: IndexState, summary: Summary): Promise<void>
}

const sameStat = (a: Stat, b: Stat) => a[0] === b[0] && a[1] === b[1] && a[2] === b[2]

async function readRecord(file: string): Promise<Record | undefined> {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The record of the last run from `dir` to `target` (which names it: local store or remote namespace, environment). */
export async function lastRun(dir: string, target: string, recordDir = LAST_RUN_DIR): Promise<LastRun> {
  const key = (await sha256Hex(JSON.stringify([resolve(dir), target]))).slice(0, 16)
  const file = join(recordDir, `${key}.json`)
  const record = await readRecord(file)
  let stattedAt = 0
  const files: { [name: string]: Stat } = {}

  return {
    found: record !== undefined,
    statFiles() {
      stattedAt = Date.now()
      try {
        for (const name of readdirSync(dir)) {
          if (!name.endsWith('.txt')) continue
          const { size, mtimeMs, ino } = statSync(join(dir, name))
          files[name] = [size, mtimeMs, ino]
        }
      } catch {
        // The read that follows names the problem; with no files nothing is unchanged.
      }
    },
    async unchanged(index) {
      const names = Object.keys(files)
      if (!record || names.length === 0 || names.length !== Object.keys(record.files).length) return undefined
      const settled = record.statted_at - RACY_MS
      for (const name of names) {
        const before = Object.hasOwn(record.files, name) ? record.files[name] : undefined
        if (!before || !sameStat(before, files[name]) || before[1] >= settled) return undefined
      }
      if (JSON.stringify(IndexStateSchema.parse(await index)) !== JSON.stringify(record.index)) return undefined
      return {
        ...{ added: 0, updated: 0, unchanged: record.total, deleted: 0 },
        ...{ total: record.total, version: record.site_version, upcoming: record.upcoming },
      }
    },
    async save(index, summary) {
      if (stattedAt === 0) return // nothing was stat'ed before the files were read: no record to trust
      const next: Record = {
        ...{ version: 2, statted_at: stattedAt, files, index },
        ...{ total: summary.total, site_version: summary.version, upcoming: summary.upcoming },
      }
      await mkdir(recordDir, { recursive: true })
      const partial = `${file}.${process.pid}.tmp`
      await writeFile(partial, JSON.stringify(next))
      await rename(partial, file)
    },
  }
}
