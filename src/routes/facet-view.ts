/**
 * A topic or an author as the Worker serves it (issue 24): its store, its pages' headings and
 * addresses, its feeds' channel, and the directory entries out now. One place, so every route of
 * a facet (its pages, feeds and list API) names it the same way.
 */
import type { Facet } from '../api-schema'
import type { Site } from '../env'
import { authorPageUrl, topicPageUrl } from '../render/bylines'
import type { Listing } from '../render/index-page'
import { pageChannel } from '../render/urls'
import type { FacetKind } from '../shared/keys'
import { type FacetHead, type FacetPage, type FacetSummary, SlugSchema } from '../shared/records'
import { facetStore } from '../store/read'
import { fail } from '../http/problem'
import type { IndexHead } from '../store/read'
import { type IndexView, releasedCount } from './index-pages'
import { ROUTES } from './table'

export const PAGE_URL: Record<FacetKind, (site: Site, slug: string) => string> = { topic: topicPageUrl, author: authorPageUrl }

/** What a facet's routes answer for an unknown slug, or one whose articles are all still scheduled. */
export const missingFacet = (kind: FacetKind) => `There is no ${kind} at this address.`

/** The slug of a facet route's address; a 404 when it cannot be one. */
export const facetSlugOf = (kind: FacetKind, slug: string | undefined): string =>
  slug !== undefined && SlugSchema.safeParse(slug).success ? slug : fail(404, missingFacet(kind))

/** A facet's head, when it has an article out by now; else a 404, as for a facet never filed. */
export function releasedFacet<H extends IndexHead>(kind: FacetKind, head: H | null, now: number): H {
  if (!head || releasedCount(head, now) === 0) fail(404, missingFacet(kind))
  return head
}

export function facetListing(site: Site, kind: FacetKind, slug: string, name: string): Listing {
  const home = PAGE_URL[kind](site, slug)
  return {
    heading: name,
    archiveHeading: (n) => `${name}, page ${n}`,
    home,
    archiveUrl: (n) => `${home}/archive/${n}`,
    channel: pageChannel(`${name} – ${site.name}`, home),
  }
}

/** A facet's index as its pages read it, named as its head names it. */
export const facetView = (site: Site, kind: FacetKind, slug: string): IndexView<FacetHead, FacetPage> => ({
  store: facetStore(kind, slug),
  listing: (head) => facetListing(site, kind, slug, head?.name ?? slug),
  missing: missingFacet(kind),
})

/** A directory entry with the scheduled articles out by now counted in, as the API lists it. */
export function facetOut(site: Site, kind: FacetKind, summary: FacetSummary, now: number): Facet {
  const url = PAGE_URL[kind](site, summary.slug)
  const count = summary.count + summary.upcoming.filter((at) => Date.parse(at) <= now).length
  return { name: summary.name, slug: summary.slug, url, count, feed_url: `${url}${ROUTES.rss.path}` }
}
