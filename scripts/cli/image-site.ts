/**
 * The site as its preview images show it: the name and description the Worker
 * serves (site-config.ts).
 */
import { configuredSite } from './site-config'
import { cachedImages } from '../publish/images/image-cache'
import type { PreviewImageSite } from '../publish/images/preview-images'
import type { ImageSource } from '../publish/plan'

export function imageSite(env?: string): PreviewImageSite {
  // The origin only fills Site.url, which no image shows.
  const { name, description } = configuredSite('http://localhost/', env)
  return { name, description }
}

/** The images a seed draws and stores, or none with --no-images. */
export const previewImages = (noImages: boolean, env?: string): Promise<ImageSource | undefined> =>
  noImages ? Promise.resolve(undefined) : cachedImages(imageSite(env))
