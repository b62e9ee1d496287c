/** The search results page: pure, from a query and the API's own answer. */
import type { SearchResults, Snippet } from '../api-schema'
import type { Site } from '../env'
import { BylineLinks } from './byline'
import { humanDate } from './dates'
import { Meta } from './head-elements'
import { Layout } from './layout'
import { searchPageUrl } from './search-urls'

export type SearchPageProps = {
  site: Site
  /** Empty: the form alone. */
  q: string
  sort: 'relevance' | 'date'
  results?: SearchResults
  offset: number
}

/** The snippet's text, escaped as any text is, each matched word in <mark>. */
function marked({ text, marks }: Snippet) {
  const parts: unknown[] = []
  let at = 0
  for (const [start, end] of marks) {
    parts.push(text.slice(at, start), <mark>{text.slice(start, end)}</mark>)
    at = end
  }
  parts.push(text.slice(at))
  return parts
}

export function SearchPage({ site, q, sort, results, offset }: SearchPageProps) {
  const title = q ? `${q} – Search – ${site.name}` : `Search – ${site.name}`
  const other = sort === 'date' ? 'relevance' : 'date'
  return (
    <Layout site={site} title={title} q={q} head={<Meta name="robots" content="noindex" />}>
      <h1>Search</h1>
      {results ? (
        <>
          <p class="meta" role="status">
            {results.total === 0
              ? `No article matches “${q}”.`
              : `${results.total} ${results.total === 1 ? 'article' : 'articles'} ${results.partial ? `match some of the words of “${q}”, none all of them` : `match “${q}”`}${results.cut ? '; the query was cut to fit the work allowed' : ''}.`}{' '}
            {results.total > 1 ? <a href={searchPageUrl(site, q, { sort: other })}>{`Sort by ${other}`}</a> : null}
          </p>
          <ol class="articles" start={offset + 1}>
            {results.items.map((item) => (
              <li>
                <h2>
                  <a href={item.url}>{item.title}</a>
                </h2>
                <BylineLinks byline={item.authors} />
                <p class="meta">
                  <time datetime={item.published_at}>{humanDate(item.published_at)}</time>
                </p>
                <p>{marked(item.snippet)}</p>
              </li>
            ))}
          </ol>
          <nav class="pages" aria-label="Results">
            {offset > 0 ? (
              <a href={searchPageUrl(site, q, { sort, cursor: offset > 10 ? String(offset - 10) : undefined })}>Previous</a>
            ) : (
              <span />
            )}
            {results.next_cursor ? <a href={searchPageUrl(site, q, { sort, cursor: results.next_cursor })}>Next</a> : null}
          </nav>
        </>
      ) : (
        <p>Every word must match; "quoted words" match as a phrase, and the last word also matches the longer words it begins.</p>
      )}
    </Layout>
  )
}
