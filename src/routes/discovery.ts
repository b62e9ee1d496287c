/**
 * How crawlers find their way: robots.txt, which points at the sitemap, and
 * the sitemap itself, an index of /sitemap-N.xml files beyond 50,000 articles.
 * Paths and headers: ROUTES.robots, ROUTES.sitemap, ROUTES.sitemapFile in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { renderRobots, renderSitemapIndex, renderUrlset } from '../render/sitemap'
import { readSitemapPage } from '../store/read'
import { respond } from './respond'
import { ROUTES } from './table'

export const discovery = new Hono<AppEnv>()

discovery.get(ROUTES.robots.path, (c) => respond(c, renderRobots(c.var.site)))

discovery.get(ROUTES.sitemap.path, async (c) => {
  const first = await readSitemapPage(c.env.ARTICLES, 0)
  if (first && first.files > 1) return respond(c, renderSitemapIndex(first.files, c.var.site), { lastModified: first.modified_at })
  return respond(c, renderUrlset(first ?? { urls: [] }, c.var.site), { lastModified: first?.modified_at })
})

discovery.get(ROUTES.sitemapFile.path, async (c) => {
  const n = Number(c.req.param('file').slice('sitemap-'.length, -'.xml'.length)) - 1
  const page = await readSitemapPage(c.env.ARTICLES, n)
  if (!page) fail(404, `There is no sitemap ${n + 1}.`)
  return respond(c, renderUrlset(page, c.var.site), { lastModified: page.modified_at })
})
