/**
 * Topics and authors (issue 24): each is the site's index with a filter, laid out, sealed and
 * dated by the same code as the site's (pages.ts), over its own keys (src/shared/keys.ts).
 *
 * What a plan writes for a facet depends only on the articles that enter it, leave it, move in it
 * or change what its lists show: their facet's head, and the one page whose range holds each old
 * or new key, or the page a head seals. The manifest keeps each article's facets and a hash of what
 * a list shows of it, so an edit nobody sees in a list (a paragraph) writes no facet at all. A
 * facet's bounds live in its own head, which the plan reads back for the facets it touches alone.
 *
 * Names that fold to the same slug are one facet, shown as its newest released article spells it.
 * An article without a `By:` line is filed under AUTHOR_NAME, when the site has one, so its
 * byline's link resolves.
 */
import {
  type FacetDirectory,
  FacetHeadSchema,
  type FacetHead,
  type FacetPage,
  type FacetRef,
  type FacetSummary,
  toIndexEntry,
} from '../../src/shared/records'
import { FACET_KINDS, FACETS_KEY, type FacetKind, facetIndex, FEED_SIZE } from '../../src/shared/keys'
import { isReleased, type Position } from '../../src/shared/order'
import { facetSlug } from '../../src/shared/slug'
import { sha256Hex } from '../../src/shared/hash'
import type { ArticleRecord } from './document/derive'
import type { Fingerprint, ManifestEntry } from './manifest'
import { layOut, pageOf } from './pages'
import { jsonPut, type LazyPut } from './put'

/** AUTHOR_NAME as a seed files articles under it: the site's author when it is a person. */
export const siteAuthorOf = (site: { author: { type: string; name: string } }): string | undefined =>
  site.author.type === 'Person' ? site.author.name : undefined

/** Raw values of keys, absent ones null: how a plan reads back the heads of the facets it touches. */
export type ReadKeys = (keys: readonly string[]) => Promise<Map<string, string | null>>

type Group = { kind: FacetKind; slug: string; name: string | undefined; records: ArticleRecord[] }

export type FacetInput = {
  /** Every article, newest first, as stored once the plan is applied. */
  articles: readonly ArticleRecord[]
  previous: ReadonlyMap<string, ManifestEntry>
  removed: ReadonlyArray<[string, ManifestEntry]>
  readHeads: ReadKeys
  /** AUTHOR_NAME, when the site has one: the author of articles without a `By:` line. */
  siteAuthor?: string
  previousDirectory: Fingerprint | null
  now: string
  /** The date a changed sealed page takes (plan.ts). */
  stamp: string
}

export type FacetPlan = {
  pagePuts: LazyPut[]
  headPuts: LazyPut[]
  /** Each article's facets as the manifest keeps them. */
  facetsOf: Map<string, string | undefined>
  directory: Fingerprint | null
}

/** FNV-1a, 32 bits: enough to tell that what a list shows of an article changed. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(36)
}

const laterOf = (a: string, b: string) => (a > b ? a : b)
const earlierOf = (a: string, b: string) => (a < b ? a : b)

/**
 * A facet's key as the manifest's value names it: its kind's initial, upper case, then its slug
 * (`Tnorth-korea` for `topic:north-korea`). Slugs are lower case, so the two never meet; at 100,000
 * articles the full keys made each manifest shard about 45 KB larger, which every publish rewrites.
 */
export const manifestName = (key: string): string => key.charAt(0).toUpperCase() + key.slice(key.indexOf(':') + 1)
const KIND_OF_INITIAL = new Map<string, FacetKind>(FACET_KINDS.map((kind) => [kind.charAt(0).toUpperCase(), kind]))
/** The facet key a manifest name stands for; a manifest written before names were short holds the key itself. */
function keyOfName(name: string): string {
  const kind = KIND_OF_INITIAL.get(name.charAt(0))
  return kind ? facetIndex(kind, name.slice(1)).head : name
}
/** The facet keys the manifest's value names (after the hash of what lists show). */
export const keysOf = (value: string | undefined): string[] => (value ? value.split(' ').slice(1).map(keyOfName) : [])
/** The hash of what lists show of the article, which the manifest's value begins with. */
const shownOf = (value: string | undefined): string | undefined => value?.split(' ', 1)[0]

