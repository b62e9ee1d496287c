/**
 * Shared contract, run by both the Worker and the publisher: the one order of
 * the index, newest first by publication time, ties by id. A position in it
 * (a page's bound, a cursor) is a key of this order, not an offset, so it
 * stays put while articles are added, edited and deleted around it.
 */

export type Position = { published_at: string; id: string }

/** Negative when `a` comes first (is newer). Times compare as instants: a fraction of a second sorts by value, not by text. */
export function newestFirst(a: Position, b: Position): number {
  return Date.parse(b.published_at) - Date.parse(a.published_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Whether an article is out: scheduled articles are stored, but served nowhere until their time. */
export const isReleased = (article: Pick<Position, 'published_at'>, now: number): boolean => Date.parse(article.published_at) <= now
