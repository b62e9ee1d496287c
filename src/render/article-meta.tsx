/**
 * What other platforms read to preview a link: canonical URL, Open Graph,
 * Twitter card tags, the preview image, schema.org NewsArticle, and oEmbed discovery.
 */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { creditsOf, joinNames, topicsOf } from './bylines'
import { authorLd, publisherLd, scriptSafeJson } from './json-ld'
import { PreviewImageMeta } from './preview-meta'
import { articleUrl, imageUrl, oembedUrl, PREVIEW_IMAGE } from './urls'
import { Link, Meta } from './head-elements'

/** What the preview image shows, for those who cannot see it: its title and the site's name. */
export const previewAlt = (site: Site, article: StoredArticle) => `${article.title} (${site.name})`

export function ArticleMeta({ site, article }: { site: Site; article: StoredArticle }) {
  const url = articleUrl(site, article.slug)
  // Named only when the seed stored one with the article (records.ts).
  const image = article.preview_png === undefined ? undefined : imageUrl(site, article.slug)
  const credits = creditsOf(site, article.authors)
  const topics = topicsOf(site, article.topics).map((topic) => topic.name)
  // Google's Article structured data: headline, image, datePublished, dateModified, author, publisher.
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    image: image && { '@type': 'ImageObject', url: image, width: PREVIEW_IMAGE.width, height: PREVIEW_IMAGE.height },
    datePublished: article.published_at,
    dateModified: article.modified_at > article.published_at ? article.modified_at : article.published_at,
    url,
    mainEntityOfPage: url,
    wordCount: article.word_count,
    inLanguage: site.language,
    // Google's Article structured data takes a list of authors, each a Person with a name and a url.
    author: article.authors ? credits.map(({ name, url }) => ({ '@type': 'Person', name, url })) : authorLd(site),
    // schema.org: articleSection "the section of the news", keywords a comma-separated list.
    articleSection: topics[0],
    keywords: topics.length > 0 ? topics.join(', ') : undefined,
    publisher: publisherLd(site),
  }
  return (
    <>
      <Meta name="author" content={joinNames(credits.map((credit) => credit.name))} />
      <Meta property="og:type" content="article" />
      <Meta property="og:title" content={article.title} />
      <Meta property="og:description" content={article.summary} />
      <Meta property="og:url" content={url} />
      <Meta property="og:site_name" content={site.name} />
      <Meta property="article:published_time" content={article.published_at} />
      <Meta property="article:modified_time" content={article.modified_at} />
      {topics.map((topic) => (
        <Meta property="article:tag" content={topic} />
      ))}
      <PreviewImageMeta url={image} alt={previewAlt(site, article)} />
      <Meta name="twitter:title" content={article.title} />
      <Meta name="twitter:description" content={article.summary} />
      <Link rel="alternate" type="application/json+oembed" href={oembedUrl(site, article.slug, 'json')} title={article.title} />
      <Link rel="alternate" type="text/xml+oembed" href={oembedUrl(site, article.slug, 'xml')} title={article.title} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} />
    </>
  )
}
