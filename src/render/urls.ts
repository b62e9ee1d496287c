/** The site's URLs, absolute, from one place. */
import type { Site } from '../env'

export const articleUrl = (site: Site, slug: string) => `${site.url}/articles/${slug}`
export const indexUrl = (site: Site, page: number) => (page <= 1 ? `${site.url}/` : `${site.url}/?page=${page}`)
export const rssUrl = (site: Site) => `${site.url}/feed.xml`
