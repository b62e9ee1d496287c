/**
 * The preview image as link unfurlers read it: Open Graph's og:image with its
 * structured properties (https://ogp.me/#structured), and a Twitter card large
 * enough to show it (summary_large_image, which wants about 2:1: 1200×630 fits).
 * Without an image (a seed with --no-images), none is named: a URL that answers
 * 404 would leave an empty frame in the unfurl, so the card is a plain summary.
 */
import { PREVIEW_IMAGE } from './urls'

export function PreviewImageMeta({ url, alt }: { url: string | undefined; alt: string }) {
  if (url === undefined) return <meta name="twitter:card" content="summary" />
  return (
    <>
      <meta property="og:image" content={url} />
      <meta property="og:image:type" content={PREVIEW_IMAGE.type} />
      <meta property="og:image:width" content={String(PREVIEW_IMAGE.width)} />
      <meta property="og:image:height" content={String(PREVIEW_IMAGE.height)} />
      <meta property="og:image:alt" content={alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image" content={url} />
      <meta name="twitter:image:alt" content={alt} />
    </>
  )
}
