/**
 * Who wrote an article and what it is filed under (issue 24), as every
 * representation links them: the `By:` line's authors and the `Topics:` line's
 * topics, each with its page, their slugs made at publish time. An article
 * without a `By:` line has the site's author: AUTHOR_NAME, a person, as before.
 */
import type { FacetLink } from '../api-schema'
import type { Site } from '../env'
import type { FacetRef } from '../shared/records'
import { facetSlug } from '../shared/slug'
import { authorUrl } from './urls'

export const authorPageUrl = (site: Site, slug: string) => `${site.url}/authors/${slug}`
export const topicPageUrl = (site: Site, slug: string) => `${site.url}/topics/${slug}`

/** AUTHOR_NAME's slug, folded once per name in an isolate: a stored article carries its authors' own. */
const siteAuthorSlugs = new Map<string, string>()

/**
 * The byline: the `By:` line's authors, each linked to their page; else AUTHOR_NAME, linked to
 * AUTHOR_URL when set, else to their page; else no one (the publisher credits itself: see credits).
 */
export function bylineOf(site: Site, authors: readonly FacetRef[] | undefined): FacetLink[] {
  if (authors) return authors.map(({ name, slug }) => ({ name, slug, url: authorPageUrl(site, slug) }))
  if (site.author.type !== 'Person') return []
  const { name } = site.author
  let slug = siteAuthorSlugs.get(name)
  if (slug === undefined) siteAuthorSlugs.set(name, (slug = facetSlug(name)))
  return [{ name, slug, url: site.author.url ?? authorPageUrl(site, slug) }]
}

export const topicsOf = (site: Site, topics: readonly FacetRef[] | undefined): FacetLink[] =>
  (topics ?? []).map(({ name, slug }) => ({ name, slug, url: topicPageUrl(site, slug) }))

/** Who formats that must name an author credit (feeds, JSON-LD, oEmbed): the byline, or the publisher as today. */
export type Credit = { name: string; url?: string }
export function creditsOf(site: Site, authors: readonly FacetRef[] | undefined): Credit[] {
  // A name and a link alone: JSON Feed 1.1's author object allows no other member, and schema.org's Person has no slug.
  const byline = bylineOf(site, authors).map(({ name, url }) => ({ name, url }))
  return byline.length > 0 ? byline : [{ name: site.author.name, url: authorUrl(site) }]
}

/** Names as a sentence says them: "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}
