/**
 * What a change tells whom (issue 25): each WebSub hub the URL of every feed that changed, and
 * IndexNow the URLs of the articles published, edited or deleted. Pure: the seed's command line and
 * the Worker's Cron Trigger build their pings here and send them with send.ts.
 */
import type { Notify, Site } from '../env'
import { FEEDS } from '../routes/table'
import { authorPageUrl, topicPageUrl } from '../render/bylines'
import { articleUrl } from '../render/urls'
import type { FeedOwner, Notices } from '../shared/notices'
import type { Ping } from './send'

/** The absolute URLs of an owner's three feeds, as their rel="self" links name them. */
export function feedUrlsOf(site: Site, owner: FeedOwner): string[] {
  const home = owner === 'site' ? site.url : (owner.kind === 'topic' ? topicPageUrl : authorPageUrl)(site, owner.slug)
  return FEEDS.map((feed) => `${home}${feed.path}`)
}

/**
 * A publish ping per hub and feed: the form PubSubHubbub 0.4 and the hubs in use take (W3C WebSub
 * leaves publishing to the hub; section 7 of 0.4 and Google's, Superfeedr's and WebSubHub's hubs take
 * `hub.mode=publish` with the topic as `hub.url`).
 */
export function websubPings(hubs: readonly string[], feedUrls: readonly string[]): Ping[] {
  return hubs.flatMap((hub) =>
    feedUrls.map((url) => ({
      service: 'websub' as const,
      endpoint: hub,
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
      type: 'application/x-www-form-urlencoded',
    })),
  )
}

/** IndexNow's limit of URLs in one submission (indexnow.org/documentation). */
export const INDEXNOW_BATCH = 10_000

/**
 * IndexNow submissions of the URLs, 10,000 a request: `{ host, key, keyLocation, urlList }` as JSON,
 * the key proven by the file the Worker serves at keyLocation. Every URL is on the site's host, as
 * the protocol requires.
 */
export function indexNowPings(site: Site, indexNow: Notify['indexNow'], urls: readonly string[]): Ping[] {
  if (!indexNow || urls.length === 0) return []
  const host = new URL(site.url).host
  const pings: Ping[] = []
  for (let i = 0; i < urls.length; i += INDEXNOW_BATCH) {
    const body = { host, key: indexNow.key, keyLocation: indexNowKeyUrl(site, indexNow.key), urlList: urls.slice(i, i + INDEXNOW_BATCH) }
    pings.push({ service: 'indexnow', endpoint: indexNow.endpoint, body: JSON.stringify(body), type: 'application/json; charset=utf-8' })
  }
  return pings
}

/** Where the Worker serves the key: at the site's root, so it covers every URL of the host. */
export const indexNowKeyUrl = (site: Site, key: string) => `${site.url}/${key}.txt`

/** Every ping a change makes under the settings: none when both are off. */
export function pingsFor(site: Site, notify: Notify, notices: Notices): Ping[] {
  const feedUrls = notify.hubs.length > 0 ? notices.feeds.flatMap((owner) => feedUrlsOf(site, owner)) : []
  return [
    ...websubPings(notify.hubs, feedUrls),
    ...indexNowPings(
      site,
      notify.indexNow,
      notices.articles.map((slug) => articleUrl(site, slug)),
    ),
  ]
}
