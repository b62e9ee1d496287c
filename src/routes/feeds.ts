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
import { readFeedSource } from '../store/read'
import { respond } from './respond'
import { ROUTES } from './table'

const EMPTY_FEED: FeedSource = { articles: [], modified_at: toTimestamp(new Date(0)) }

const feed =
  (render: (feed: FeedSource, site: Site) => Promise<string>): Handler<AppEnv> =>
  async (c) => {
    const stored = await readFeedSource(c.env.ARTICLES)
    // Before the first seed there is no change to date.
    return respond(c, await render(stored ?? EMPTY_FEED, c.var.site), { lastModified: stored?.modified_at })
  }

export const feeds = new Hono<AppEnv>()
  .get(ROUTES.rss.path, feed(renderRss))
  .get(ROUTES.atom.path, feed(renderAtom))
  .get(ROUTES.jsonFeed.path, feed(renderJsonFeed))
