/**
 * oEmbed 1.0 (https://oembed.com/), type "rich": an iframe to the card, sized
 * to the card's estimated height within the consumer's maxwidth/maxheight,
 * plus embed.js, which then sizes it exactly where the host allows scripts.
 */
import type { Site } from '../env'
import type { StoredArticle } from '../shared/records'
import { creditsOf, joinNames } from './bylines'
import { estimateCardHeight, type Theme } from './card'
import { embedUrl } from './urls'
import { el, renderXml } from './xml'

export const DEFAULT_WIDTH = 560
export const MAX_WIDTH = 640
/** How long consumers may cache our answer, in seconds. */
export const CACHE_AGE = 3600

export type OEmbedRequest = { maxwidth?: number; maxheight?: number; theme: Theme }

export type OEmbed = {
  version: '1.0'
  type: 'rich'
  title: string
  author_name: string
  author_url: string
  provider_name: string
  provider_url: string
  cache_age: number
  html: string
  width: number
  height: number
}

export async function toOEmbed(site: Site, article: StoredArticle, request: OEmbedRequest): Promise<OEmbed> {
  // Section 2.3.4: width and height must not exceed maxwidth and maxheight.
  const width = Math.min(request.maxwidth ?? DEFAULT_WIDTH, MAX_WIDTH)
  const credits = creditsOf(site, article.authors)
  const height = Math.min(estimateCardHeight(site, article, width), request.maxheight ?? Infinity)
  const snippet = (
    <>
      <iframe
        src={embedUrl(site, article.slug, request.theme)}
        width={String(width)}
        height={String(height)}
        title={article.title}
        style="border:0;max-width:100%"
        loading="lazy"
        data-article-embed-frame=""
        // embed.js resizes the frame to its card: this keeps it within maxheight too (section 2.3.4).
        data-max-height={request.maxheight === undefined ? undefined : String(request.maxheight)}
      />
      <script async src={`${site.url}/embed.js`} />
    </>
  )
  return {
    version: '1.0',
    type: 'rich',
    title: article.title,
    // The byline's (issue 24): its names as the card says them, and the first one's page.
    author_name: joinNames(credits.map((credit) => credit.name)),
    author_url: credits[0].url ?? `${site.url}/`,
    provider_name: site.name,
    provider_url: `${site.url}/`,
    cache_age: CACHE_AGE,
    html: (await snippet.toString()).toString(),
    width,
    height,
  }
}

export function renderOEmbedXml(oembed: OEmbed): string {
  return renderXml(el('oembed', null, ...Object.entries(oembed).map(([name, value]) => el(name, null, String(value)))))
}
