/**
 * Snippets: the summary with the words a query matched marked, as HTML. The
 * words are cut and folded as the index cut them, so `Montréal` is marked for
 * `montreal`; everything else is escaped (text is text, and `<mark>` the only markup).
 */
import { escapeXml as escapeHtml } from '../render/xml'
import { fold } from '../shared/search-tokens'
import type { Query } from './query'

const segmenter = new Intl.Segmenter('und', { granularity: 'word' })

/** `text` as HTML, each word the query matches (the last term as a prefix, when it is one) in `<mark>`. */
export function markMatches(text: string, query: Query): string {
  const exact = new Set(query.terms)
  const prefix = query.prefix ? query.terms[query.terms.length - 1] : undefined
  const matches = (word: string) => {
    const folded = fold(word)
    if (exact.has(folded) || (prefix !== undefined && folded.startsWith(prefix))) return true
    // A run of Han, kana or Hangul was indexed as bigrams: marked when it holds one the query has.
    return [...exact].some((term) => [...term].length === 2 && folded.includes(term))
  }
  let html = ''
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    html += isWordLike && matches(segment) ? `<mark>${escapeHtml(segment)}</mark>` : escapeHtml(segment)
  }
  return html
}
