/**
 * What a change tells (issue 25), as the publisher works it out and the command line and the Worker's
 * Cron Trigger send it (src/notify/): the feeds whose content changed, by whose they are, and the
 * articles, by slug, that were published, edited or deleted.
 */
import type { FacetKind } from './keys'

/** Whose feeds changed: the site's, or a topic's or an author's, whose feeds are the site's three under its page. */
export type FeedOwner = 'site' | { kind: FacetKind; slug: string }

export type Notices = { feeds: readonly FeedOwner[]; articles: readonly string[] }

export const NO_NOTICES: Notices = { feeds: [], articles: [] }
