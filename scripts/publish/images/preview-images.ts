/**
 * Link-preview images (Open Graph `og:image`, `twitter:image`, JSON-LD
 * `image`): a 1200×630 PNG per article showing its title, date and the site's
 * name, and one for the site (its name and description) for the home page.
 * Drawn at seed time, in Node, on every core; the Worker only serves the bytes.
 *
 *   renderPreviewImages(inputs, site): AsyncIterable<Uint8Array>
 *     one PNG per input, in the inputs' order, as each is ready (a batch of
 *     any size is never all held in memory); rejects on an input whose date is
 *     not RFC 3339.
 *   renderSiteImage(site): Promise<Uint8Array>      the home page's image.
 *   previewImageInputHash(input, site): Promise<string>
 *   siteImageInputHash(site): Promise<string>
 *     hex SHA-256 of all that changes that image's pixels (the text shown, the
 *     renderer's version, the engine's and fonts' versions): store it beside the
 *     image and draw again only when it changes.
 *   PREVIEW_IMAGE: its width, height and media type, for og:image:width and the like.
 *
 * A title in any script draws with real glyphs (Latin, Cyrillic, Greek,
 * Arabic and Hebrew right to left, Devanagari, Thai, Hangul, CJK, emoji in
 * outline); a character no font has is left out, never drawn as an empty box.
 * A title too long for its lines is cut at a word, with an ellipsis.
 */
import { CARD } from './card'
import type { PreviewImageInput, PreviewImageSite } from './input-hash'
import { renderInPool } from './render-pool'

export { previewImageInputHash, siteImageInputHash, type PreviewImageInput, type PreviewImageSite } from './input-hash'

export const PREVIEW_IMAGE = { ...CARD, type: 'image/png' } as const

export function renderPreviewImages(inputs: readonly PreviewImageInput[], site: PreviewImageSite): AsyncIterable<Uint8Array> {
  return renderInPool(inputs.map(({ title, date }) => ({ kind: 'article', title, date, siteName: site.name })))
}

export async function renderSiteImage(site: PreviewImageSite): Promise<Uint8Array> {
  for await (const png of renderInPool([{ kind: 'site', name: site.name, description: site.description }])) return png
  throw new Error('the site image was not drawn')
}
