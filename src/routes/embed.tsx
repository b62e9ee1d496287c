/**
 * Embedding our articles on other sites: the card (?theme=auto|light|dark),
 * oEmbed 1.0 (?url=&format=json|xml&maxwidth=&maxheight=&theme=) and the host
 * page's embed.js. Paths and headers: ROUTES.card, ROUTES.oembed, ROUTES.embedScript in table.ts.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { Card, THEMES, type Theme } from '../render/card'
import { EMBED_SCRIPT } from '../render/embed-script'
import { renderDocument } from '../render/html'
import { renderOEmbedXml, toOEmbed } from '../render/oembed'
import { slugOfArticleUrl } from '../render/urls'
import { findArticle } from './find-article'
import { respond } from './respond'
import { ROUTES } from './table'

function themeOf(value: string | undefined): Theme {
  const theme = value ?? 'auto'
  if (!(THEMES as readonly string[]).includes(theme)) fail(400, 'theme must be auto, light or dark.')
  return theme as Theme
}

/** maxwidth and maxheight: optional positive whole numbers of pixels. */
function dimension(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  if (!/^[1-9]\d{0,4}$/.test(value)) fail(400, `${name} must be a whole number of pixels.`)
  return Number(value)
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol)
  } catch {
    return false
  }
}

export const embed = new Hono<AppEnv>()

embed.get(ROUTES.card.path, async (c) => {
  const theme = themeOf(c.req.query('theme'))
  const article = (await findArticle(c, c.req.param('slug'), 'There is no article at this address.')).record()
  return respond(c, await renderDocument(<Card site={c.var.site} article={article} theme={theme} />), { lastModified: article.modified_at })
})

embed.get(ROUTES.oembed.path, async (c) => {
  const url = c.req.query('url')
  if (!url) fail(400, 'url is required: the address of one of our articles.')
  if (!isAbsoluteUrl(url)) fail(400, 'url is not an absolute URL.')
  const format = c.req.query('format') ?? 'json'
  // oEmbed 1.0 section 2.3.4: "501 Not Implemented - The provider cannot return a response in the requested format."
  if (format !== 'json' && format !== 'xml') fail(501, 'format must be json or xml: no other is implemented.')
  const request = {
    maxwidth: dimension('maxwidth', c.req.query('maxwidth')),
    maxheight: dimension('maxheight', c.req.query('maxheight')),
    theme: themeOf(c.req.query('theme')),
  }
  const article = (await findArticle(c, slugOfArticleUrl(c.var.site, url), 'url is not one of our articles.')).record()
  const oembed = await toOEmbed(c.var.site, article, request)
  const lastModified = article.modified_at
  if (format === 'xml') return respond(c, renderOEmbedXml(oembed), { lastModified, type: 'text/xml; charset=utf-8' })
  return respond(c, JSON.stringify(oembed), { lastModified })
})

embed.get(ROUTES.embedScript.path, (c) => respond(c, EMBED_SCRIPT))
