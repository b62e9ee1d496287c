/**
 * URL slugs from titles: lowercase ASCII, accents folded, anything else a hyphen.
 * Slugs are assigned once and then kept (see `assignSlugs`), because a
 * published URL is a promise to everyone who linked to it.
 */

import { slugify } from '../../../src/shared/slug'

// The folding itself is the shared contract's: the Worker folds AUTHOR_NAME the same way.
export { MAX_SLUG_LENGTH, slugify } from '../../../src/shared/slug'

/** Slugs whose addresses the site uses itself: /images/site.png is the site's own preview image. */
export const RESERVED_SLUGS: readonly string[] = ['site']

export type SlugRequest = { id: string; title: string; published_at: string }

/**
 * Gives every document a unique slug. Documents that already have one keep it,
 * whatever changed, so adding, removing or retitling a document never moves
 * another document's URL. New documents, oldest first, take their title's slug,
 * or, when it is taken or empty, one made unique with their id.
 */
export function assignSlugs(docs: readonly SlugRequest[], previous: ReadonlyMap<string, string>): Map<string, string> {
  const assigned = new Map<string, string>()
  const taken = new Set<string>(RESERVED_SLUGS)
  for (const doc of docs) {
    const kept = previous.get(doc.id)
    if (kept !== undefined) {
      assigned.set(doc.id, kept)
      taken.add(kept)
    }
  }
  const newcomers = docs
    .filter((doc) => !assigned.has(doc.id))
    .sort((a, b) => a.published_at.localeCompare(b.published_at) || a.id.localeCompare(b.id))
  for (const doc of newcomers) {
    const base = slugify(doc.title)
    const slug = firstFree(base ? [base, `${base}-${doc.id.slice(0, 8)}`, `${base}-${doc.id}`] : [doc.id], taken)
    assigned.set(doc.id, slug)
    taken.add(slug)
  }
  return assigned
}

function firstFree(candidates: string[], taken: ReadonlySet<string>): string {
  const free = candidates.find((candidate) => !taken.has(candidate))
  if (free !== undefined) return free
  // Only a title written to imitate another document's slug gets this far.
  const last = candidates[candidates.length - 1]
  let n = 2
  while (taken.has(`${last}-${n}`)) n++
  return `${last}-${n}`
}
