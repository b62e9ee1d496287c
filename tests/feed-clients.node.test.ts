/**
 * The three feeds as @extractus/feed-extractor, a widely used feed client,
 * reads them from the running Worker: every entry with its title, its link,
 * its date equal to its document's own (not the seed's), and its authors
 * (issue 12, "It must show"; issue 24's `By:` and `Updated:` lines).
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
/** wrangler.toml names no AUTHOR_NAME: the author of a document without a By: line is the publisher. */
const AUTHOR = 'Edge Articles'

type Entry = FeedEntry & { authors?: unknown[] }

/** One element or several, as an XML parser hands them over. */
const all = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const names = (authors: unknown) => all(authors).map((author) => (author as { name?: unknown }).name)

// Each format names its authors in its own elements, one each; the extractor hands over the raw entry to read them from.
const AUTHORS_OF = {
  rss: (entry: Record<string, unknown>) => ({ authors: all(entry['dc:creator']) }),
  atom: (entry: Record<string, unknown>) => ({ authors: names(entry.author) }),
  jsonFeed: (entry: Record<string, unknown>) => ({ authors: names(entry.authors) }),
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
    const feed = await extract(`${worker.url}${ROUTES[name].path}`, { getExtraEntryFields: AUTHORS_OF[name] })
    entries = (feed.entries ?? []) as Entry[]
  })

  it('finds every document, with its title and a link to its page', () => {
    expect(COUNT).toBeLessThanOrEqual(FEED_SIZE)
    expect(entries.map((entry) => entry.title).sort()).toEqual(documents.map((doc) => doc.title).sort())
    for (const entry of entries) expect(entry.link, entry.title).toMatch(new RegExp(`^${worker.url}/articles/[a-z0-9-]+$`))
  })

  // The extractor dates an Atom entry by its `updated`, which an `Updated:` line sets (issue 24).
  it("dates each entry by its document's own dates, not by the seed", () => {
    const dated = new Map(documents.map((doc) => [doc.title, Date.parse((name === 'atom' && doc.updated_at) || doc.published_at)]))
    for (const entry of entries) expect(Date.parse(entry.published!), entry.title).toBe(dated.get(entry.title!))
    if (name === 'atom') expect(documents.some((doc) => doc.updated_at)).toBe(true)
  })

  it("names the authors of each entry: its By: line's names, else the publisher", () => {
    const authors = new Map(documents.map((doc) => [doc.title, doc.authors ?? [AUTHOR]]))
    expect(entries.map((entry) => entry.authors)).toEqual(entries.map((entry) => authors.get(entry.title!)))
    expect(entries.some((entry) => (entry.authors?.length ?? 0) > 1)).toBe(true)
  })
})
