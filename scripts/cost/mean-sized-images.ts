/**
 * A stand-in image source that draws nothing: every preview image is a PNG of
 * the mean size the renderer measured (18.5 KB, docs/benchmarks.md "Preview
 * images"), so plans of 100,000 articles are priced with their images' bytes
 * and writes without drawing them. Input hashes are real hashes of what an
 * image shows, so a retitled article is rewritten as it would be.
 */
import { sha256Hex } from '../../src/shared/hash'
import { ESTIMATED_IMAGE_BASE64, type ImageSource } from '../publish/plan'

const MEAN_IMAGE = 'A'.repeat(ESTIMATED_IMAGE_BASE64)

export const meanSizedImages = (siteName = 'Edge Articles'): ImageSource => ({
  site: `mean-sized:${siteName}`,
  hashOf: (article) => sha256Hex(JSON.stringify([article.title, article.published_at, siteName])),
  prepare: async () => {},
  base64: () => MEAN_IMAGE,
  base64Length: () => ESTIMATED_IMAGE_BASE64,
})
