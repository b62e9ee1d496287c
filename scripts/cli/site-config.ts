/**
 * The site as the Worker will serve it, for the seed's own use: wrangler.toml's
 * [vars] (an environment's own with --env) read through the Worker's settings
 * (src/env.ts), so a default or a refused value is the one its pages show too.
 */
import { wranglerSettings } from '../publish/wrangler-config'
import { type Site, siteFor } from '../../src/env'

/** The site at SITE_URL, or at `origin` when SITE_URL is empty (development: each request's origin). */
export function configuredSite(origin: string, env?: string): Site {
  const { vars } = wranglerSettings(env)
  return siteFor(vars as unknown as Env, origin)
}
