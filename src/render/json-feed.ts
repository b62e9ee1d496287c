/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
import type { Site } from '../env'
import type { FeedSource } from '../shared/records'
import { articleBodyHtml } from './article-html'
import { creditsOf } from './bylines'
import { articleGuid } from './rss'
import { ROUTES } from '../routes/table'
import { articleUrl, authorUrl, type FeedChannel, imageUrl, siteChannel } from './urls'

export async function renderJsonFeed(feed: FeedSource, site: Site, channel: FeedChannel = siteChannel(site)): Promise<string> {
  // JSON Feed 1.1's author object; on the feed for readers that take it from there, and on each item for those that do not.
  const authors = [{ name: site.author.name, url: authorUrl(site) }]
  const items = await Promise.all(
    feed.articles.map(async (article) => ({
      id: articleGuid(site, article.id),
      url: articleUrl(site, article.slug),
      title: article.title,
      // JSON Feed 1.1 asks for content_html or content_text: one copy of the body, the HTML the other feeds carry.
      content_html: await articleBodyHtml(article),
      summary: article.summary,
      // "the URL of the main image for the item": the preview image, when the seed stored one.
      image: article.has_preview_image ? imageUrl(site, article.slug) : undefined,
      date_published: article.published_at,
      date_modified: article.modified_at,
      authors: article.authors ? creditsOf(site, article.authors) : authors,
      // JSON Feed 1.1 tags: "plain strings", the topics' names.
      tags: article.topics?.map((topic) => topic.name),
      language: site.language,
    })),
  )
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.home,
    feed_url: channel.feedUrl(ROUTES.jsonFeed),
    ...(site.description ? { description: site.description } : {}),
    language: site.language,
    authors,
    // JSON Feed 1.1's own field for WebSub: "endpoints that can be used to subscribe to real-time notifications".
    ...(site.hubs.length > 0 ? { hubs: site.hubs.map((url) => ({ type: 'WebSub', url })) } : {}),
    items,
  })
}
