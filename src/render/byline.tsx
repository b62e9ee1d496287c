/** The byline, topics and dateline as pages show them (issue 24). */
import type { FacetLink } from '../api-schema'
import type { Site } from '../env'
import type { FacetRef } from '../shared/records'
import { bylineOf, topicsOf } from './bylines'
import { humanDate, humanDateTime } from './dates'

/** "By A", "By A and B", "By A, B and C", each name a link to its page; nothing without an author. */
export const Byline = ({ site, authors }: { site: Site; authors: readonly FacetRef[] | undefined }) => (
  <BylineLinks byline={bylineOf(site, authors)} />
)

/** A byline already linked (a search result's, from the API's answer). */
export function BylineLinks({ byline }: { byline: readonly FacetLink[] }) {
  if (byline.length === 0) return null
  return (
    <p class="byline">
      By{' '}
      {byline.map((author, i) => (
        <>
          {i === 0 ? '' : i === byline.length - 1 ? ' and ' : ', '}
          <a href={author.url} rel="author">
            {author.name}
          </a>
        </>
      ))}
    </p>
  )
}

/** The topics as links to their pages, in the `Topics:` line's order. */
export function Topics({ site, topics }: { site: Site; topics: readonly FacetRef[] | undefined }) {
  const links: FacetLink[] = topicsOf(site, topics)
  if (links.length === 0) return null
  return (
    <ul class="topics" aria-label="Topics">
      {links.map((topic) => (
        <li>
          <a href={topic.url} rel="tag">
            {topic.name}
          </a>
        </li>
      ))}
    </ul>
  )
}

/** "Published 27 April 2026 · Updated 28 April 2026 09:30 UTC": the day it came out, and when it was corrected. */
export function Dateline({ published, updated }: { published: string; updated: string | undefined }) {
  return (
    <>
      Published <time datetime={published}>{humanDate(published)}</time>
      {updated === undefined ? null : (
        <>
          {' · '}Updated <time datetime={updated}>{humanDateTime(updated)}</time>
        </>
      )}
    </>
  )
}
