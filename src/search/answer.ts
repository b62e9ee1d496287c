/**
 * One search, as both search routes answer it: the query parsed, the index's
 * documents ranked, one page of them with their documents and snippets.
 */
import type { SearchResults } from '../api-schema'
import type { Site } from '../env'
import { bylineOf } from '../render/bylines'
import { articleUrl } from '../render/urls'
import { facetSlug } from '../shared/slug'
import { opening } from '../shared/search-index'
import { rank, withDocs } from './engine'
import { parseQuery } from './query'
import { makeSnippet } from './snippet'
import { MAX_OFFSET } from './params'
import { kvSource, readSearchDirectory } from './store'

export type SearchRequest = { q: string; limit: number; offset: number; sort: 'relevance' | 'date' }
export type SearchAnswer = { body: SearchResults; freshUntil?: number }

export async function search(kv: KVNamespace, site: Site, { q, limit, offset, sort }: SearchRequest, now: number): Promise<SearchAnswer> {
  const dir = await readSearchDirectory(kv)
  const query = parseQuery(q)
  if (!dir) return { body: { items: [], next_cursor: null, total: 0, partial: false, cut: query.cut } }
  const source = kvSource(kv)
  const ranked = await rank(dir, source, query, now, sort)
  const shown = await withDocs(dir, source, ranked.hits.slice(offset, offset + limit))
  const next = offset + limit
  return {
    body: {
      items: shown.map(({ doc, score }) => {
        const [slug, title, summary, published_at, , , names] = doc!
        const url = articleUrl(site, slug)
        // The byline as the article's own: its slugs fold from its names as the seed folded them.
        const authors = bylineOf(
          site,
          names?.map((name) => ({ name, slug: facetSlug(name) })),
        )
        const snippet = makeSnippet(opening(doc!), query)
        return { slug, title, summary, published_at, url, authors, snippet, score: Math.round(score * 1e4) / 1e4 }
      }),
      next_cursor: next < ranked.hits.length && next <= MAX_OFFSET ? String(next) : null,
      total: ranked.hits.length,
      partial: ranked.partial,
      cut: ranked.cut,
    },
    freshUntil: ranked.freshUntil,
  }
}
