/**
 * The HTML site: the home page (the newest articles), archive pages (sealed
 * pages, whose addresses never change) and one article. Paths and headers:
 * ROUTES.home, ROUTES.archive and ROUTES.article in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { renderDocument } from '../render/html'
import { IndexPage } from '../render/index-page'
import { archiveUrl, indexUrl } from '../render/urls'
import { PAGE_SIZE } from '../shared/keys'
import { readHead, readIndex } from '../store/read'
import { articleAnswer } from './article-answer'
import { findArticle } from './find-article'
import { releasedEntries } from './list-window'
import { respond } from './respond'
import { ROUTES } from './table'

const MAX_PAGE = 1_000_000

export const pages = new Hono<AppEnv>()

pages.get(ROUTES.home.path, async (c) => {
  const requested = c.req.query('page')
  if (requested !== undefined) return c.redirect(await legacyPage(c.env.ARTICLES, requested, c.var.site), 301)
  const head = await readHead(c.env.ARTICLES)
  const { entries, lastModified, freshUntil } = releasedEntries(head ? [head] : [], Date.now())
  const older = head && head.sealed > 0 ? archiveUrl(c.var.site, head.sealed) : undefined
  const siteImage = head?.site_image !== undefined
  return respond(c, await renderDocument(<IndexPage site={c.var.site} entries={entries} older={older} siteImage={siteImage} />), {
    lastModified,
    freshUntil,
  })
})

pages.get(ROUTES.archive.path, async (c) => {
  const n = Number(c.req.param('n'))
  // The head says how many pages are sealed: a page past them is a cut-short seed's.
  const read = await readIndex(c.env.ARTICLES, { head: true, pages: [n - 1] })
  const sealed = read.head?.sealed ?? 0
  const stored = read.pages.get(n - 1)
  if (n > sealed || !stored) fail(404, `There is no archive page ${n}.`)
  const { entries, lastModified, freshUntil } = releasedEntries([stored], Date.now())
  const site = c.var.site
  const newer = n < sealed ? archiveUrl(site, n + 1) : indexUrl(site)
  const older = n > 1 ? archiveUrl(site, n - 1) : undefined
  const siteImage = read.head?.site_image !== undefined
  const page = <IndexPage site={site} entries={entries} archive={n} newer={newer} older={older} siteImage={siteImage} />
  return respond(c, await renderDocument(page), {
    lastModified,
    freshUntil,
  })
})

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
