/** One page of the newest-first index. */
import type { Site } from '../env'
import type { ListPage } from '../shared/records'
import { humanDate } from './dates'
import { publisherLd, scriptSafeJson } from './json-ld'
import { Layout } from './layout'
import { PreviewImageMeta } from './preview-meta'
import { articleUrl, indexUrl, siteImageUrl } from './urls'

/** What a shared link to the index shows: the site, its image, and on the home page who it is (schema.org WebSite). */
function IndexMeta({ site, url, home }: { site: Site; url: string; home: boolean }) {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.name,
    ...(site.description ? { description: site.description } : {}),
    url: `${site.url}/`,
    inLanguage: site.language,
    publisher: publisherLd(site),
  }
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:title" content={site.name} />
      {site.description ? <meta property="og:description" content={site.description} /> : null}
      <meta property="og:url" content={url} />
      <meta property="og:site_name" content={site.name} />
      <PreviewImageMeta url={siteImageUrl(site)} alt={site.name} />
      {home ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} /> : null}
    </>
  )
}

export function IndexPage({ site, page, number }: { site: Site; page: Pick<ListPage, 'entries' | 'has_next'>; number: number }) {
  const heading = number === 1 ? 'Latest articles' : `Articles, page ${number}`
  return (
    <Layout
      site={site}
      title={number === 1 ? site.name : `${heading} – ${site.name}`}
      description={site.description}
      canonical={indexUrl(site, number)}
      head={<IndexMeta site={site} url={indexUrl(site, number)} home={number === 1} />}
    >
      <h1>{heading}</h1>
      {page.entries.length === 0 ? <p>No articles yet.</p> : null}
      <ol class="articles">
        {page.entries.map((entry) => (
          <li>
            <article>
              <h2>
                <a href={articleUrl(site, entry.slug)}>{entry.title}</a>
              </h2>
              <p class="meta">
                <time datetime={entry.published_at}>{humanDate(entry.published_at)}</time>
              </p>
              <p>{entry.summary}</p>
            </article>
          </li>
        ))}
      </ol>
      {number > 1 || page.has_next ? (
        <nav class="pages" aria-label="Pagination">
          {number > 1 ? (
            <a href={indexUrl(site, number - 1)} rel="prev">
              ← Newer
            </a>
          ) : (
            <span />
          )}
          {page.has_next ? (
            <a href={indexUrl(site, number + 1)} rel="next">
              Older →
            </a>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </Layout>
  )
}
