/**
 * The Worker's bindings (typed by `wrangler types` in worker-configuration.d.ts)
 * and the settings derived from them once per isolate: the site's, who
 * publishes it, and how long a prepared answer stays fresh.
 */
import { z } from 'zod'
import { DEFAULT_TTL_MS } from './http/response-cache'
import type { Route } from './routes/table'

/** What the app's first middleware settles once per request: its route in the table (none for an unknown address) and its site. */
export type AppEnv = { Bindings: Env; Variables: { route: Route | undefined; site: Site } }

export type Site = {
  /** Absolute base URL without a trailing slash. */
  url: string
  name: string
  description: string
  /** A BCP 47 language tag: the pages' lang, the feeds' language. */
  language: string
  /** `#rrggbb`: the colour of the icon and logo the Worker draws. */
  color: string
  /** Who publishes the site (schema.org `publisher`); `logoUrl` unset: the logo the Worker draws. */
  publisher: { name: string; logoUrl?: string }
  /**
   * Who wrote the articles (documents name no one): AUTHOR_NAME, a Person, or
   * without it the publisher itself, an Organization (schema.org allows either).
   */
  author: { type: 'Person' | 'Organization'; name: string; url?: string }
  /** WEBSUB_HUBS: the hubs every feed names (WebSub section 4), in their order; none when empty. */
  hubs: readonly string[]
}

/**
 * Who is told of a change (issue 25): WebSub hubs, pinged with each changed feed, and IndexNow,
 * sent each changed article's URL. Nothing is sent when both are off.
 */
export type Notify = { hubs: readonly string[]; indexNow: { key: string; endpoint: string } | undefined }

type SiteDefaults = Omit<Site, 'url'> & { fixedUrl: string | undefined }

/** Where SITE_URL puts the site: its origin, and its URL as Site.url has it. */
export type Canonical = { origin: string; url: string }

type Settings = { site: SiteDefaults; canonical: Canonical | undefined; freshnessMs: number; notify: Notify }

/** An hour: past it, a re-seed would take longer to show than anyone would wait for. */
const MAX_FRESHNESS_SECONDS = 3600

const absoluteUrl = z.url({ protocol: /^https?$/, error: 'is not an absolute http or https URL' })
/** Names people read on one line (a feed title, a byline). */
const name = z.string().max(200, 'is longer than 200 characters')

/**
 * The [vars] of wrangler.toml, each with what it accepts and its default. An
 * unset or empty (all-space) var is its default. Schema and defaults are the
 * single description of the settings: the README's section restates it.
 */
const SettingsSchema = z.object({
  /** Empty: each request's origin (development; `npm run deploy` refuses it). */
  SITE_URL: absoluteUrl.optional(),
  SITE_NAME: name.default('Articles'),
  SITE_DESCRIPTION: z.string().max(1000, 'is longer than 1000 characters').default(''),
  // BCP 47 (RFC 5646 section 2.1) in the shape the feeds' validators accept: a language, then subtags.
  SITE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i, 'is not a language tag like "en" or "en-GB"')
    .default('en'),
  SITE_COLOR: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, 'is not a colour like "#0b57d0"')
    .default('#0b57d0'),
  /** Default: SITE_NAME. */
  PUBLISHER_NAME: name.optional(),
  /** Default: the Worker's own /logo.png. */
  PUBLISHER_LOGO_URL: absoluteUrl.optional(),
  /** Default: the publisher, as the author. */
  AUTHOR_NAME: name.optional(),
  AUTHOR_URL: absoluteUrl.optional(),
  FRESHNESS_SECONDS: z
    .string()
    .regex(/^\d{1,4}$/, `is not a whole number from 0 to ${MAX_FRESHNESS_SECONDS}`)
    .transform(Number)
    .pipe(z.number().max(MAX_FRESHNESS_SECONDS, `is not a whole number from 0 to ${MAX_FRESHNESS_SECONDS}`))
    .default(DEFAULT_TTL_MS / 1000),
  /** Comma-separated; default none (no hub links, no pings). */
  WEBSUB_HUBS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((hub) => hub.trim())
        .filter((hub) => hub !== ''),
    )
    .pipe(z.array(absoluteUrl.transform((hub) => new URL(hub).href)))
    .default([]),
  // IndexNow's key: "a minimum of 8 and a maximum of 128 hexadecimal characters", where the protocol
  // allows lower- and upper-case letters, digits and dashes (indexnow.org/documentation).
  INDEXNOW_KEY: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,128}$/, 'is not 8 to 128 letters, digits or dashes')
    .optional(),
  INDEXNOW_ENDPOINT: absoluteUrl.default('https://api.indexnow.org/indexnow'),
})
type SettingName = keyof typeof SettingsSchema.shape
type SettingValues = z.output<typeof SettingsSchema>

