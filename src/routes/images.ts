/**
 * The link-preview images (issue 12): an article's at /images/<slug>.png, which
 * the seed stores inside the article's own value, and the site's at
 * /images/site.png. Drawn at seed time; here only decoded from base64, once on
 * a miss: the isolate cache keeps the prepared bytes and their strong ETag.
 * Paths and headers: ROUTES.siteImage and ROUTES.articleImage in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { fromBase64 } from '../shared/hash'
import { readSiteImage } from '../store/read'
import { findArticle } from './find-article'
import { respondBytes } from './respond-bytes'
import { ROUTES } from './table'

export const images = new Hono<AppEnv>()

// Mounted first: its path is also one articleImage's pattern matches.
images.get(ROUTES.siteImage.path, async (c) => {
  const stored = await readSiteImage(c.env.ARTICLES)
  if (!stored) fail(404, 'This site has no preview image yet.')
  return respondBytes(c, fromBase64(stored.png))
})

images.get(ROUTES.articleImage.path, async (c) => {
  // findArticle: a scheduled article's image is as absent as the article.
  const article = (await findArticle(c, c.req.param('file').slice(0, -'.png'.length), 'There is no article at this address.')).record()
  if (article.preview_png === undefined) fail(404, 'This article has no preview image.')
  return respondBytes(c, fromBase64(article.preview_png))
})
