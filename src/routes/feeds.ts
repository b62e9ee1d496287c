/**
 * Feeds of the newest articles.
 *
 *   GET /feed.xml   RSS 2.0
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { siteFor } from '../env'
import { FEED_CACHE } from '../http/cache-control'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { renderRss } from '../render/rss'
import type { FeedSource } from '../schema'
import { readFeedSource } from '../store/read'

const EMPTY_FEED: FeedSource = { articles: [], modified_at: new Date(0).toISOString() }

export const feeds = new Hono<AppEnv>()

feeds.get('/feed.xml', async (c) => {
  const feed = (await readFeedSource(c.env.ARTICLES)) ?? EMPTY_FEED
  const xml = await renderRss(feed, siteFor(c.env, c.req.url))
  return serve(c, await represent(xml, { type: 'application/rss+xml; charset=utf-8', cacheControl: FEED_CACHE, lastModified: feed.modified_at }))
})
