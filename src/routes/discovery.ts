/**
 * How crawlers find their way: robots.txt, which points at the sitemap, and
 * the sitemap itself. Once a page is sealed, /sitemap.xml is an index: file N
 * lists the articles of SITEMAP_PAGES sealed pages (about 1,000 URLs, read in one
 * multi-key get), the next file the head's, and the files after it the topic and
 * author pages (issue 24), FACETS_PER_FILE a file, from the facet directory. Article
 * files follow the pages, so an article's URL stays in its file and the sitemaps cost
 * the seed no writes of their own. /sitemap.xml reads the head and the directory in one
 * multi-key get. /news-sitemap.xml (issue 25) reads the head, and sealed pages below it only while
 * they can still hold an article of the last 48 hours (news-window.ts). Paths and headers:
 * ROUTES.robots, ROUTES.sitemap, ROUTES.sitemapFile, ROUTES.newsSitemap in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv, Site } from '../env'
import { fail } from '../http/problem'
import { articleUrl } from '../render/urls'
import { renderNewsSitemap } from '../render/news-sitemap'
import { renderRobots, renderSitemapIndex, renderUrlset, type SitemapUrl } from '../render/sitemap'
import { FACET_KINDS, SITEMAP_PAGES } from '../shared/keys'
import type { FacetDirectory, PageEntry } from '../shared/records'
import { readFacetDirectory, readHead, readHeadAndDirectory, readIndex } from '../store/read'
import { facetOut } from './facet-view'
import { releasedEntries, type Stored } from './list-window'
import { newsWindow, pagesToRead } from './news-window'
import { respond } from './respond'
import { ROUTES } from './table'

export const discovery = new Hono<AppEnv>()

discovery.get(ROUTES.robots.path, (c) => respond(c, renderRobots(c.var.site)))

/** The protocol's limit of URLs in one file. */
const FACETS_PER_FILE = 50_000

/** Article sitemap files: one per SITEMAP_PAGES sealed pages, then the head's. */
const filesFor = (sealed: number) => Math.ceil(sealed / SITEMAP_PAGES) + 1

const laterOf = (a: string | undefined, b: string | undefined) => (a === undefined || (b !== undefined && b > a) ? b : a)

/**
 * The page of every topic, then every author, with a released article by now, A–Z: dated by its
 * newest article's modified date, or a scheduled one's release since the seed; the list is
 * dated by the directory and those releases, and fresh until the next one.
 */
function facetUrls(site: Site, directory: FacetDirectory | null, now: number) {
  const urls: SitemapUrl[] = []
  let lastModified = directory?.modified_at
  let freshUntil = Number.POSITIVE_INFINITY
  for (const kind of FACET_KINDS)
    for (const summary of directory?.[kind] ?? []) {
      const out = summary.upcoming.filter((at) => Date.parse(at) <= now)
      for (const at of summary.upcoming) if (Date.parse(at) > now) freshUntil = Math.min(freshUntil, Date.parse(at))
      const { url, count } = facetOut(site, kind, summary, now)
      if (count === 0) continue
      const released = out.reduce<string | undefined>(laterOf, undefined)
      lastModified = laterOf(lastModified, released)
      urls.push({ loc: url, lastmod: laterOf(summary.modified_at, released) })
    }
  return { urls, lastModified, freshUntil: Number.isFinite(freshUntil) ? freshUntil : undefined }
}

const earliest = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b))

const articleUrls = (site: Site, entries: readonly Pick<PageEntry, 'slug' | 'modified_at'>[]): SitemapUrl[] =>
  entries.map(({ slug, modified_at }) => ({ loc: articleUrl(site, slug), lastmod: modified_at }))

discovery.get(ROUTES.sitemap.path, async (c) => {
  const now = Date.now()
  const { head, directory } = await readHeadAndDirectory(c.env.ARTICLES)
  const facets = facetUrls(c.var.site, directory, now)
  if (head && head.sealed > 0) {
    const files = filesFor(head.sealed) + Math.ceil(facets.urls.length / FACETS_PER_FILE)
    const lastModified = laterOf(head.modified_at, facets.lastModified)
    return respond(c, renderSitemapIndex(files, c.var.site), { lastModified, freshUntil: facets.freshUntil })
  }
  // No page sealed: fewer than HEAD_SEAL_AT articles, so their facets (ten topics and ten authors
  // each at most) are far below the protocol's 50,000 URLs, and one file holds them all.
  const { entries, lastModified, freshUntil } = releasedEntries(head ? [head] : [], now)
  const urls = [...articleUrls(c.var.site, entries), ...facets.urls]
  return respond(c, renderUrlset(urls), {
    lastModified: laterOf(lastModified, facets.lastModified),
    freshUntil: earliest(freshUntil, facets.freshUntil),
  })
})

discovery.get(ROUTES.sitemapFile.path, async (c) => {
  const now = Date.now()
  const n = Number(c.req.param('file').slice('sitemap-'.length, -'.xml'.length))
  const first = (n - 1) * SITEMAP_PAGES
  const pages = Array.from({ length: SITEMAP_PAGES }, (_, i) => first + SITEMAP_PAGES - 1 - i)
  const read = await readIndex(c.env.ARTICLES, { head: true, pages })
  const sealed = read.head?.sealed ?? 0
  if (sealed === 0) fail(404, `There is no sitemap ${n}.`)
  const articleFiles = filesFor(sealed)
  if (n > articleFiles) {
    // A file of facet pages: the directory, read once the head has said how many article files come first.
    const facets = facetUrls(c.var.site, await readFacetDirectory(c.env.ARTICLES), now)
    const from = (n - articleFiles - 1) * FACETS_PER_FILE
    if (from >= facets.urls.length) fail(404, `There is no sitemap ${n}.`)
    const { lastModified, freshUntil } = facets
    return respond(c, renderUrlset(facets.urls.slice(from, from + FACETS_PER_FILE)), { lastModified, freshUntil })
  }
  // The last article file is the head's; the others, their pages' (those the head counts).
  const stored = n === articleFiles ? [read.head!] : pages.filter((k) => k < sealed).map((k) => read.pages.get(k) ?? emptyPage)
  const { entries, lastModified, freshUntil } = releasedEntries(stored, now)
  return respond(c, renderUrlset(articleUrls(c.var.site, entries)), { lastModified, freshUntil })
})

discovery.get(ROUTES.newsSitemap.path, async (c) => {
  const now = Date.now()
  const head = await readHead(c.env.ARTICLES)
  const stored: Stored<PageEntry>[] = head ? [head] : []
  let window = newsWindow(stored, now)
  // Down the pages the head counts, newest first, a multi-key get at a time, until nothing further could be listed.
  for (let next = (head?.sealed ?? 0) - 1; !window.complete && next >= 0; ) {
    const pages = pagesToRead(window, now, next)
    const read = await readIndex(c.env.ARTICLES, { head: false, pages })
    stored.push(...pages.map((k) => read.pages.get(k) ?? emptyPage))
    next -= pages.length
    window = newsWindow(stored, now)
  }
  const { entries, lastModified, freshUntil } = window
  return respond(c, renderNewsSitemap(c.var.site, entries), { lastModified, freshUntil })
})

const emptyPage = { entries: [], modified_at: undefined }
