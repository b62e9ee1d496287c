/**
 * schema.org JSON-LD, as search engines and link-preview services read it
 * (Google Search Central, "Article structured data"): who publishes the site
 * and who wrote it, and the JSON itself, made safe inside a <script> element.
 */
import type { Site } from '../env'
import { LOGO_SIZE } from './site-mark'
import { authorUrl, logoUrl } from './urls'

/** JSON inside <script> must not be able to close the element: escape `<` (and the JS line separators). */
export const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/**
 * The publisher, with its logo as an ImageObject: a URL Google can crawl. The
 * logo the Worker draws has a known size; one named by PUBLISHER_LOGO_URL has
 * whatever size its file has, so none is claimed for it.
 */
export const publisherLd = (site: Site) => ({
  '@type': 'Organization',
  name: site.publisher.name,
  url: `${site.url}/`,
  logo: {
    '@type': 'ImageObject',
    url: logoUrl(site),
    ...(site.publisher.logoUrl ? {} : { width: LOGO_SIZE, height: LOGO_SIZE }),
  },
})

/** The author: AUTHOR_NAME as a Person, or the publisher as an Organization. */
export const authorLd = (site: Site) => ({
  '@type': site.author.type,
  name: site.author.name,
  url: authorUrl(site), // undefined: left out
})
