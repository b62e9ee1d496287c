/**
 * The OpenSearch 1.1 description (https://github.com/dewitt/opensearch,
 * "OpenSearch description document"): browsers that find it through a page's
 * <link rel="search"> offer the site's search in their address bar.
 */
import type { Site } from '../env'
import { openSearchUrl, searchApiUrl, searchUrl } from './search-urls'
import { faviconUrl } from './urls'
import { el, renderXml } from './xml'

const NS = 'http://a9.com/-/spec/opensearch/1.1/'

export function renderOpenSearch(site: Site): string {
  return renderXml(
    el(
      'OpenSearchDescription',
      { xmlns: NS },
      // ShortName: at most 16 characters, by the specification.
      el('ShortName', null, [...site.name].slice(0, 16).join('')),
      el('Description', null, `Search ${site.name}`),
      el('InputEncoding', null, 'UTF-8'),
      el('Image', { width: '32', height: '32', type: 'image/vnd.microsoft.icon' }, faviconUrl(site)),
      el('Url', { type: 'text/html', method: 'get', template: `${searchUrl(site)}?q={searchTerms}` }),
      el('Url', { type: 'application/json', method: 'get', template: `${searchApiUrl(site)}?q={searchTerms}` }),
      el('Url', { type: 'application/opensearchdescription+xml', rel: 'self', template: openSearchUrl(site) }),
    ),
  )
}
