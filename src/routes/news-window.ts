/**
 * What the Google News sitemap lists (issue 25), from the index read newest first: the released
 * articles of the last 48 hours, at most 1,000. Google's news sitemap guidelines ask for articles
 * "created in the last two days" and at most 1,000 `<news:news>` tags a sitemap
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). Pure: the
 * handler reads the head, then sealed pages below it as `pagesToRead` says, until `complete`.
 */
import { PAGE_SIZE } from '../shared/keys'
import type { PageEntry } from '../shared/records'
import { toTimestamp } from '../shared/timestamp'
import { released, type Stored } from './list-window'

const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000
const NEWS_LIMIT = 1000
/** Sealed pages one read takes at most: the list's 1,000 entries as pages are sealed, well within a multi-key get's 100 keys. */
const MOST_PAGES = 50

export type NewsWindow = {
  /** Newest first. */
  entries: PageEntry[]
  /** Nothing further down would be listed: the list is full, or an entry older than the window was reached. */
  complete: boolean
  /** What `released` dates, or the last time an entry aged out, whichever is later: an age-out changes the list too. */
  lastModified: string | undefined
  /** The next scheduled release, or when the oldest listed entry turns 48 hours old, whichever is sooner. */
  freshUntil: number | undefined
}

const expiry = (entry: Pick<PageEntry, 'published_at'>) => Date.parse(entry.published_at) + NEWS_WINDOW_MS

/** The window as far as the stored pages, the head then sealed pages newest first, reach. */
export function newsWindow(stored: ReadonlyArray<Stored<PageEntry>>, now: number): NewsWindow {
  const entries: PageEntry[] = []
  // The first entry past the window: the one that aged out last.
  let agedOut: number | undefined
  const dated = released(stored, now, (entry) => {
    if (agedOut !== undefined || entries.length === NEWS_LIMIT) return
    if (expiry(entry) <= now) agedOut = expiry(entry)
    else entries.push(entry)
  })
  const oldest = entries.at(-1)
  const lastModified =
    agedOut !== undefined && (dated.lastModified === undefined || agedOut > Date.parse(dated.lastModified))
      ? toTimestamp(new Date(agedOut))
      : dated.lastModified
  const until = [dated.freshUntil, oldest && expiry(oldest)].filter((at) => at !== undefined)
  return {
    entries,
    complete: agedOut !== undefined || entries.length === NEWS_LIMIT,
    lastModified,
    freshUntil: until.length > 0 ? Math.min(...until) : undefined,
  }
}

/**
 * The sealed pages the next read takes, from page `next` down: at the rate the entries listed so far
 * came out, enough to reach the window's start (or fill the list), and one more to reach past it;
 * with fewer than two listed, no rate to go by, one page.
 */
export function pagesToRead(window: NewsWindow, now: number, next: number): number[] {
  const { entries } = window
  let count = 1
  if (entries.length > 1) {
    const oldest = Date.parse(entries.at(-1)!.published_at)
    const perMs = (entries.length - 1) / Math.max(1, Date.parse(entries[0].published_at) - oldest)
    const expected = Math.min(perMs * (oldest - (now - NEWS_WINDOW_MS)), NEWS_LIMIT - entries.length)
    count = Math.min(MOST_PAGES, Math.ceil(expected / PAGE_SIZE) + 1)
  }
  return Array.from({ length: Math.min(count, next + 1) }, (_, i) => next - i)
}
