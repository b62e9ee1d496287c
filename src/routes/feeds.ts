/**
 * Feeds of the newest articles, all three from the same source, with the same ids and the same
 * Last-Modified: the site's, from its stored feed; and a topic's or an author's (issue 24), the
 * same renderers over the facet's articles, read at request time: its head names them, one
 * multi-key get reads them, so a cold facet feed takes two KV round trips and no publish writes
 * a feed per facet. Paths and media types: FEEDS and the facets' feed routes in table.ts.
 */
import { type Context, Hono, type Handler } from 'hono'
import type { AppEnv, Site } from '../env'
import { renderAtom } from '../render/atom'
import { renderJsonFeed } from '../render/json-feed'
import { renderRss } from '../render/rss'
import { type FeedChannel, siteChannel } from '../render/urls'
import { FEED_SIZE, type FacetKind } from '../shared/keys'
import { isReleased } from '../shared/order'
import type { FeedArticle, FeedSource } from '../shared/records'
import { toTimestamp } from '../shared/timestamp'
import { facetStore, readArticles, readFeedSource, readIndex } from '../store/read'
import { facetListing, facetSlugOf, releasedFacet } from './facet-view'
import { releasedEntries } from './list-window'
import { respond } from './respond'
import { type Feed, FEEDS, ROUTES } from './table'

const EMPTY_FEED: FeedSource = { articles: [], modified_at: toTimestamp(new Date(0)) }

type Render = (feed: FeedSource, site: Site, channel?: FeedChannel) => Promise<string>

/**
 * WebSub section 4's discovery in the response itself: a Link header naming each hub and the topic
 * (the feed's own URL, as its rel="self" link names it), for subscribers that read headers only.
 */
function websubLinks(site: Site, route: Feed, channel: FeedChannel): string | undefined {
  if (site.hubs.length === 0) return undefined
  const self = channel.feedUrl(FEEDS.find((feed) => feed.type === route.type)!)
  return [...site.hubs.map((hub) => `<${hub}>; rel="hub"`), `<${self}>; rel="self"`].join(', ')
}

/** The FEED_SIZE newest released of the stored articles, dated as the site's lists are. */
async function answer(c: Context<AppEnv>, render: Render, stored: FeedSource | null, channel = siteChannel(c.var.site)) {
  // Scheduled articles ride along in the stored feed until their time (scripts/publish/plan.ts).
  const { entries, lastModified, freshUntil } = releasedEntries(
    stored ? [{ entries: stored.articles, modified_at: stored.modified_at }] : [],
    Date.now(),
  )
  const feed = { articles: entries.slice(0, FEED_SIZE), modified_at: lastModified ?? EMPTY_FEED.modified_at }
  // Before the first seed there is no change to date.
  const link = websubLinks(c.var.site, c.var.route as Feed, channel)
  return respond(c, await render(feed, c.var.site, channel), { lastModified, freshUntil, link })
}

const siteFeed =
  (render: Render): Handler<AppEnv> =>
  async (c) =>
    answer(c, render, await readFeedSource(c.env.ARTICLES))

const laterOf = (a: string, b: string) => (a > b ? a : b)

/** An article as a feed renders it: never its image's bytes, only whether it has one. */
const asFeedArticle = ({ preview_png, ...article }: FeedArticle & { preview_png?: string }): FeedArticle =>
  preview_png === undefined ? article : { ...article, has_preview_image: true }

const facetFeed =
  (kind: FacetKind, render: Render): Handler<AppEnv> =>
  async (c) => {
    const slug = facetSlugOf(kind, c.req.param('slug'))
    const now = Date.now()
    const read = await readIndex(c.env.ARTICLES, { head: true, pages: [] }, facetStore(kind, slug))
    const head = releasedFacet(kind, read.head, now)
    // Those out by now, newest first: the scheduled ones the head names go out as the site's feed's do.
    const out = head.feed.filter(([, published_at]) => isReleased({ published_at }, now)).slice(0, FEED_SIZE)
    const articles = (
      await readArticles(
        c.env.ARTICLES,
        out.map(([s]) => s),
      )
    ).map(asFeedArticle)
    // An edit of one of them changes the feed, not the head: the feed is as new as the newest of either.
    const modified_at = articles.map((a) => a.modified_at).reduce(laterOf, head.modified_at)
    return answer(c, render, { articles, modified_at }, facetListing(c.var.site, kind, slug, head.name).channel)
  }

export const feeds = new Hono<AppEnv>()
  .get(ROUTES.rss.path, siteFeed(renderRss))
  .get(ROUTES.atom.path, siteFeed(renderAtom))
  .get(ROUTES.jsonFeed.path, siteFeed(renderJsonFeed))
  .get(ROUTES.topicRss.path, facetFeed('topic', renderRss))
  .get(ROUTES.topicAtom.path, facetFeed('topic', renderAtom))
  .get(ROUTES.topicJsonFeed.path, facetFeed('topic', renderJsonFeed))
  .get(ROUTES.authorRss.path, facetFeed('author', renderRss))
  .get(ROUTES.authorAtom.path, facetFeed('author', renderAtom))
  .get(ROUTES.authorJsonFeed.path, facetFeed('author', renderJsonFeed))
