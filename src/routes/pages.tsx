/**
 * The HTML site: the index (?page=N for older articles) and one article.
 * Paths and headers: ROUTES.home and ROUTES.article in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { ArticlePage } from '../render/article-page'
import { renderDocument } from '../render/html'
import { IndexPage } from '../render/index-page'
import { readListPages } from '../store/read'
import { findArticle } from './find-article'
import { respond } from './respond'
import { ROUTES } from './table'

const MAX_PAGE = 1_000_000

export const pages = new Hono<AppEnv>()

pages.get(ROUTES.home.path, async (c) => {
  const requested = c.req.query('page') ?? '1'
  if (!/^[1-9]\d{0,6}$/.test(requested) || Number(requested) > MAX_PAGE) fail(400, 'The page number must be a whole number from 1.')
  const number = Number(requested)
  const [stored] = await readListPages(c.env.ARTICLES, number - 1, 1)
  if (!stored && number > 1) fail(404, `There is no page ${number}.`)
  const page = stored ?? { entries: [], has_next: false, modified_at: undefined }
  return respond(c, await renderDocument(<IndexPage site={c.var.site} page={page} number={number} />), { lastModified: page.modified_at })
})

pages.get(ROUTES.article.path, async (c) => {
  const article = await findArticle(c, c.req.param('slug'), 'There is no article at this address.')
  return respond(c, await renderDocument(<ArticlePage site={c.var.site} article={article} />), { lastModified: article.modified_at })
})
