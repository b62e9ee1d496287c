/**
 * The preview image as link unfurlers read it: Open Graph's og:image with its
 * structured properties (https://ogp.me/#structured), and a Twitter card large
 * enough to show it (summary_large_image, which wants about 2:1: 1200×630 fits).
 * Without an image (a seed with --no-images), none is named: a URL that answers
 * 404 would leave an empty frame in the unfurl, so the card is a plain summary.
 *
 * With an image, robots max-image-preview:large lets Google show it large
 * (https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag#max-image-preview):
 * Discover shows a large preview only for images at least 1200 px wide on pages that allow it
 * (https://developers.google.com/search/docs/appearance/google-discover), and every preview image is.
 * Article and index pages write it here; the card, a page other sites frame, names no preview image.
 */
import { PREVIEW_IMAGE } from './urls'
import { Meta } from './head-elements'

export function PreviewImageMeta({ url, alt }: { url: string | undefined; alt: string }) {
  if (url === undefined) return <Meta name="twitter:card" content="summary" />
  return (
    <>
      <Meta name="robots" content="max-image-preview:large" />
      <Meta property="og:image" content={url} />
      <Meta property="og:image:type" content={PREVIEW_IMAGE.type} />
      <Meta property="og:image:width" content={String(PREVIEW_IMAGE.width)} />
      <Meta property="og:image:height" content={String(PREVIEW_IMAGE.height)} />
      <Meta property="og:image:alt" content={alt} />
      <Meta name="twitter:card" content="summary_large_image" />
      <Meta name="twitter:image" content={url} />
      <Meta name="twitter:image:alt" content={alt} />
    </>
  )
}
