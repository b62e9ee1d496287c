/**
 * The Worker's bindings (typed by `wrangler types` in worker-configuration.d.ts)
 * and the settings derived from them once per isolate: the site's, and how long
 * a prepared answer stays fresh.
 */
import { DEFAULT_TTL_MS } from './http/response-cache'
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

/** Where SITE_URL puts the site: its origin, and its URL as Site.url has it. */
export type Canonical = { origin: string; url: string }

type Settings = { site: SiteDefaults; canonical: Canonical | undefined; freshnessMs: number }

const DEFAULT_FRESHNESS_SECONDS = DEFAULT_TTL_MS / 1000
/** An hour: past it, a re-seed would take longer to show than anyone would wait for. */
const MAX_FRESHNESS_SECONDS = 3600

/**
 * FRESHNESS_SECONDS, a whole number from 0 to 3600; unset or empty, the default.
 * Anything else is a mistake in wrangler.toml or a `--var`: the site keeps serving
 * with the default (so a re-seed still shows within the documented 60 s), and the
 * refused value is logged once per isolate as one JSON line, in Workers Logs where
 * whoever set it will look. Failing every request would take the site down for a typo.
 */
function freshnessSeconds(value: string | undefined): number {
  const text = value?.trim()
  if (!text) return DEFAULT_FRESHNESS_SECONDS
  if (/^\d{1,4}$/.test(text) && Number(text) <= MAX_FRESHNESS_SECONDS) return Number(text)
  const message = `FRESHNESS_SECONDS ${JSON.stringify(value)} is not a whole number from 0 to ${MAX_FRESHNESS_SECONDS}; using ${DEFAULT_FRESHNESS_SECONDS}`
  console.warn(JSON.stringify({ level: 'warn', event: 'setting', message }))
  return DEFAULT_FRESHNESS_SECONDS
}

const settled = new WeakMap<Env, Settings>()

function settle(env: Env): Settings {
  let settings = settled.get(env)
  if (!settings) {
    const text = env.SITE_URL?.trim()
    const fixed = text ? new URL(text) : undefined
    const canonical = fixed && { origin: fixed.origin, url: fixed.origin + fixed.pathname.replace(/\/+$/, '') }
    settings = {
      canonical,
      site: {
        fixedUrl: canonical?.url,
        name: env.SITE_NAME || 'Articles',
        description: env.SITE_DESCRIPTION || '',
        language: env.SITE_LANGUAGE || 'en',
      },
      freshnessMs: freshnessSeconds(env.FRESHNESS_SECONDS) * 1000,
    }
    settled.set(env, settings)
  }
  return settings
}

/** The site as seen by one request: SITE_URL when set, else the request's own origin. */
export function siteFor(env: Env, requestUrl: string): Site {
  const { fixedUrl, ...rest } = settle(env).site
  return { ...rest, url: fixedUrl ?? new URL(requestUrl).origin }
}

/** Where SITE_URL puts the site, or undefined when it is empty (development: each request's origin). */
export function canonicalSite(env: Env): Canonical | undefined {
  return settle(env).canonical
}

/** How long a prepared answer is served from the isolate cache before storage is read again. */
export function freshnessMs(env: Env): number {
  return settle(env).freshnessMs
}