export async function planFacets(input: FacetInput): Promise<FacetPlan> {
  const nowMs = Date.parse(input.now)
  const siteAuthor: FacetRef[] | undefined = input.siteAuthor ? [{ name: input.siteAuthor, slug: facetSlug(input.siteAuthor) }] : undefined
  const groups = new Map<string, Group>()
  const facetsOf = new Map<string, string | undefined>()
  for (const article of input.articles) {
    const keys: string[] = []
    const file = (kind: FacetKind, refs: readonly FacetRef[] | undefined) => {
      for (const { name, slug } of refs ?? []) {
        const key = facetIndex(kind, slug).head
        let group = groups.get(key)
        if (!group) groups.set(key, (group = { kind, slug, name: undefined, records: [] }))
        // Newest first: the first released article names it; until one is out, the newest scheduled one.
        if (group.name === undefined || (group.records.every((r) => !isReleased(r, nowMs)) && isReleased(article, nowMs))) group.name = name
        group.records.push(article)
        keys.push(key)
      }
    }
    file('author', article.authors ?? siteAuthor)
    file('topic', article.topics)
    const shown = toIndexEntry(article)
    facetsOf.set(article.id, keys.length > 0 ? [shortHash(JSON.stringify(shown)), ...keys.map(manifestName)].join(' ') : undefined)
  }

  // Each facet's keys to place anew: an article's old key where it left or changed, its new one where it came.
  const touched = new Map<string, Position[]>()
  const touch = (key: string, position: Position) => {
    const list = touched.get(key)
    if (list) list.push(position)
    else touched.set(key, [position])
  }
  for (const article of input.articles) {
    const before = input.previous.get(article.id)
    const now = facetsOf.get(article.id)
    if (before?.facets === now && before?.published_at === article.published_at) continue
    const [oldKeys, newKeys] = [keysOf(before?.facets), keysOf(now)]
    // Moved in every list, or shown otherwise: each of its facets places it anew. Else only the
    // facets it left or joined do: the others' lists show it as they did (issue 24: 2 writes a facet touched).
    const everywhere = before?.published_at !== article.published_at || shownOf(before?.facets) !== shownOf(now)
    if (before?.published_at !== undefined)
      for (const key of oldKeys) if (everywhere || !newKeys.includes(key)) touch(key, { published_at: before.published_at, id: article.id })
    for (const key of newKeys) if (everywhere || !oldKeys.includes(key)) touch(key, article)
  }
  for (const [id, entry] of input.removed)
    if (entry.published_at !== undefined) for (const key of keysOf(entry.facets)) touch(key, { published_at: entry.published_at, id })

  const keys = [...touched.keys()].sort()
  const stored = keys.length > 0 ? await input.readHeads(keys) : new Map<string, string | null>()
  const pagePuts: LazyPut[] = []
  const headPuts: LazyPut[] = []
  for (const key of keys) {
    const raw = stored.get(key)
    // Compared as written (the schema's output orders keys its own way); validated all the same.
    const written: Record<string, unknown> | null = raw ? JSON.parse(raw) : null
    const before = written && FacetHeadSchema.parse(written)
    const group = groups.get(key)
    const records = group?.records ?? []
    const [kind, slug] = [group?.kind ?? (key.slice(0, key.indexOf(':')) as FacetKind), key.slice(key.indexOf(':') + 1)]
    const index = facetIndex(kind, slug)
    const bounds = before?.bounds ?? []
    const layout = layOut(records, bounds)
    const pages = new Set(touched.get(key)!.map((position) => pageOf(position, bounds)))
    for (const [k, entries] of layout.pages.entries()) {
      const put = (modified_at: string) =>
        pagePuts.push(jsonPut(index.page(k), (): FacetPage => ({ entries: entries.map(toIndexEntry), modified_at })))
      if (k >= layout.firstNew) put(newestDate(entries, input.now))
      else if (pages.has(k)) put(input.stamp)
    }
    const upcoming = records.filter((r) => !isReleased(r, nowMs))
    const released = records.slice(upcoming.length)
    const content = {
      entries: layout.head.map(toIndexEntry),
      sealed: layout.bounds.length,
      count: records.length,
      upcoming: upcoming.map((r) => r.published_at).reverse(),
      // A facet left without articles keeps its last name; its pages answer 404 (no released article).
      name: group?.name ?? before?.name ?? slug,
      bounds: layout.bounds,
      feed: [...upcoming.slice(-FEED_SIZE), ...released.slice(0, FEED_SIZE)].map((r): [string, string] => [r.slug, r.published_at]),
    }
    if (written && JSON.stringify({ ...written, modified_at: undefined }) === JSON.stringify(content)) continue
    const modified_at = dateOf(layout.head, before?.modified_at, input.now)
    headPuts.push(jsonPut(index.head, (): FacetHead => ({ ...content, modified_at })))
  }

  const directory = await planDirectory(groups, nowMs, input.previousDirectory, input.now)
  if (directory.put) headPuts.push(directory.put)
  return { pagePuts, headPuts, facetsOf, directory: directory.fp }
}

