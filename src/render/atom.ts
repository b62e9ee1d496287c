/** Atom 1.0 (RFC 4287). */
import type { Site } from '../env'
import type { FeedSource } from '../shared/records'
import { articleBodyHtml } from './article-html'
import { articleGuid } from './rss'
import { ROUTES } from '../routes/table'
import { articleUrl, feedLinkType, feedUrl } from './urls'
import { el, renderXml } from './xml'

export async function renderAtom(feed: FeedSource, site: Site): Promise<string> {
  const entries = await Promise.all(
    feed.articles.map(async (article) =>
      el(
        'entry',
        null,
        el('id', null, articleGuid(site, article.id)),
        el('title', { type: 'text' }, article.title),
        el('link', { rel: 'alternate', type: 'text/html', href: articleUrl(site, article.slug) }),
        el('published', null, article.published_at),
        // RFC 4287 section 4.2.15: the last significant change, the publication until an edit (plan.ts).
        el('updated', null, article.modified_at > article.published_at ? article.modified_at : article.published_at),
        el('summary', { type: 'text' }, article.summary),
        el('content', { type: 'html' }, await articleBodyHtml(article)),
      ),
    ),
  )
  return renderXml(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': site.language },
      el('id', null, `${site.url}/`),
      el('title', { type: 'text' }, site.name),
      ...(site.description ? [el('subtitle', { type: 'text' }, site.description)] : []),
      el('updated', null, feed.modified_at),
      el('link', { rel: 'self', type: feedLinkType(ROUTES.atom), href: feedUrl(site, ROUTES.atom) }),
      el('link', { rel: 'alternate', type: 'text/html', href: `${site.url}/` }),
      // Required on the feed when an entry has none (section 4.1.1).
      el('author', null, el('name', null, site.name)),
      ...entries,
    ),
  )
}
