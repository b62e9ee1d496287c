/**
 * The feeds of whole corpora, for checks over every document rather than the
 * newest 50: documents parsed by the real parser, cut into windows of the
 * feed's size, each window planned as a first seed into its own feed source.
 */
import fc from 'fast-check'
import { generateDocument, seedHash } from '../../scripts/corpus/corpus'
import { parseDocument } from '../../scripts/publish/document/parse'
import { releasedEntries } from '../../src/routes/list-window'
import type { Document, FeedSource } from '../../src/shared/records'
import { FEED_SIZE } from '../../src/shared/keys'
import { documentText } from './document-text'
import { draft } from './hostile-documents'
import { planFirstSeed, plannedFeed } from './plan'
import { wtf8 } from './wtf8'

const SEEDED_AT = '2026-05-01T12:00:00Z'

async function accepted(files: Array<{ fileName: string; bytes: Uint8Array }>): Promise<Document[]> {
  const results = await Promise.all(files.map(({ fileName, bytes }) => parseDocument(fileName, bytes)))
  return results.flatMap((result) => (result.ok ? [result.document] : []))
}

/** The feed a route serves of a stored one at `now`: its released articles (src/routes/feeds.ts), dated as it dates them. */
function served(stored: FeedSource, now: number): FeedSource {
  const { entries, lastModified } = releasedEntries([{ entries: stored.articles, modified_at: stored.modified_at }], now)
  return { articles: entries, modified_at: lastModified ?? stored.modified_at }
}

/**
 * Feed sources holding every one of these documents that is released by now,
 * FEED_SIZE documents a window: the feeds the Worker would serve of each window.
 */
export async function feedSourcesOf(documents: Document[], now = Date.now()): Promise<FeedSource[]> {
  const windows = Array.from({ length: Math.ceil(documents.length / FEED_SIZE) }, (_, n) =>
    documents.slice(n * FEED_SIZE, (n + 1) * FEED_SIZE),
  )
  return Promise.all(windows.map(async (window) => served(plannedFeed(await planFirstSeed(window, SEEDED_AT)), now)))
}

/** The first `count` documents the generator (`npm run generate`) makes with this seed. */
export function generatedDocuments(count: number, seed: string): Promise<Document[]> {
  const hashed = seedHash(seed)
  const encoder = new TextEncoder()
  return accepted(
    Array.from({ length: count }, (_, i) => {
      const { fileName, text } = generateDocument(hashed, i)
      return { fileName, bytes: encoder.encode(text) }
    }),
  )
}

/** The hostile documents the parser accepts out of `count` drafts, the same ones for the same seed. */
export function hostileDocuments(count: number, seed: number): Promise<Document[]> {
  return accepted(
    fc.sample(draft, { numRuns: count, seed }).map((d, i) => ({
      fileName: `${i}_${i.toString(16).padStart(16, '0')}.txt`,
      bytes: wtf8(documentText(d.title, d.paragraphs, d.published)),
    })),
  )
}
