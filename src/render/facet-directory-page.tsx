/** Every topic or every author, A–Z with how many articles each has (issue 24), a page at a time. */
import type { Facet } from '../api-schema'
import type { Site } from '../env'
import { Layout } from './layout'

export type FacetDirectoryPageProps = {
  site: Site
  heading: string
  canonical: string
  facets: readonly Facet[]
  /** The next page's address, once the directory is longer than a page. */
  next?: string
}

export function FacetDirectoryPage({ site, heading, canonical, facets, next }: FacetDirectoryPageProps) {
  return (
    <Layout site={site} title={`${heading} – ${site.name}`} description={site.description} canonical={canonical}>
      <h1>{heading}</h1>
      {facets.length === 0 ? <p>None yet.</p> : null}
      <ol class="articles">
        {facets.map((facet) => (
          <li>
            <h2>
              <a href={facet.url}>{facet.name}</a>
            </h2>
            <p class="meta">{facet.count === 1 ? '1 article' : `${facet.count} articles`}</p>
          </li>
        ))}
      </ol>
      {next ? (
        <nav class="pages" aria-label="Pagination">
          <span />
          <a href={next} rel="next">
            More →
          </a>
        </nav>
      ) : null}
    </Layout>
  )
}
