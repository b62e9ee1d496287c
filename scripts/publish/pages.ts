/**
 * Which page holds each article, and which pages a change touches. Pure.
 *
 * Sealed pages are numbered from the oldest and each holds a fixed key range:
 * page k holds the keys after bounds[k − 1] up to bounds[k], the head every
 * key after the last bound. Bounds are fixed when a page is sealed and never
 * move, so an article's page follows from its key alone, and a change touches
 * only the page whose range holds the key (src/shared/keys.ts says why).
 */
import { HEAD_SEAL_AT, PAGE_SIZE } from '../../src/shared/keys'
import { newestFirst, type Position } from '../../src/shared/order'
import type { Bounds } from './manifest'

const position = ([published_at, id]: Bounds[number]): Position => ({ published_at, id })

/** The page whose range holds the key, or `bounds.length` for the head. Binary search: bounds are oldest first. */
export function pageOf(key: Position, bounds: Bounds): number {
  let low = 0
  let high = bounds.length
  while (low < high) {
    const mid = (low + high) >>> 1
    // At or older than page mid's newest key: page mid or an older one.
    if (newestFirst(key, position(bounds[mid])) >= 0) high = mid
    else low = mid + 1
  }
  return low
}

/** How many of a head's `length` entries stay in it after sealing: from HEAD_SEAL_AT on, PAGE_SIZE at a time, until fewer are left. */
export function unsealed(length: number): number {
  const seals = length >= HEAD_SEAL_AT ? Math.ceil((length - (HEAD_SEAL_AT - 1)) / PAGE_SIZE) : 0
  return length - seals * PAGE_SIZE
}

export type Layout<T> = {
  /** Sealed pages' entries, newest first within each; pages[k] for page k. */
  pages: T[][]
  /** The head's entries, newest first. */
  head: T[]
  /** The bounds with the newly sealed pages' appended. */
  bounds: Bounds
  /** The first page this layout sealed (pages from here on are new). */
  firstNew: number
}

/**
 * Places newest-first articles in the pages their keys fall in, then seals the head's oldest
 * PAGE_SIZE entries into a new page while the head holds HEAD_SEAL_AT or more: it keeps 40 to 59.
 */
export function layOut<T extends Position>(newestFirstArticles: readonly T[], previousBounds: Bounds): Layout<T> {
  const bounds = [...previousBounds]
  const pages: T[][] = bounds.map(() => [])
  const head: T[] = []
  // Newest first, each article's page is at most the previous one's: one walk down the bounds.
  let k = bounds.length
  for (const article of newestFirstArticles) {
    while (k > 0 && newestFirst(article, position(bounds[k - 1])) >= 0) k--
    if (k === bounds.length) head.push(article)
    else pages[k].push(article)
  }
  const firstNew = bounds.length
  const seals = (head.length - unsealed(head.length)) / PAGE_SIZE
  for (let j = 0; j < seals; j++) {
    // Oldest first: the j-th new page is the j-th oldest run of PAGE_SIZE entries.
    const end = head.length - j * PAGE_SIZE
    const sealed = head.slice(end - PAGE_SIZE, end)
    pages.push(sealed)
    bounds.push([sealed[0].published_at, sealed[0].id])
  }
  return { pages, head: head.slice(0, head.length - seals * PAGE_SIZE), bounds, firstNew }
}
