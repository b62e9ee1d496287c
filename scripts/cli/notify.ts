/**
 * After a seed's writes have all landed: tells each WebSub hub of every feed the seed changed, and
 * IndexNow of every article it published, edited or deleted (issue 25; what changed is the plan's,
 * scripts/publish/notices.ts). A ping that fails is a line of the summary, never a failed seed: the
 * articles are out whether or not a hub heard of them.
 */
import { canonicalSite, notifySettings, type Site } from '../../src/env'
import { pingsFor } from '../../src/notify/pings'
import { failureLines, sendAll } from '../../src/notify/send'
import type { Notices } from '../../src/shared/notices'
import { wranglerSettings } from '../publish/wrangler-config'

export type PingReport = {
  /** Pings the hubs and IndexNow accepted (a 2xx). */
  sent: number
  /** Pings that failed every try, or were not sent once their endpoint had failed. */
  failed: number
  /** One line per endpoint that failed, or why none was pinged. */
  failures: string[]
}

export const NO_PINGS: PingReport = { sent: 0, failed: 0, failures: [] }

/**
 * Pings for what a seed changed, to whom wrangler.toml's [vars] (an environment's with --env) name,
 * read by the Worker's own settings. The site is the one the seed prepared answers for: at SITE_URL,
 * or locally at `npm start`'s origin. A remote seed without SITE_URL pings no one, as the addresses
 * it would send are this machine's.
 */
export async function pingChanges(site: Site, notices: Notices, target: { remote: boolean; env?: string }): Promise<PingReport> {
  const vars = wranglerSettings(target.env).vars as unknown as Env
  const notify = notifySettings(vars)
  if (target.remote && !canonicalSite(vars) && (notify.hubs.length > 0 || notify.indexNow))
    return { ...NO_PINGS, failures: ['not pinged: SITE_URL is empty, and hubs and search engines cannot fetch this machine'] }
  const outcomes = await sendAll(pingsFor(site, notify, notices))
  const sent = outcomes.filter((outcome) => outcome.ok).length
  return { sent, failed: outcomes.length - sent, failures: failureLines(outcomes) }
}
