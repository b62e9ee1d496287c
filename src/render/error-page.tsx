/** Errors on the site are pages too, in the site's own shell. */
import type { Site } from '../env'
import { Layout } from './layout'

export function ErrorPage({ site, title, detail }: { site: Site; title: string; detail: string }) {
  return (
    <Layout site={site} title={`${title} – ${site.name}`}>
      <h1>{title}</h1>
      <p>{detail}</p>
      <p>
        <a href={`${site.url}/`}>Go to the latest articles</a>
      </p>
    </Layout>
  )
}
