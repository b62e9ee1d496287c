/**
 * How crawlers find their way: robots.txt, which points at the sitemap, and
 * the sitemap itself. Once a page is sealed, /sitemap.xml is an index: file N
 * lists the articles of SITEMAP_PAGES sealed pages (about 1,000 URLs, read in one
 * multi-key get), and the last file the head's. Files follow the pages, so a
 * URL stays in its file and the sitemaps cost the seed no writes of their own.
 * Paths and headers: ROUTES.robots, ROUTES.sitemap, ROUTES.sitemapFile in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { renderRobots, renderSitemapIndex, renderUrlset } from '../render/sitemap'
import { SITEMAP_PAGES } from '../shared/keys'
import { readHead, readIndex } from '../store/read'
import { releasedEntries } from './list-window'
import { respond } from './respond'
import { ROUTES } from './table'

export const discovery = new Hono<AppEnv>()

discovery.get(ROUTES.robots.path, (c) => respond(c, renderRobots(c.var.site)))

/** Sitemap files: one per SITEMAP_PAGES sealed pages, then the head's. */
const filesFor = (sealed: number) => Math.ceil(sealed / SITEMAP_PAGES) + 1

discovery.get(ROUTES.sitemap.path, async (c) => {
  const head = await readHead(c.env.ARTICLES)
  if (head && head.sealed > 0) return respond(c, renderSitemapIndex(filesFor(head.sealed), c.var.site), { lastModified: head.modified_at })
  const { entries, lastModified, freshUntil } = releasedEntries(head ? [head] : [], Date.now())
  return respond(c, renderUrlset(entries, c.var.site), { lastModified, freshUntil })
})

discovery.get(ROUTES.sitemapFile.path, async (c) => {
  const n = Number(c.req.param('file').slice('sitemap-'.length, -'.xml'.length))
  const first = (n - 1) * SITEMAP_PAGES
  const pages = Array.from({ length: SITEMAP_PAGES }, (_, i) => first + SITEMAP_PAGES - 1 - i)
  const read = await readIndex(c.env.ARTICLES, { head: true, pages })
  const sealed = read.head?.sealed ?? 0
  if (sealed === 0 || n > filesFor(sealed)) fail(404, `There is no sitemap ${n}.`)
  // The last file is the head's; the others, their pages' (those the head counts).
  const stored = n === filesFor(sealed) ? [read.head!] : pages.filter((k) => k < sealed).map((k) => read.pages.get(k) ?? emptyPage)
  const { entries, lastModified, freshUntil } = releasedEntries(stored, Date.now())
  return respond(c, renderUrlset(entries, c.var.site), { lastModified, freshUntil })
})

const emptyPage = { entries: [], modified_at: undefined }
