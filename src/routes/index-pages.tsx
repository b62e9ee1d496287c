/**
 * An index's pages, the site's or a facet's (issue 24: a facet is the site's index with a filter):
 * its newest page, from its head, and its archive pages, each a sealed page whose address and
 * articles never move. The same reads, the same renderer and the same dates for both.
 */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { renderDocument } from '../render/html'
import { IndexPage, type Listing } from '../render/index-page'
import { type IndexHead, type IndexPage as StoredPage, type IndexStore, readIndex } from '../store/read'
import { releasedEntries } from './list-window'
import { respond } from './respond'

/** Which index, how its pages are headed and addressed, and for a facet what a missing one answers (404). */
export type IndexView<H extends IndexHead, P extends StoredPage> = {
  store: IndexStore<H, P>
  /** Made from the head read, which names a facet. */
  listing: (head: H | null) => Listing
  missing?: string
}

/** Articles out now: scheduled ones count nowhere until their time. */
export const releasedCount = (head: Pick<IndexHead, 'count' | 'upcoming'>, now: number): number =>
  head.count - head.upcoming.filter((at) => Date.parse(at) > now).length

const hasSiteImage = (head: IndexHead | null) => head !== null && 'site_image' in head && head.site_image !== undefined

/** The index's newest page: its head's released entries, and a link to its newest sealed page. */
export async function newestPage<H extends IndexHead, P extends StoredPage>(c: Context<AppEnv>, view: IndexView<H, P>) {
  const now = Date.now()
  const { head } = await readIndex(c.env.ARTICLES, { head: true, pages: [] }, view.store)
  if (view.missing !== undefined && (!head || releasedCount(head, now) === 0)) fail(404, view.missing)
  const { entries, lastModified, freshUntil } = releasedEntries(head ? [head] : [], now)
  const listing = view.listing(head)
  const older = head && head.sealed > 0 ? listing.archiveUrl(head.sealed) : undefined
  const page = <IndexPage site={c.var.site} listing={listing} entries={entries} older={older} siteImage={hasSiteImage(head)} />
  return respond(c, await renderDocument(page), { lastModified, freshUntil })
}

/** Archive page n, counted from the oldest (1): sealed page n − 1, read with the head that counts it. */
export async function archivePage<H extends IndexHead, P extends StoredPage>(c: Context<AppEnv>, view: IndexView<H, P>, n: number) {
  const now = Date.now()
  const read = await readIndex(c.env.ARTICLES, { head: true, pages: [n - 1] }, view.store)
  // The head says how many pages are sealed: a page past them is a cut-short seed's.
  const sealed = read.head?.sealed ?? 0
  const stored = read.pages.get(n - 1)
  if (n > sealed || !stored || (view.missing !== undefined && releasedCount(read.head!, now) === 0))
    fail(404, `There is no archive page ${n}.`)
  const { entries, lastModified, freshUntil } = releasedEntries([stored], now)
  const listing = view.listing(read.head)
  const newer = n < sealed ? listing.archiveUrl(n + 1) : listing.home
  const older = n > 1 ? listing.archiveUrl(n - 1) : undefined
  const page = (
    <IndexPage
      site={c.var.site}
      listing={listing}
      entries={entries}
      archive={n}
      newer={newer}
      older={older}
      siteImage={hasSiteImage(read.head)}
    />
  )
  return respond(c, await renderDocument(page), { lastModified, freshUntil })
}