/**
 * Each var through its schema, one at a time. A refused value is a mistake in
 * wrangler.toml or a `--var`: the site keeps serving with that setting's
 * default, and the value is logged once per isolate as one JSON line, in
 * Workers Logs where whoever set it will look. Failing every request would take
 * the site down for a typo.
 */
function readSettings(env: Env): SettingValues {
  const vars = env as unknown as Record<string, unknown>
  const values: Record<string, unknown> = {}
  for (const [key, schema] of Object.entries(SettingsSchema.shape) as Array<[SettingName, z.ZodType]>) {
    const raw = typeof vars[key] === 'string' ? vars[key].trim() : vars[key]
    const parsed = schema.safeParse(raw === '' ? undefined : raw)
    if (parsed.success) values[key] = parsed.data
    else {
      values[key] = schema.parse(undefined)
      const fallback = values[key] === undefined ? 'leaving it unset' : `using ${JSON.stringify(values[key])}`
      const message = `${key} ${JSON.stringify(vars[key])} ${parsed.error.issues[0].message}; ${fallback}`
      console.warn(JSON.stringify({ level: 'warn', event: 'setting', message }))
    }
  }
  return values as SettingValues
}

const settled = new WeakMap<Env, Settings>()

function settle(env: Env): Settings {
  let settings = settled.get(env)
  if (!settings) {
    const vars = readSettings(env)
    const fixed = vars.SITE_URL ? new URL(vars.SITE_URL) : undefined
    const canonical = fixed && { origin: fixed.origin, url: fixed.origin + fixed.pathname.replace(/\/+$/, '') }
    const publisher = vars.PUBLISHER_NAME ?? vars.SITE_NAME
    settings = {
      canonical,
      site: {
        fixedUrl: canonical?.url,
        name: vars.SITE_NAME,
        description: vars.SITE_DESCRIPTION,
        language: vars.SITE_LANGUAGE,
        color: vars.SITE_COLOR.toLowerCase(),
        publisher: { name: publisher, logoUrl: vars.PUBLISHER_LOGO_URL },
        author: { type: vars.AUTHOR_NAME ? 'Person' : 'Organization', name: vars.AUTHOR_NAME ?? publisher, url: vars.AUTHOR_URL },
        hubs: vars.WEBSUB_HUBS,
      },
      freshnessMs: vars.FRESHNESS_SECONDS * 1000,
      notify: {
        hubs: vars.WEBSUB_HUBS,
        indexNow: vars.INDEXNOW_KEY ? { key: vars.INDEXNOW_KEY, endpoint: vars.INDEXNOW_ENDPOINT } : undefined,
      },
    }
    settled.set(env, settings)
  }
  return settings
}

/** The last site made, by the origin it was made for: one per isolate, or per origin in development. */
let lastSite: { settings: Settings; origin: string; site: Site } | undefined

/**
 * The site as seen by one request: SITE_URL when set, else the request's own origin. The last one is
 * kept: a request URL is serialized by the URL standard, so one that starts with an origin and then
 * the path's `/` is on that origin, and needs no parsing (a miss pays for little else, issue 12).
 */
export function siteFor(env: Env, requestUrl: string): Site {
  const settings = settle(env)
  const last = lastSite
  if (last?.settings === settings && requestUrl.startsWith(last.origin) && requestUrl.charCodeAt(last.origin.length) === 47)
    return last.site
  const { fixedUrl, ...rest } = settings.site
  const origin = new URL(requestUrl).origin
  const site = { ...rest, url: fixedUrl ?? origin }
  lastSite = { settings, origin, site }
  return site
}

/** Where SITE_URL puts the site, or undefined when it is empty (development: each request's origin). */
export function canonicalSite(env: Env): Canonical | undefined {
  return settle(env).canonical
}

/** How long a prepared answer is served from the isolate cache before storage is read again. */
export function freshnessMs(env: Env): number {
  return settle(env).freshnessMs
}

/** Who is told of a change: WEBSUB_HUBS and IndexNow's settings. */
export function notifySettings(env: Env): Notify {
  return settle(env).notify
}
