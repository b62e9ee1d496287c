/** A page of the index, newest first: the home page (the head) or an archive page (a sealed page). */
import type { Site } from '../env'
import type { ListEntry } from '../shared/records'
import { Byline } from './byline'
import { humanDate } from './dates'
import { publisherLd, scriptSafeJson } from './json-ld'
import { Layout } from './layout'
import { PreviewImageMeta } from './preview-meta'
import { archiveUrl, articleUrl, type FeedChannel, indexUrl, siteChannel, siteImageUrl } from './urls'
import { Meta } from './head-elements'

/** What a shared link to the index shows: the site, its image, and on the home page who it is (schema.org WebSite). */
function IndexMeta({ site, title, url, home, siteImage }: { site: Site; title: string; url: string; home: boolean; siteImage: boolean }) {
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
      <Meta property="og:type" content="website" />
      <Meta property="og:title" content={title} />
      {site.description ? <Meta property="og:description" content={site.description} /> : null}
      <Meta property="og:url" content={url} />
      <Meta property="og:site_name" content={site.name} />
      <PreviewImageMeta url={siteImage ? siteImageUrl(site) : undefined} alt={site.name} />
      {home ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} /> : null}
    </>
  )
}

/**
 * Which index a page lists: the site's, or a topic's or an author's (issue 24), which is the
 * site's with a filter: the same page over other entries, with its own heading, addresses and feeds.
 */
export type Listing = {
  /** The newest page's heading; an archive page's is `archiveHeading(n)`. */
  heading: string
  archiveHeading: (n: number) => string
  home: string
  archiveUrl: (n: number) => string
  channel: FeedChannel
}

export const siteListing = (site: Site): Listing => ({
  heading: 'Latest articles',
  archiveHeading: (n) => `Archive, page ${n}`,
  home: indexUrl(site),
  archiveUrl: (n) => archiveUrl(site, n),
  channel: siteChannel(site),
})

export type IndexPageProps = {
  site: Site
  /** The site's unless given. */
  listing?: Listing
  entries: readonly ListEntry[]
  /** The home page, or archive page `archive` (1 is the oldest). */
  archive?: number
  /** The neighbours' addresses, where there are any. */
  newer?: string
  older?: string
  /** Whether the store holds the site's preview image (the head says: Head.site_image). */
  siteImage: boolean
}

export function IndexPage({ site, listing = siteListing(site), entries, archive, newer, older, siteImage }: IndexPageProps) {
  const heading = archive === undefined ? listing.heading : listing.archiveHeading(archive)
  const canonical = archive === undefined ? listing.home : listing.archiveUrl(archive)
  const home = canonical === indexUrl(site)
  const title = home ? site.name : `${heading} – ${site.name}`
  return (
    <Layout
      site={site}
      title={title}
      description={site.description}
      canonical={canonical}
      channel={listing.channel}
      head={<IndexMeta site={site} title={home ? site.name : heading} url={canonical} home={home} siteImage={siteImage} />}
    >
      <h1>{heading}</h1>
      {entries.length === 0 ? <p>{archive === undefined ? 'No articles yet.' : 'No articles left on this page.'}</p> : null}
      <ol class="articles">
        {entries.map((entry) => (
          <li>
            <article>
              <h2>
                <a href={articleUrl(site, entry.slug)}>{entry.title}</a>
              </h2>
              <Byline site={site} authors={entry.authors} />
              <p class="meta">
                <time datetime={entry.published_at}>{humanDate(entry.published_at)}</time>
              </p>
              <p>{entry.summary}</p>
            </article>
          </li>
        ))}
      </ol>
      {newer || older ? (
        <nav class="pages" aria-label="Pagination">
          {newer ? (
            <a href={newer} rel="prev">
              ← Newer
            </a>
          ) : (
            <span />
          )}
          {older ? (
            <a href={older} rel="next">
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
