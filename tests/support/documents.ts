/**
 * Documents for tests, with no Worker bindings involved, so Node tests use
 * them too: seed-format text through the real parser, or documents built
 * directly for tests about what comes after parsing.
 */
import { toTimestamp } from '../../src/shared/timestamp'
import { parseDocument } from '../../scripts/publish/document/parse'
import type { Document } from '../../src/shared/records'
import { EXAMPLE_FACETS } from './issue-example'

export { documentText } from './document-text'

/** The document the real parser makes of this text; a refusal fails the test. */
export async function parsed(fileName: string, text: string): Promise<Document> {
  const result = await parseDocument(fileName, new TextEncoder().encode(text))
  if (!result.ok) throw new Error(`${fileName}: ${result.reason}`)
  return result.document
}

const FIRST_DAY = Date.UTC(2026, 0, 1)
const DAY_MS = 24 * 60 * 60 * 1000

/** Document `n`, published `n` days after the first: a higher `n` is newer. */
export function datedDocument(n: number, changes: Partial<Omit<Document, 'id'>> = {}): Document {
  return {
    id: n.toString(16).padStart(16, '0'),
    title: `Article number ${n}`,
    paragraphs: [`The first paragraph of article ${n}.`, `The second paragraph of article ${n}.`],
    published_at: toTimestamp(new Date(FIRST_DAY + n * DAY_MS)),
    ...changes,
  }
}

/** Documents `first` … `first + count - 1`, oldest first. */
export const datedDocuments = (count: number, first = 0): Document[] => Array.from({ length: count }, (_, i) => datedDocument(first + i))

/**
 * The document with issue 24's example byline and topics. In a corpus filed so throughout, each topic's
 * and author's index holds the whole site and seals pages as the site's does, so a walk of the route
 * table (support/routes.ts) finds every facet route, archive pages included, an answer.
 */
export const filedAsExample = (doc: Document): Document => ({
  ...doc,
  authors: [...EXAMPLE_FACETS.authors],
  topics: [...EXAMPLE_FACETS.topics],
})

/** A title that is markup, an entity, quotes and a CDATA end all at once. */
export const HOSTILE_TITLE = '<script>alert(1)</script> & "quotes" ]]>'
