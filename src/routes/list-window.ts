/**
 * Reading the index from a position: which keys one multi-key get reads, and
 * what comes next from what it read. Pure, so the API and its tests share it.
 *
 * The head holds the newest entries, sealed pages fixed key ranges below it
 * (src/shared/keys.ts). Entries after a position in a sealed page k are in k and
 * the pages below, so a cursor there reads k and the next older ones. A position
 * in the head may meanwhile have been sealed into the pages counted from then on:
 * a cursor there reads the head, those pages and the older ones.
 */
import { isReleased, newestFirst } from '../shared/order'
import type { IndexEntry } from '../shared/records'
import type { IndexHead, IndexPage, IndexRead } from '../store/read'
import type { Cursor } from './cursor'

/** Sealed pages read below a cursor's page: with PAGE_SIZE 20, a full window of 100 and more. */
const PAGES_BELOW = 5
/** Pages a head-mode cursor reads that were sealed after it was made. */
const SEALED_SINCE = 3

const pagesDown = (from: number, to: number) => Array.from({ length: Math.max(0, from - Math.max(0, to) + 1) }, (_, i) => from - i)

export function windowFor(cursor: Cursor | undefined): { head: boolean; pages: number[] } {
  if (!cursor) return { head: true, pages: [] }
  if (cursor.head) return { head: true, pages: pagesDown(cursor.page + SEALED_SINCE - 1, cursor.page - (PAGES_BELOW - SEALED_SINCE)) }
  return { head: false, pages: pagesDown(cursor.page, cursor.page - PAGES_BELOW) }
}

export type Taken = {
  items: IndexEntry[]
  next: Cursor | null
  /** The latest change among what was read, releases included. */
  lastModified: string | undefined
  /** When the next scheduled entry among what was read goes out (ms), if any. */
  freshUntil: number | undefined
}

type Source = { entries: readonly IndexEntry[]; page: number | 'head' }

/** Up to `limit` released entries after the cursor's position, and the cursor after them: the site's index or a facet's. */
export function takeFrom<H extends IndexHead, P extends IndexPage>(
  read: IndexRead<H, P>,
  cursor: Cursor | undefined,
  limit: number,
  now: number,
): Taken {
  const window = windowFor(cursor)
  const sealed = read.head?.sealed ?? 0
  const sources: Source[] = []
  if (read.head) sources.push({ entries: read.head.entries, page: 'head' })
  // More pages sealed since a head-mode cursor than its window reads: the head alone comes first
  // (it is newer than every page), then a cursor counted from the pages sealed now.
  const unread = cursor?.head === true && sealed - 1 > cursor.page + SEALED_SINCE - 1
  // A head-mode window counts only pages the head counts; pages past them are a cut-short seed's.
  const pages = unread ? [] : window.head ? window.pages.filter((k) => k < sealed) : window.pages
  for (const k of pages) sources.push({ entries: read.pages.get(k)?.entries ?? [], page: k })

  const items: IndexEntry[] = []
  let last: Source | undefined
  let more = false
  const { lastModified, freshUntil } = released(
    sources.map((source) => ({
      entries: source.entries,
      modified_at: source.page === 'head' ? read.head?.modified_at : read.pages.get(source.page)?.modified_at,
      upcoming: source.page === 'head' ? read.head?.upcoming : undefined,
    })),
    now,
    (entry, i) => {
      if (cursor?.position && newestFirst(entry, cursor.position) <= 0) return
      if (items.length === limit) more = true
      else {
        items.push(entry)
        last = sources[i]
      }
    },
  )
  const lowest = sources.at(-1)?.page
  const lastItem = items.at(-1)
  const position = lastItem ? { published_at: lastItem.published_at, id: lastItem.id } : cursor?.position
  let next: Cursor | null = null
  if (more && last) next = last.page === 'head' ? { position, page: sealed, head: true } : { position, page: last.page, head: false }
  else if (lowest === 'head') next = sealed > 0 ? { position, page: sealed, head: true } : null
  else if (lowest !== undefined && lowest > 0) next = { position, page: lowest - 1, head: false }
  return { items, next, lastModified, freshUntil }
}

export type Stored<T extends IndexEntry = IndexEntry> = {
  entries: readonly T[]
  modified_at: string | undefined
  upcoming?: readonly string[]
}

/**
 * Calls `take` with each released entry of the stored pages, in order, and dates what was read:
 * Last-Modified is the latest page date or release among them (a release since the page was
 * written changes the answer), and the answer is fresh until the next scheduled entry goes out.
 */
export function released<T extends IndexEntry>(
  stored: ReadonlyArray<Stored<T>>,
  now: number,
  take: (entry: T, source: number) => void,
): { lastModified: string | undefined; freshUntil: number | undefined } {
  let latest = Number.NEGATIVE_INFINITY
  let lastModified: string | undefined
  let freshUntil = Number.POSITIVE_INFINITY
  const dated = (at: string | undefined) => {
    if (at !== undefined && Date.parse(at) > latest) {
      latest = Date.parse(at)
      lastModified = at
    }
  }
  for (const [i, page] of stored.entries()) {
    dated(page.modified_at)
    for (const at of page.upcoming ?? []) if (Date.parse(at) > now) freshUntil = Math.min(freshUntil, Date.parse(at))
    for (const entry of page.entries) {
      if (isReleased(entry, now)) {
        dated(entry.published_at)
        take(entry, i)
      } else freshUntil = Math.min(freshUntil, Date.parse(entry.published_at))
    }
  }
  return { lastModified, freshUntil: Number.isFinite(freshUntil) ? freshUntil : undefined }
}

/** Every released entry of the stored pages, in order, dated as `released` dates them. */
export function releasedEntries<T extends IndexEntry>(stored: ReadonlyArray<Stored<T>>, now: number) {
  const entries: T[] = []
  return { entries, ...released(stored, now, (entry) => entries.push(entry)) }
}
