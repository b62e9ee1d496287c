/** Atom 1.0 (RFC 4287). */
import type { Site } from '../env'
import type { FacetRef, FeedSource } from '../shared/records'
import { type Credit, creditsOf } from './bylines'
import { articleBodyHtml, textAsHtml } from './article-html'
import { articleGuid } from './rss'
import { ROUTES } from '../routes/table'
import { articleUrl, authorUrl, type FeedChannel, feedLinkType, imageUrl, PREVIEW_IMAGE, siteChannel } from './urls'
import { el, renderXml, type XmlNode } from './xml'

/** The characters of a tag or an entity: text holding one could be read as markup. */
const MARKUP_LIKE = /[<&>]/

/**
 * An Atom Text construct (RFC 4287 section 3.1), its type chosen per element:
 * plain text as type="text", the default (section 3.1.1.1), and text holding
 * `<`, `&` or `>` as type="html" (section 3.1.1.2), escaped as HTML and then,
 * by the writer, as XML. Readers that render text constructs as HTML then show
 * those characters, and the W3C Feed Validator does not flag markup in "text".
 */
const textConstruct = (name: string, text: string): XmlNode =>
  MARKUP_LIKE.test(text) ? el(name, { type: 'html' }, textAsHtml(text)) : el(name, null, text)

/**
 * An entry's atom:updated (RFC 4287 section 4.2.15: the last significant change, the publication
 * until an edit, plan.ts), an instant of its own. Documents dated to the day or the minute, and
 * articles edited by one seed, share a second: the W3C Feed Validator warns (DuplicateUpdated), and
 * readers that tell entries' changes apart by atom:updated would not. A time given to the second
 * says nothing finer, so each entry takes a fixed part of its first millisecond, a hash of its id:
 * stable across renders, never before the publication, and below what readers that parse to the
 * millisecond (JavaScript's Date, @extractus/feed-extractor) see: they read the document's own time.
 */
function entryUpdated(article: FeedSource['articles'][number]): string {
  const changed = article.modified_at > article.published_at ? article.modified_at : article.published_at
  // Stored times are UTC (records.ts); one with a fraction of a second keeps it.
  if (!/:\d\dZ$/.test(changed)) return changed
  // FNV-1a, 32 bits: two ids of one feed share a part about once in 10^6.
  let hash = 0x811c9dc5
  for (let i = 0; i < article.id.length; i++) hash = Math.imul(hash ^ article.id.charCodeAt(i), 0x01000193) >>> 0
  return `${changed.slice(0, -1)}.000${String(hash % 1_000_000).padStart(6, '0')}Z`
}

/** An Atom Person construct (RFC 4287 section 3.2): the author's name, and their page where there is one. */
const author = ({ name, url }: Credit): XmlNode => el('author', null, el('name', null, name), ...(url ? [el('uri', null, url)] : []))

/** RFC 4287 section 4.2.2: term, the topic's slug; label, its name as people read it; scheme, where its pages are. */
const category = (site: Site, topic: FacetRef): XmlNode =>
  el('category', { term: topic.slug, label: topic.name, scheme: `${site.url}/topics/` })

/**
 * The preview image: a link rel="enclosure" (RFC 4287 section 4.2.7.2), which
 * Atom readers list as an attachment, and Media RSS's media:thumbnail, which
 * Feedly and Inoreader show beside the entry.
 */
function previewImage(url: string): XmlNode[] {
  return [
    el('link', { rel: 'enclosure', type: PREVIEW_IMAGE.type, href: url }),
    el('media:thumbnail', { url, width: String(PREVIEW_IMAGE.width), height: String(PREVIEW_IMAGE.height) }),
  ]
}

export async function renderAtom(feed: FeedSource, site: Site, channel: FeedChannel = siteChannel(site)): Promise<string> {
  const entries = await Promise.all(
    feed.articles.map(async (article) =>
      el(
        'entry',
        null,
        el('id', null, articleGuid(site, article.id)),
        textConstruct('title', article.title),
        el('link', { rel: 'alternate', type: 'text/html', href: articleUrl(site, article.slug) }),
        ...(article.has_preview_image ? previewImage(imageUrl(site, article.slug)) : []),
        // One atom:author per author (section 4.2.1 allows several), and one atom:category per topic.
        ...creditsOf(site, article.authors).map(author),
        ...(article.topics ?? []).map((topic) => category(site, topic)),
        el('published', null, article.published_at),
        el('updated', null, entryUpdated(article)),
        textConstruct('summary', article.summary),
        el('content', { type: 'html' }, await articleBodyHtml(article)),
      ),
    ),
  )
  return renderXml(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:media': 'http://search.yahoo.com/mrss/', 'xml:lang': site.language },
      el('id', null, channel.home),
      textConstruct('title', channel.title),
      ...(site.description ? [textConstruct('subtitle', site.description)] : []),
      el('updated', null, feed.modified_at),
      el('link', { rel: 'self', type: feedLinkType(ROUTES.atom), href: channel.feedUrl(ROUTES.atom) }),
      // WebSub section 4: the hubs beside the self link, which names the topic subscribers subscribe to.
      ...site.hubs.map((hub) => el('link', { rel: 'hub', href: hub })),
      el('link', { rel: 'alternate', type: 'text/html', href: channel.home }),
      // Required on the feed when an entry has none (section 4.1.1): a feed with no entries yet.
      author({ name: site.author.name, url: authorUrl(site) }),
      ...entries,
    ),
  )
}
