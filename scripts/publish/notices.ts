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
 * the window is worked out only for those: one pass over the previous manifest, one over the
 * articles, each keeping the newest FEED_SIZE per feed.
 */
import { type FacetKind, FEED_SIZE } from '../../src/shared/keys'
import { NO_NOTICES, type FeedOwner, type Notices } from '../../src/shared/notices'
import { isReleased, newestFirst, type Position } from '../../src/shared/order'
import type { ArticleRecord } from './document/derive'
import { keysOf } from './facets'
import { MANIFEST_HASH_LENGTH, type ManifestEntry } from './manifest'

export type NoticeInput = {
  /** Every article as stored once the plan is applied. */
  articles: readonly ArticleRecord[]
  /** Each article's preview image hash prefix and facets, as the manifest keeps them once applied. */
  imageOf: ReadonlyMap<string, string | undefined>
  facetsOf: ReadonlyMap<string, string | undefined>
  previous: ReadonlyMap<string, ManifestEntry>
  nowMs: number
}

/** An article as a feed shows it: its position, its content's hash, whether it has an image, and its facets' keys. */
type Member = Position & { hash: string; image: boolean; keys: readonly string[] }

const SITE = 'site'

const memberOfRecord = (a: ArticleRecord, input: NoticeInput): Member => ({
  published_at: a.published_at,
  id: a.id,
  hash: a.content_hash.slice(0, MANIFEST_HASH_LENGTH),
  image: input.imageOf.get(a.id) !== undefined,
  keys: keysOf(input.facetsOf.get(a.id)),
})

const memberOfEntry = (id: string, e: ManifestEntry & { published_at: string }): Member => ({
  published_at: e.published_at,
  id,
  hash: e.hash,
  image: e.image !== undefined,
  keys: keysOf(e.facets),
})

const shown = (m: Member) => `${m.id}:${m.hash}${m.image ? '+' : ''}`
const sameIn = (a: Member, b: Member) => shown(a) === shown(b) && a.published_at === b.published_at && a.keys.join() === b.keys.join()

/** The newest FEED_SIZE released members of each wanted feed, as lines of what each shows. */
function windows(members: Iterable<Member>, wanted: ReadonlySet<string>, nowMs: number): Map<string, string> {
  const tops = new Map<string, Member[]>([...wanted].map((key) => [key, []]))
  const offer = (key: string, member: Member) => {
    const top = tops.get(key)
    if (!top || (top.length === FEED_SIZE && newestFirst(member, top[FEED_SIZE - 1]) > 0)) return
    let i = top.length
    while (i > 0 && newestFirst(member, top[i - 1]) < 0) i--
    top.splice(i, 0, member)
    if (top.length > FEED_SIZE) top.pop()
  }
  for (const member of members) {
    if (!isReleased(member, nowMs)) continue
    offer(SITE, member)
    for (const key of member.keys) offer(key, member)
  }
  return new Map([...tops].map(([key, top]) => [key, top.map(shown).join('\n')]))
}

const ownerOf = (key: string): FeedOwner => {
  if (key === SITE) return SITE
  const at = key.indexOf(':')
  return { kind: key.slice(0, at) as FacetKind, slug: key.slice(at + 1) }
}

export function planNotices(input: NoticeInput): Notices {
  const { previous, nowMs } = input
  const articles: string[] = []
  const wanted = new Set<string>()
  const touch = (member: Member | undefined) => {
    if (!member) return
    wanted.add(SITE)
    for (const key of member.keys) wanted.add(key)
  }
  const present = new Set<string>()
  for (const a of input.articles) {
    present.add(a.id)
    const entry = previous.get(a.id)
    const now = memberOfRecord(a, input)
    const before = entry?.published_at === undefined ? undefined : memberOfEntry(a.id, { ...entry, published_at: entry.published_at })
    if (before && sameIn(before, now)) continue
    const out = isReleased(now, nowMs)
    const wasOut = before !== undefined && isReleased(before, nowMs)
    if (!out && !wasOut) continue
    // Out, gone back to its schedule, or edited; not an image redrawn or a facet renamed alone, which leave its page as it was.
    if (out !== wasOut || before?.hash !== now.hash) articles.push(a.slug)
    touch(wasOut ? before : undefined)
    touch(out ? now : undefined)
  }
  for (const [id, entry] of previous) {
    if (present.has(id) || entry.published_at === undefined || !isReleased({ published_at: entry.published_at }, nowMs)) continue
    articles.push(entry.slug)
    touch(memberOfEntry(id, { ...entry, published_at: entry.published_at }))
  }
  if (wanted.size === 0) return articles.length > 0 ? { ...NO_NOTICES, articles } : NO_NOTICES

  const oldMembers = function* () {
    for (const [id, entry] of previous)
      if (entry.published_at !== undefined) yield memberOfEntry(id, { ...entry, published_at: entry.published_at })
  }
  const before = windows(oldMembers(), wanted, nowMs)
  const after = windows(
    input.articles.map((a) => memberOfRecord(a, input)),
    wanted,
    nowMs,
  )
  // The site's first, then the facets' by key (authors, then topics, each A–Z): the order pings go out in.
  const changed = [...wanted].filter((key) => key !== SITE && before.get(key) !== after.get(key)).sort()
  if (before.get(SITE) !== after.get(SITE)) changed.unshift(SITE)
  return { feeds: changed.map(ownerOf), articles }
}
