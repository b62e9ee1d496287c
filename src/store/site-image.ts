/**
 * The site's preview image, read from `image:site` and validated where it
 * enters, as read.ts reads every other key.
 */
import { SITE_IMAGE_KEY } from '../shared/keys'
import { type SiteImage, SiteImageSchema } from '../shared/records'
import { CorruptValueError, KV_CACHE_TTL, StoreError } from './read'

/** The stored site image, or null before a seed with images. */
export async function readSiteImage(kv: KVNamespace): Promise<SiteImage | null> {
  let value: unknown
  try {
    value = await kv.get(SITE_IMAGE_KEY, { type: 'json', cacheTtl: KV_CACHE_TTL })
  } catch (error) {
    throw new StoreError(`reading ${SITE_IMAGE_KEY} failed: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (value === null) return null
  const parsed = SiteImageSchema.safeParse(value)
  if (!parsed.success) throw new CorruptValueError(`stored value ${SITE_IMAGE_KEY} does not match its schema`)
  return parsed.data
}
