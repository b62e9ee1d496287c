/**
 * Seeds the real local KV binding inside workerd through the same planner and
 * batching the seed script uses; only the target differs.
 */
import { env } from 'cloudflare:test'
import type { Document } from '../../src/shared/records'
import { seed, type RunOptions } from '../../scripts/publish/seed-run'
import { bindingTarget } from '../../scripts/publish/target'
import { answersFor } from '../../scripts/cli/prepared-answers'
import { siteFor } from '../../src/env'
import { isolateCache } from '../../src/http/serve'
import { ORIGIN } from './http'
import { standInImages } from './stand-in-images'

export const kv = () => env.ARTICLES

// Also usable from Node tests, where `cloudflare:test` does not exist.
export { documentText, parsed } from './documents'

/**
 * Seeds documents into the binding, with stand-in preview images (workerd cannot run the renderer) and
 * prepared article answers, as a seed does, and forgets what the isolate had cached.
 */
export async function seedDocuments(documents: Document[], options: RunOptions = {}) {
  // Prepared as `npm start`'s seed prepares them, for the site the tests' requests reach.
  const answers = await answersFor(siteFor(env, ORIGIN))
  const plan = await seed(documents, bindingTarget(env.ARTICLES), { backoffMs: 1, images: standInImages, answers, ...options })
  isolateCache.clear()
  return plan
}
