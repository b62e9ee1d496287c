/**
 * The Worker's bindings (typed by `wrangler types` in worker-configuration.d.ts)
 * and the site settings derived from them once per isolate.
 */
import type { Route } from './routes/table'

/** What the app's first middleware settles once per request: its route in the table (none for an unknown address) and its site. */
export type AppEnv = { Bindings: Env; Variables: { route: Route | undefined; site: Site } }

export type Site = {
  /** Absolute base URL without a trailing slash. */
  url: string
  name: string
  description: string
  language: string
}

type SiteDefaults = Omit<Site, 'url'> & { fixedUrl: string | undefined }

const settled = new WeakMap<Env, SiteDefaults>()

function settle(env: Env): SiteDefaults {
  let site = settled.get(env)
  if (!site) {
    const fixed = env.SITE_URL?.trim()
    site = {
      fixedUrl: fixed ? new URL(fixed).origin + new URL(fixed).pathname.replace(/\/+$/, '') : undefined,
      name: env.SITE_NAME || 'Articles',
      description: env.SITE_DESCRIPTION || '',
      language: env.SITE_LANGUAGE || 'en',
    }
    settled.set(env, site)
  }
  return site
}

/** The site as seen by one request: SITE_URL when set, else the request's own origin. */
export function siteFor(env: Env, requestUrl: string): Site {
  const { fixedUrl, ...rest } = settle(env)
  return { ...rest, url: fixedUrl ?? new URL(requestUrl).origin }
}
