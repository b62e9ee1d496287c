/**
 * The preview image as link unfurlers read it: Open Graph's og:image with its
 * structured properties (https://ogp.me/#structured), and a Twitter card large
 * enough to show it (summary_large_image, which wants about 2:1: 1200×630 fits).
 */
import { PREVIEW_IMAGE } from './urls'

export function PreviewImageMeta({ url, alt }: { url: string; alt: string }) {
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
