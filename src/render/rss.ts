/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) with the
 * content:encoded and atom:link extensions the W3C validator expects.
 */
import type { Site } from '../env'
import type { FeedSource } from '../shared/records'
import { articleBodyHtml, textAsHtml } from './article-html'
import { rfc822 } from './dates'
import { ROUTES } from '../routes/table'
import { articleUrl, feedLinkType, feedUrl } from './urls'
import { el, renderXml } from './xml'

/**
 * The GUID: a tag URI (RFC 4151) on the document id, so a retitled or re-slugged
 * article is not a new item. Atom and JSON Feed use the same id.
 */
export const articleGuid = (site: Site, id: string) => `tag:${new URL(site.url).hostname},2026:article:${id}`

export async function renderRss(feed: FeedSource, site: Site): Promise<string> {
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
      ),
    ),
  )
  const lastBuild = feed.articles.length ? rfc822(feed.modified_at) : undefined
  return renderXml(
    el(
      'rss',
      { version: '2.0', 'xmlns:atom': 'http://www.w3.org/2005/Atom', 'xmlns:content': 'http://purl.org/rss/1.0/modules/content/' },
      el(
        'channel',
        null,
        el('title', null, site.name),
        el('link', null, `${site.url}/`),
        el('description', null, site.description || site.name),
        el('language', null, site.language),
        ...(lastBuild ? [el('lastBuildDate', null, lastBuild)] : []),
        el('atom:link', { href: feedUrl(site, ROUTES.rss), rel: 'self', type: feedLinkType(ROUTES.rss) }),
        ...items,
      ),
    ),
  )
}