/** A new page is as new as its newest entry, capped at the seed's clock (RFC 9110 section 8.8.2.1). */
const newestDate = (entries: readonly ArticleRecord[], now: string): string =>
  entries.map((a) => earlierOf(a.modified_at, now)).reduce(laterOf, '1970-01-01T00:00:00Z')

/**
 * A changed head's date, as plan.ts dates the site's: its newest entry's, capped at the seed's
 * clock; the seed's clock when that is no newer than before, so If-Modified-Since clients see the change.
 */
function dateOf(entries: readonly ArticleRecord[], previous: string | undefined, now: string): string {
  const latest = newestDate(entries, now)
  return previous !== undefined && latest <= previous ? laterOf(now, previous) : latest
}

/** The directory of every facet, A–Z by slug, written when a name, a count or a facet's newest article's date changes. */
async function planDirectory(
  groups: ReadonlyMap<string, Group>,
  nowMs: number,
  previous: Fingerprint | null,
  now: string,
): Promise<{ fp: Fingerprint | null; put?: LazyPut }> {
  const lists = Object.fromEntries(FACET_KINDS.map((kind) => [kind, [] as FacetSummary[]])) as Record<FacetKind, FacetSummary[]>
  for (const group of groups.values()) {
    const upcoming = group.records.filter((r) => !isReleased(r, nowMs)).map((r) => r.published_at)
    // Newest first: the first released record is the one a sitemap dates the facet's page by.
    const newest = group.records[upcoming.length]
    lists[group.kind].push({
      name: group.name!,
      slug: group.slug,
      count: group.records.length - upcoming.length,
      upcoming: upcoming.reverse(),
      ...(newest ? { modified_at: earlierOf(newest.modified_at, now) } : {}),
    })
  }
  for (const list of Object.values(lists)) list.sort((a, b) => (a.slug < b.slug ? -1 : 1))
  if (groups.size === 0 && previous === null) return { fp: null }
  const hash = await sha256Hex(JSON.stringify(lists))
  if (previous?.[0] === hash) return { fp: previous }
  const fp: Fingerprint = [hash, previous ? laterOf(now, previous[1]) : now]
  return { fp, put: jsonPut(FACETS_KEY, (): FacetDirectory => ({ ...lists, modified_at: fp[1] })) }
}
