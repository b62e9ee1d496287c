/**
 * What a plan tells once it is applied (issue 25): which feeds a reader would now find changed, and
 * which articles were published, edited or deleted. Both are judged at the seed's clock, as readers
 * see the site: a scheduled article is told of at its release (the Worker's Cron Trigger), not when
 * it is stored.
 *
 * A feed shows its FEED_SIZE newest released articles. It changed when that window differs before
 * and after the plan: another article in it, or one in it with other content or another preview
 * image. Only the site's feeds and those of the facets an article touched by the plan was or is
 * filed under can differ, so an unchanged seed, or an edit deep in the archive, tells nothing, and
 * the windows are worked out only for those: one pass over the previous manifest, one over the
 * articles, each keeping the newest FEED_SIZE per feed.
 */
import { type FacetKind, FEED_SIZE } from '../../src/shared/keys'
import { NO_NOTICES, type FeedOwner, type Notices } from '../../src/shared/notices'
import type { ArticleRecord } from './document/derive'
import { keysOf, manifestName } from './facets'
import { MANIFEST_HASH_LENGTH, type ManifestEntry } from './manifest'

export type NoticeInput = {
  /** Every article as stored once the plan is applied. */
  articles: readonly ArticleRecord[]
  /** Each article's preview image hash prefix and facets, as the manifest keeps them once applied. */
  imageOf: ReadonlyMap<string, string | undefined>
  facetsOf: ReadonlyMap<string, string | undefined>
  previous: ReadonlyMap<string, ManifestEntry>
  /** What the manifest holds that the plan removes. */
  removed: ReadonlyArray<[string, ManifestEntry]>
  nowMs: number
}

/**
 * An article as a feed shows it: its time (parsed once: a scan compares it with the newest of every
 * feed it is in), its id, what its entry holds (content hash, and whether it has an image), and its
 * facets as the manifest writes them.
 */
type Member = { ms: number; id: string; hash: string; image: boolean; facets: string | undefined }

const SITE = 'site'

const shown = (m: Member) => `${m.id}:${m.hash}${m.image ? '+' : ''}`

const memberOfRecord = (a: ArticleRecord, input: NoticeInput): Member => ({
  ms: Date.parse(a.published_at),
  id: a.id,
  hash: a.content_hash.slice(0, MANIFEST_HASH_LENGTH),
  image: input.imageOf.get(a.id) !== undefined,
  facets: input.facetsOf.get(a.id),
})

const memberOfEntry = (id: string, e: ManifestEntry, published_at: string): Member => ({
  ms: Date.parse(published_at),
  id,
  hash: e.hash,
  image: e.image !== undefined,
  facets: e.facets,
})

/** The index's order (src/shared/order.ts, newestFirst) on times parsed once. */
const before = (a: Member, b: Member) => a.ms > b.ms || (a.ms === b.ms && a.id < b.id)

/**
 * The newest FEED_SIZE released members of each wanted feed, as lines of what each shows. `names`
 * maps the manifest's names of the wanted facets (short, and as older manifests wrote them) to their keys.
 */
function windows(members: Iterable<Member>, names: ReadonlyMap<string, string>, nowMs: number): Map<string, string> {
  const tops = new Map<string, Member[]>([[SITE, []], ...[...names.values()].map((key): [string, Member[]] => [key, []])])
  const offer = (top: Member[], member: Member) => {
    if (top.length === FEED_SIZE && !before(member, top[FEED_SIZE - 1])) return
    // Its place by bisection: a manifest read oldest first would otherwise walk every top to its start.
    let [low, high] = [0, top.length]
    while (low < high) {
      const mid = (low + high) >> 1
      if (before(top[mid], member)) low = mid + 1
      else high = mid
    }
    top.splice(low, 0, member)
    if (top.length > FEED_SIZE) top.pop()
  }
  for (const member of members) {
    if (member.ms > nowMs) continue
    offer(tops.get(SITE)!, member)
    if (names.size === 0 || !member.facets) continue
    for (const name of member.facets.split(' ').slice(1)) {
      const key = names.get(name)
      if (key !== undefined) offer(tops.get(key)!, member)
    }
  }
  return new Map([...tops].map(([key, top]) => [key, top.map(shown).join('\n')]))
}

const ownerOf = (key: string): FeedOwner => {
  const at = key.indexOf(':')
  return key === SITE ? SITE : { kind: key.slice(0, at) as FacetKind, slug: key.slice(at + 1) }
}

export function planNotices(input: NoticeInput): Notices {
  const { previous, nowMs } = input
  const articles: string[] = []
  let touched = false
  const facets = new Set<string>()
  const touch = (member: Member) => {
    touched = true
    for (const key of keysOf(member.facets)) facets.add(key)
  }
  for (const a of input.articles) {
    const entry = previous.get(a.id)
    const hash = a.content_hash.slice(0, MANIFEST_HASH_LENGTH)
    const facetsNow = input.facetsOf.get(a.id)
    const imageNow = input.imageOf.get(a.id) !== undefined
    // As the manifest has it: the same in every list and feed (its facets' value hashes what lists show).
    if (
      entry?.published_at === a.published_at &&
      entry.hash === hash &&
      entry.facets === facetsNow &&
      (entry.image !== undefined) === imageNow
    )
      continue
    const now = memberOfRecord(a, input)
    const was = entry?.published_at === undefined ? undefined : memberOfEntry(a.id, entry, entry.published_at)
    const out = now.ms <= nowMs
    const wasOut = was !== undefined && was.ms <= nowMs
    if (!out && !wasOut) continue
    // Out, gone back to its schedule, or edited; not an image redrawn or refiled alone, which leave its page as it was.
    if (out !== wasOut || entry?.hash !== hash) articles.push(a.slug)
    if (was && wasOut) touch(was)
    if (out) touch(now)
  }
  for (const [id, entry] of input.removed) {
    if (entry.published_at === undefined || Date.parse(entry.published_at) > nowMs) continue
    articles.push(entry.slug)
    touch(memberOfEntry(id, entry, entry.published_at))
  }
  if (!touched) return articles.length > 0 ? { ...NO_NOTICES, articles } : NO_NOTICES

  const names = new Map<string, string>()
  for (const key of facets) names.set(manifestName(key), key).set(key, key)
  const oldMembers = function* () {
    for (const [id, entry] of previous) if (entry.published_at !== undefined) yield memberOfEntry(id, entry, entry.published_at)
  }
  const old = windows(oldMembers(), names, nowMs)
  const now = windows(
    input.articles.map((a) => memberOfRecord(a, input)),
    names,
    nowMs,
  )
  // The site's first, then the facets' by key (authors, then topics, each A–Z): the order pings go out in.
  const changed = [...facets].filter((key) => old.get(key) !== now.get(key)).sort()
  if (old.get(SITE) !== now.get(SITE)) changed.unshift(SITE)
  return { feeds: changed.map(ownerOf), articles }
}
