/**
 * The three feeds as @extractus/feed-extractor, a widely used feed client,
 * reads them from the running Worker: every entry with its title, its link,
 * its published date equal to its document's own (not the seed's), and its
 * author (issue 12, "It must show").
 */
import { extract, type FeedEntry } from '@extractus/feed-extractor'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCorpus } from '../scripts/corpus/write-corpus'
import { ROUTES } from '../src/routes/table'
import { FEED_SIZE } from '../src/shared/keys'
import type { Document } from '../src/shared/records'
import { generatedDocuments } from './support/feed-corpora'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

/** Fewer than a feed holds, so every document is an entry. */
const COUNT = 30
const SEED = 'feed-clients'
/** wrangler.toml names no AUTHOR_NAME: the author is the publisher. */
const AUTHOR = 'Edge Articles'

type Entry = FeedEntry & { author?: unknown }

// Each format names the author in its own element; the extractor hands over the raw entry to read it from.
const AUTHOR_OF = {
  rss: (entry: Record<string, unknown>) => ({ author: entry['dc:creator'] }),
  atom: (entry: Record<string, unknown>) => ({ author: (entry.author as { name?: unknown } | undefined)?.name }),
  jsonFeed: (entry: Record<string, unknown>) => ({ author: (entry.authors as Array<{ name?: unknown }> | undefined)?.[0]?.name }),
}

let corpus: string
let worker: WorkerServer
let documents: Document[]

beforeAll(async () => {
  corpus = await mkdtemp(join(tmpdir(), 'feed-clients-'))
  await writeCorpus({ count: COUNT, out: corpus, seed: SEED })
  // The same documents the seed reads from that folder, as the parser makes them.
  documents = await generatedDocuments(COUNT, SEED)
  worker = await startWorkerServer(corpus)
})

afterAll(async () => {
  await worker?.stop()
  await rm(corpus, { recursive: true, force: true })
})

describe.each(['rss', 'atom', 'jsonFeed'] as const)('@extractus/feed-extractor on %s', (name) => {
  let entries: Entry[]

  beforeAll(async () => {
    const feed = await extract(`${worker.url}${ROUTES[name].path}`, { getExtraEntryFields: AUTHOR_OF[name] })
    entries = (feed.entries ?? []) as Entry[]
  })

  it('finds every document, with its title and a link to its page', () => {
    expect(COUNT).toBeLessThanOrEqual(FEED_SIZE)
    expect(entries.map((entry) => entry.title).sort()).toEqual(documents.map((doc) => doc.title).sort())
    for (const entry of entries) expect(entry.link, entry.title).toMatch(new RegExp(`^${worker.url}/articles/[a-z0-9-]+$`))
  })

  it("dates each entry by its document's own publication, not by the seed", () => {
    const published = new Map(documents.map((doc) => [doc.title, Date.parse(doc.published_at)]))
    for (const entry of entries) expect(Date.parse(entry.published!), entry.title).toBe(published.get(entry.title!))
  })

  it('names the author of each entry', () => {
    expect(entries.map((entry) => entry.author)).toEqual(entries.map(() => AUTHOR))
  })
})
