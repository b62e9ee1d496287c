/**
 * The site as its preview images show it: the name and description the Worker
 * serves, from wrangler.toml's [vars] (an environment's own with --env), read
 * through the Worker's own settings (src/env.ts), so a default or a refused
 * value is the one its pages show too.
 */
import { unstable_readConfig } from 'wrangler'
import { siteFor } from '../../src/env'
import { cachedImages } from '../publish/images/image-cache'
import type { PreviewImageSite } from '../publish/images/preview-images'
import type { ImageSource } from '../publish/plan'

export function imageSite(env?: string): PreviewImageSite {
  const { vars } = unstable_readConfig({ config: 'wrangler.toml', env })
  // The URL only fills Site.url, which no image shows.
  const { name, description } = siteFor(vars as unknown as Env, 'http://localhost/')
  return { name, description }
}

/** The images a seed draws and stores, or none with --no-images. */
export const previewImages = (noImages: boolean, env?: string): Promise<ImageSource | undefined> =>
  noImages ? Promise.resolve(undefined) : cachedImages(imageSite(env))
