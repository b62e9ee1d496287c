/** What the seed derives once from a document, so no request has to. */
import { sha256Hex } from '../../../src/shared/hash'
import type { Document, FacetRef, StoredArticle } from '../../../src/shared/records'
import { facetSlug } from '../../../src/shared/slug'
import { utf8Length } from '../put'

export const SUMMARY_LENGTH = 280
const WORDS_PER_MINUTE = 230

/** The first paragraph, cut at a word boundary near 280 characters. */
export function summarize(paragraph: string): string {
  // Code points, never a split surrogate pair. The first 281 lie within twice as many UTF-16
  // units, so only those are split apart: a lone half at the cut falls after them.
  const chars = [...paragraph.slice(0, 2 * (SUMMARY_LENGTH + 1))]
  if (chars.length <= SUMMARY_LENGTH) return paragraph
  const head = chars.slice(0, SUMMARY_LENGTH + 1).join('')
  const boundary = head.search(/\s+\S*$/)
  const cut = boundary > SUMMARY_LENGTH / 2 ? head.slice(0, boundary) : chars.slice(0, SUMMARY_LENGTH).join('')
  return `${cut.replace(/[\s.,;:!?\-–—]+$/u, '')}…`
}

export function countWords(paragraphs: readonly string[]): number {
  return paragraphs.reduce((total, p) => total + (p.match(/\S+/g)?.length ?? 0), 0)
}

/**
 * Names as an article keeps them, each with its facet's slug. Two names of one line that fold to
 * the same slug are one facet: the first spelling stays. Across articles, a facet shows the
 * spelling of its newest article (the facet pages, which come later, read it from there).
 */
export function facetRefs(names: readonly string[]): FacetRef[] {
  const bySlug = new Map<string, FacetRef>()
  for (const name of names) {
    const slug = facetSlug(name)
    if (!bySlug.has(slug)) bySlug.set(slug, { name: detached(name), slug })
  }
  return [...bySlug.values()]
}

/** What a plan needs of a document but its paragraphs: all it derives from them, once. */
export type DocumentHead = Omit<StoredArticle, 'paragraphs' | 'slug' | 'content_hash' | 'modified_at'> & {
  /** SHA-256 of the document's own content (id, title, paragraphs, date, and its optional lines). */
  body_hash: string
  /** The UTF-8 bytes of the paragraphs' JSON: a dry run sizes the stored article without reading them again. */
  paragraphs_bytes: number
}

/**
 * A copy that does not share memory with the string it came from. Engines keep
 * a substring as a view of its parent, so a head holding its title would hold
 * the whole file's text, defeating the point of a head.
 */
const detached = (text: string): string => JSON.parse(JSON.stringify(text)) as string

/** What the optional lines add to a head; nothing for a document without them. */
function fromLines(doc: Document): Pick<DocumentHead, 'authors' | 'topics' | 'updated_at'> {
  return {
    ...(doc.authors && { authors: facetRefs(doc.authors) }),
    ...(doc.topics && { topics: facetRefs(doc.topics) }),
    ...(doc.updated_at !== undefined && { updated_at: doc.updated_at }),
  }
}

export async function toHead(doc: Document): Promise<DocumentHead> {
  const words = countWords(doc.paragraphs)
  const lines = fromLines(doc)
  const content: unknown[] = [doc.id, doc.title, doc.paragraphs, doc.published_at]
  // Hashed only when there are any, so a document without them keeps its hash, and its stored article its value.
  if (doc.summary !== undefined || Object.keys(lines).length > 0) content.push({ ...lines, summary: doc.summary })
  return {
    id: doc.id,
    title: detached(doc.title),
    published_at: doc.published_at,
    summary: detached(doc.summary ?? summarize(doc.paragraphs[0])),
    word_count: words,
    reading_time_minutes: Math.max(1, Math.ceil(words / WORDS_PER_MINUTE)),
    ...lines,
    body_hash: await sha256Hex(JSON.stringify(content)),
    paragraphs_bytes: utf8Length(JSON.stringify(doc.paragraphs)),
  }
}

/** The content hash: changes exactly when something a reader could see changes (the slug included). */
export const contentHash = (head: DocumentHead, slug: string): Promise<string> => sha256Hex(`${head.body_hash}:${slug}`)

/** A stored article without its paragraphs: what indexes, sitemaps and the manifest are made of. */
export type ArticleRecord = Omit<StoredArticle, 'paragraphs'>

export async function toRecord(head: DocumentHead, slug: string, modifiedAt: string): Promise<ArticleRecord> {
  const { body_hash: _, paragraphs_bytes: __, ...fields } = head
  return { ...fields, slug, content_hash: await contentHash(head, slug), modified_at: modifiedAt }
}

/** A document as the store keeps it. `modifiedAt` is its last significant change (plan.ts's articleDate). */
export async function toStoredArticle(doc: Document, slug: string, modifiedAt: string): Promise<StoredArticle> {
  return { ...(await toRecord(await toHead(doc), slug, modifiedAt)), paragraphs: doc.paragraphs }
}
