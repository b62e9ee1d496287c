/**
 * Feeds of the newest articles, all three from the same stored source, with
 * the same ids and the same Last-Modified. Paths and media types: FEEDS in table.ts.
 */
import { Hono, type Handler } from 'hono'
import type { AppEnv, Site } from '../env'
import { renderAtom } from '../render/atom'
import { renderJsonFeed } from '../render/json-feed'
import { renderRss } from '../render/rss'
import type { FeedSource } from '../shared/records'
import { toTimestamp } from '../shared/timestamp'
import { FEED_SIZE } from '../shared/keys'
import { readFeedSource } from '../store/read'
import { releasedEntries } from './list-window'
import { respond } from './respond'
import { ROUTES } from './table'

const EMPTY_FEED: FeedSource = { articles: [], modified_at: toTimestamp(new Date(0)) }

const feed =
  (render: (feed: FeedSource, site: Site) => Promise<string>): Handler<AppEnv> =>
  async (c) => {
    const stored = await readFeedSource(c.env.ARTICLES)
    // Scheduled articles ride along in the stored feed until their time (scripts/publish/plan.ts).
    const { entries, lastModified, freshUntil } = releasedEntries(
      stored ? [{ entries: stored.articles, modified_at: stored.modified_at }] : [],
      Date.now(),
    )
    const feed = { articles: entries.slice(0, FEED_SIZE), modified_at: lastModified ?? EMPTY_FEED.modified_at }
    // Before the first seed there is no change to date.
    return respond(c, await render(feed, c.var.site), { lastModified, freshUntil })
  }

export const feeds = new Hono<AppEnv>()
  .get(ROUTES.rss.path, feed(renderRss))
  .get(ROUTES.atom.path, feed(renderAtom))
  .get(ROUTES.jsonFeed.path, feed(renderJsonFeed))
