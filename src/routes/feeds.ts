/**
 * Feeds of the newest articles, all three from the same stored source, with
 * the same ids and the same Last-Modified.
 *
 *   GET /feed.xml    RSS 2.0
 *   GET /atom.xml    Atom 1.0
 *   GET /feed.json   JSON Feed 1.1
 */
import { Hono } from 'hono'
import type { AppEnv, Site } from '../env'
import { siteFor } from '../env'
import { FEED_CACHE } from '../http/cache-control'
import { READABLE_ANYWHERE } from '../http/cors'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { renderAtom } from '../render/atom'
import { renderJsonFeed } from '../render/json-feed'
import { renderRss } from '../render/rss'
import type { FeedSource } from '../shared/records'
import { toTimestamp } from '../shared/timestamp'
import { readFeedSource } from '../store/read'

const EMPTY_FEED: FeedSource = { articles: [], modified_at: toTimestamp(new Date(0)) }

type FeedFormat = {
  path: string
  type: string
  render: (feed: FeedSource, site: Site) => Promise<string>
  headers?: Record<string, string>
}

const FORMATS: FeedFormat[] = [
  { path: '/feed.xml', type: 'application/rss+xml; charset=utf-8', render: renderRss },
  { path: '/atom.xml', type: 'application/atom+xml; charset=utf-8', render: renderAtom },
  // Readable by scripts on any origin, as JSON Feed readers in the browser need.
  { path: '/feed.json', type: 'application/feed+json; charset=utf-8', render: renderJsonFeed, headers: READABLE_ANYWHERE },
]

export const feeds = new Hono<AppEnv>()

for (const format of FORMATS) {
  feeds.get(format.path, async (c) => {
    const stored = await readFeedSource(c.env.ARTICLES)
    const body = await format.render(stored ?? EMPTY_FEED, siteFor(c.env, c.req.url))
    // Before the first seed there is no change to date.
    return serve(c, await represent(body, { type: format.type, cacheControl: FEED_CACHE, lastModified: stored?.modified_at, headers: format.headers }))
  })
}
