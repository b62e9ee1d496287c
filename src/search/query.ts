/**
 * A search query as the engine runs it, from `q`: words that must all match,
 * "quoted phrases" whose words must also be adjacent, and the last word
 * matched as a prefix, for search as you type. Work is capped here: at most
 * MAX_TERMS terms are used, and the query says when it was cut.
 */
import { terms as termsOf, tokenize } from '../shared/search-tokens'

/** Issue 13: "at most ~10 terms used". */
export const MAX_TERMS = 10
/** A prefix shorter than this would match too much of the dictionary to be worth reading. */
export const MIN_PREFIX = 2

export type Query = {
  /** Distinct terms, in the order written; the last may be a prefix. */
  terms: string[]
  /** Whether the last term also matches the longer terms it begins. */
  prefix: boolean
  /** Each phrase's terms with their places in it (stop words leave gaps), which the document must repeat. */
  phrases: Array<Array<{ term: string; offset: number }>>
  /** Terms were dropped past MAX_TERMS. */
  cut: boolean
}

/**
 * The query in `q`, already validated (src/search/schema.ts). Quotes pair from the left; an unpaired
 * one quotes nothing. The last term is a prefix unless it ends a phrase or the query ends in a space.
 */
export function parseQuery(q: string): Query {
  const parts = q.split('"')
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts[parts.length - 2]} ${parts[parts.length - 1]}`]
  const all: string[] = []
  const phrases: Query['phrases'] = []
  paired.forEach((part, i) => {
    const tokens = tokenize(part)
    all.push(...tokens.map((token) => token.term))
    if (i % 2 === 1 && tokens.length > 1)
      phrases.push(tokens.map(({ term, position }) => ({ term, offset: position - tokens[0].position })))
  })
  const distinct = [...new Set(all)]
  const terms = distinct.slice(0, MAX_TERMS)
  const last = paired.length - 1
  const endsInWord = last % 2 === 0 && termsOf(paired[last]).length > 0 && !/\s$/u.test(q)
  const prefix = endsInWord && terms[terms.length - 1] === all[all.length - 1] && [...terms[terms.length - 1]].length >= MIN_PREFIX
  const kept = new Set(terms)
  return {
    terms,
    prefix,
    phrases: phrases.filter((phrase) => phrase.every(({ term }) => kept.has(term))),
    cut: distinct.length > terms.length,
  }
}
