/**
 * The HTML site: the home page (the newest articles), archive pages (sealed
 * pages, whose addresses never change) and one article. Paths and headers:
 * ROUTES.home, ROUTES.archive and ROUTES.article in table.ts.
 */
import { type Context, Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { siteListing } from '../render/index-page'
import { archiveUrl, indexUrl } from '../render/urls'
import { PAGE_SIZE } from '../shared/keys'
import { readHead, SITE_STORE } from '../store/read'
import { articleAnswer } from './article-answer'
import { findArticle } from './find-article'
import { archivePage, newestPage } from './index-pages'
import { ROUTES } from './table'

const MAX_PAGE = 1_000_000

export const pages = new Hono<AppEnv>()

const siteView = (c: Context<AppEnv>) => ({ store: SITE_STORE, listing: () => siteListing(c.var.site) })

pages.get(ROUTES.home.path, async (c) => {
  const requested = c.req.query('page')
  if (requested !== undefined) return c.redirect(await legacyPage(c.env.ARTICLES, requested, c.var.site), 301)
  return newestPage(c, siteView(c))
})

pages.get(ROUTES.archive.path, (c) => archivePage(c, siteView(c), Number(c.req.param('n'))))

pages.get(ROUTES.article.path, async (c) => {
  return articleAnswer(c, await findArticle(c, c.req.param('slug'), 'There is no article at this address.'), 'html')
})

/**
 * Where an address of the old offset pagination (`/?page=N`, PAGE_SIZE articles a page from the
 * newest) now leads: the home page, or the archive page that holds about the same articles.
 * A moved address answers 301 (RFC 9110 section 15.4.2), so links and bookmarks keep working.
 */
async function legacyPage(kv: KVNamespace, requested: string, site: AppEnv['Variables']['site']): Promise<string> {
  if (!/^[1-9]\d{0,6}$/.test(requested) || Number(requested) > MAX_PAGE) fail(400, 'The page number must be a whole number from 1.')
  const head = await readHead(kv)
  const skipped = (Number(requested) - 1) * PAGE_SIZE - (head?.entries.length ?? 0)
  if (!head || skipped < 0 || head.sealed === 0) return indexUrl(site)
  return archiveUrl(site, Math.max(1, head.sealed - Math.floor(skipped / PAGE_SIZE)))
}
