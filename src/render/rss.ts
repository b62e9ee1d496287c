/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the
 * content:encoded and atom:link extensions the W3C validator expects, Dublin
 * Core's dc:creator for each author, a category for each topic, and Media RSS
 * for the preview image.
 */
import type { Site } from '../env'
import type { FeedSource } from '../shared/records'
import { articleBodyHtml, textAsHtml } from './article-html'
import { creditsOf } from './bylines'
import { rfc822 } from './dates'
import { ROUTES } from '../routes/table'
import { articleUrl, type FeedChannel, feedLinkType, imageUrl, PREVIEW_IMAGE, siteChannel } from './urls'
import { el, renderXml, type XmlNode } from './xml'

/**
 * The GUID: a tag URI (RFC 4151) on the document id, so a retitled or re-slugged
 * article is not a new item. Atom and JSON Feed use the same id.
 */
export const articleGuid = (site: Site, id: string) => `tag:${new URL(site.url).hostname},2026:article:${id}`

/**
 * The preview image, as Media RSS 1.5.1 (https://www.rssboard.org/media-rss)
 * says it: media:content with its type, medium and size, which Feedly and
 * Inoreader show, and media:thumbnail, which readers that list thumbnails
 * take. Not <enclosure>: RSS 2.0 requires its length in bytes, which the
 * Worker does not know when it writes the feed, and readers treat an
 * enclosure as a podcast-style download.
 */
const previewImage = (url: string): XmlNode[] => {
  const size = { width: String(PREVIEW_IMAGE.width), height: String(PREVIEW_IMAGE.height) }
  return [el('media:content', { url, type: PREVIEW_IMAGE.type, medium: 'image', ...size }), el('media:thumbnail', { url, ...size })]
}

export async function renderRss(feed: FeedSource, site: Site, channel: FeedChannel = siteChannel(site)): Promise<string> {
  const items = await Promise.all(
    feed.articles.map(async (article) =>
      el(
        'item',
        null,
        el('title', null, article.title),
        el('link', null, articleUrl(site, article.slug)),
        el('guid', { isPermaLink: 'false' }, articleGuid(site, article.id)),
        el('pubDate', null, rfc822(article.published_at)),
        // "The item synopsis", which readers render as HTML (RSS 2.0, elements of <item>): the summary
        // escaped as HTML, so `R&D` or `<b>` reads as those characters, as in content:encoded.
        el('description', null, textAsHtml(article.summary)),
        el('content:encoded', null, await articleBodyHtml(article)),
        // RSS's own <author> must be an email address; dc:creator takes a name (and the validator
        // flags an item with both: DuplicateItemSemantics).
        // One per author (issue 24): Dublin Core allows the element to repeat.
        ...creditsOf(site, article.authors).map((credit) => el('dc:creator', null, credit.name)),
        // One per topic (RSS 2.0, <category>), by its name.
        ...(article.topics ?? []).map((topic) => el('category', null, topic.name)),
        ...(article.has_preview_image ? previewImage(imageUrl(site, article.slug)) : []),
      ),
    ),
  )
  const lastBuild = feed.articles.length ? rfc822(feed.modified_at) : undefined
  return renderXml(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      el(
        'channel',
        null,
        el('title', null, channel.title),
        el('link', null, channel.home),
        el('description', null, site.description || site.name),
        el('language', null, site.language),
        ...(lastBuild ? [el('lastBuildDate', null, lastBuild)] : []),
        el('atom:link', { href: channel.feedUrl(ROUTES.rss), rel: 'self', type: feedLinkType(ROUTES.rss) }),
        // WebSub section 4: the hubs beside the self link, which names the topic subscribers subscribe to.
        ...site.hubs.map((hub) => el('atom:link', { href: hub, rel: 'hub' })),
        ...items,
      ),
    ),
  )
}
