/**
 * How crawlers and API clients find their way.
 *
 *   GET /robots.txt          allows everything, points at the sitemap
 *   GET /sitemap.xml         every article; an index of /sitemap-N.xml beyond 50,000
 *   GET /sitemap-:n.xml      one sitemap file of the index
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { siteFor } from '../env'
import { FEED_CACHE, PAGE_CACHE } from '../http/cache-control'
import { fail } from '../http/problem'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { renderRobots, renderSitemapIndex, renderUrlset } from '../render/sitemap'
import { readSitemapPage } from '../store/read'

const XML_TYPE = 'application/xml; charset=utf-8'

export const discovery = new Hono<AppEnv>()

discovery.get('/robots.txt', async (c) =>
  serve(c, await represent(renderRobots(siteFor(c.env, c.req.url)), { type: 'text/plain; charset=utf-8', cacheControl: PAGE_CACHE })),
)

discovery.get('/sitemap.xml', async (c) => {
  const site = siteFor(c.env, c.req.url)
  const first = await readSitemapPage(c.env.ARTICLES, 0)
  if (first && first.files > 1) {
    return serve(c, await represent(renderSitemapIndex(first.files, site), { type: XML_TYPE, cacheControl: FEED_CACHE, lastModified: first.modified_at }))
  }
  const page = first ?? { urls: [], files: 1, modified_at: undefined }
  return serve(c, await represent(renderUrlset(page, site), { type: XML_TYPE, cacheControl: FEED_CACHE, lastModified: page.modified_at }))
})

discovery.get('/:file{sitemap-[1-9][0-9]{0,4}\\.xml}', async (c) => {
  const n = Number(c.req.param('file').slice('sitemap-'.length, -'.xml'.length)) - 1
  const page = await readSitemapPage(c.env.ARTICLES, n)
  if (!page) fail(404, `There is no sitemap ${n + 1}.`)
  return serve(c, await represent(renderUrlset(page, siteFor(c.env, c.req.url)), { type: XML_TYPE, cacheControl: FEED_CACHE, lastModified: page.modified_at }))
})
