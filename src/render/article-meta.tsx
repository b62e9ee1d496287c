/**
 * What other platforms read to preview a link: canonical URL, Open Graph,
 * Twitter card tags, schema.org NewsArticle, and oEmbed discovery.
 */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { articleUrl, oembedUrl } from './urls'

/** JSON inside <script> must not be able to close the element: escape `<` (and the JS line separators). */
const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

export function ArticleMeta({ site, article }: { site: Site; article: StoredArticle }) {
  const url = articleUrl(site, article.slug)
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    datePublished: article.published_at,
    dateModified: article.modified_at > article.published_at ? article.modified_at : article.published_at,
    url,
    mainEntityOfPage: url,
    wordCount: article.word_count,
    inLanguage: site.language,
    publisher: { '@type': 'Organization', name: site.name, url: `${site.url}/` },
  }
  return (
    <>
      <meta property="og:type" content="article" />
      <meta property="og:title" content={article.title} />
      <meta property="og:description" content={article.summary} />
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={site.name} />
      <meta property="article:published_time" content={article.published_at} />
      <meta property="article:modified_time" content={article.modified_at} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={article.title} />
      <meta name="twitter:description" content={article.summary} />
      <link rel="alternate" type="application/json+oembed" href={oembedUrl(site, article.slug, 'json')} title={article.title} />
      <link rel="alternate" type="text/xml+oembed" href={oembedUrl(site, article.slug, 'xml')} title={article.title} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} />
    </>
  )
}
