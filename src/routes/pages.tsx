/**
 * The HTML site.
 *
 *   GET /                 the newest articles (?page=N for older ones)
 *   GET /articles/:slug   one article
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { siteFor } from '../env'
import { PAGE_CACHE } from '../http/cache-control'
import { fail } from '../http/problem'
import { represent } from '../http/representation'
import { serve } from '../http/serve'
import { ArticlePage } from '../render/article-page'
import { renderDocument } from '../render/html'
import { IndexPage } from '../render/index-page'
import { PAGE_STYLE } from '../render/layout'
import { once, securityHeaders } from '../http/security'
import { SlugSchema } from '../shared/records'
import { readArticle, readListPages } from '../store/read'

export const HTML_TYPE = 'text/html; charset=utf-8'

/** CSP and framing rules for every page of the site (not the embeddable card). */
export const pageHeaders = once(() => securityHeaders({ styles: [PAGE_STYLE], frameAncestors: "'self'" }))
const MAX_PAGE = 1_000_000

export const pages = new Hono<AppEnv>()

pages.get('/', async (c) => {
  const requested = c.req.query('page') ?? '1'
  if (!/^[1-9]\d{0,6}$/.test(requested) || Number(requested) > MAX_PAGE) fail(400, 'The page number must be a whole number from 1.')
  const number = Number(requested)
  const [stored] = await readListPages(c.env.ARTICLES, number - 1, 1)
  if (!stored && number > 1) fail(404, `There is no page ${number}.`)
  const page = stored ?? { entries: [], has_next: false, modified_at: undefined }
  const html = await renderDocument(<IndexPage site={siteFor(c.env, c.req.url)} page={page} number={number} />)
  return serve(c, await represent(html, { type: HTML_TYPE, cacheControl: PAGE_CACHE, lastModified: page.modified_at, headers: await pageHeaders() }))
})

pages.get('/articles/:slug', async (c) => {
  const slug = c.req.param('slug')
  const article = SlugSchema.safeParse(slug).success ? await readArticle(c.env.ARTICLES, slug) : null
  if (!article) fail(404, 'There is no article at this address.')
  const html = await renderDocument(<ArticlePage site={siteFor(c.env, c.req.url)} article={article} />)
  return serve(c, await represent(html, { type: HTML_TYPE, cacheControl: PAGE_CACHE, lastModified: article.modified_at, headers: await pageHeaders() }))
})
