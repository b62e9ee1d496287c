/**
 * The Cron Trigger's work (wrangler.toml: every minute): a scheduled article goes out with no seed, so
 * nothing else would tell the WebSub hubs and IndexNow. Each run tells of the releases within its own
 * minute, (scheduledTime − 60 s, scheduledTime], so each release is told once, within a minute of it.
 *
 * It reads the head (the release times of every scheduled article, and the newest entries, which
 * hold them) and writes nothing: no KV write, whatever the schedule. Only in a minute that releases
 * something does it read those articles too, for the topics and authors whose feeds they join.
 * With neither hubs nor an IndexNow key set it reads nothing. It never throws: what fails is one
 * JSON line in the log, as a reader-facing failure is (app.tsx).
 */
import { canonicalSite, notifySettings, siteFor } from '../env'
import type { FeedOwner } from '../shared/notices'
import { facetSlug } from '../shared/slug'
import { readArticles, readHead } from '../store/read'
import { pingsFor } from './pings'
import { failureLines, sendAll } from './send'

/** A Cron Trigger's period: the run at T tells of releases after T − MINUTE and at or before T. */
const MINUTE = 60_000

const log = (level: 'warn' | 'error', message: string) => console[level](JSON.stringify({ level, event: 'ping', message }))

export async function tellReleased(env: Env, scheduledTime: number): Promise<void> {
  const notify = notifySettings(env)
  if (notify.hubs.length === 0 && notify.indexNow === undefined) return
  const canonical = canonicalSite(env)
  if (!canonical) {
    // Hubs and search engines fetch what they are told of: an address only a request could give is no use to them.
    log('warn', 'SITE_URL is empty: scheduled releases are not pinged')
    return
  }
  try {
    const due = (at: string) => Date.parse(at) > scheduledTime - MINUTE && Date.parse(at) <= scheduledTime
    const head = await readHead(env.ARTICLES)
    if (!head?.upcoming.some(due)) return
    const site = siteFor(env, `${canonical.url}/`)
    const released = await readArticles(
      env.ARTICLES,
      head.entries.filter((entry) => due(entry.published_at)).map((entry) => entry.slug),
    )
    // Filed as the seed files them (scripts/publish/facets.ts): no `By:` line, the site's author when it is a person.
    const siteAuthor = site.author.type === 'Person' ? [{ slug: facetSlug(site.author.name) }] : []
    const facets = new Map<string, FeedOwner>()
    for (const article of released) {
      for (const { slug } of article.authors ?? siteAuthor) facets.set(`author:${slug}`, { kind: 'author', slug })
      for (const { slug } of article.topics ?? []) facets.set(`topic:${slug}`, { kind: 'topic', slug })
    }
    const notices = {
      feeds: ['site' as const, ...[...facets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, owner]) => owner)],
      articles: released.map((a) => a.slug),
    }
    for (const line of failureLines(await sendAll(pingsFor(site, notify, notices)))) log('error', line)
  } catch (error) {
    log(
      'error',
      `scheduled releases at ${new Date(scheduledTime).toISOString()} were not pinged: ${error instanceof Error ? error.message : error}`,
    )
  }
}
