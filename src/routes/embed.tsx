/**
 * Embedding our articles on other sites.
 *
 *   GET /embed/:slug?theme=auto|light|dark   the card, frameable from any origin
 *   GET /oembed?url=&format=json|xml&maxwidth=&maxheight=&theme=
 *   GET /embed.js                            the host page's script
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env'
import { siteFor } from '../env'
import { EMBED_CACHE } from '../http/cache-control'
import { READABLE_ANYWHERE } from '../http/cors'
import { fail } from '../http/problem'
import { represent } from '../http/representation'
import { once, securityHeaders } from '../http/security'
import { serve } from '../http/serve'
import { Card, CARD_SCRIPT, CARD_STYLE, THEMES, type Theme } from '../render/card'
import { EMBED_SCRIPT } from '../render/embed-script'
import { renderDocument } from '../render/html'
import { renderOEmbedXml, toOEmbed } from '../render/oembed'
import { slugOfArticleUrl } from '../render/urls'
import { SlugSchema } from '../shared/records'
import { readArticle } from '../store/read'
import { HTML_TYPE } from './pages'

const cardHeaders = once(() => securityHeaders({ styles: [CARD_STYLE], scripts: [CARD_SCRIPT], frameAncestors: '*' }))

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

embed.get('/embed/:slug', async (c) => {
  const theme = themeOf(c.req.query('theme'))
  const slug = c.req.param('slug')
  const article = SlugSchema.safeParse(slug).success ? await readArticle(c.env.ARTICLES, slug) : null
  if (!article) fail(404, 'There is no article at this address.')
  const html = await renderDocument(<Card site={siteFor(c.env, c.req.url)} article={article} theme={theme} />)
  return serve(c, await represent(html, { type: HTML_TYPE, cacheControl: EMBED_CACHE, lastModified: article.modified_at, headers: await cardHeaders() }))
})

embed.get('/oembed', async (c) => {
  const url = c.req.query('url')
  if (!url) fail(400, 'url is required: the address of one of our articles.')
  if (!isAbsoluteUrl(url)) fail(400, 'url is not an absolute URL.')
  const format = c.req.query('format') ?? 'json'
  // oEmbed section 2.3.4 reserves 501 for a format a provider lacks; we serve both, so anything else is malformed.
  if (format !== 'json' && format !== 'xml') fail(400, 'format must be json or xml.')
  const request = { maxwidth: dimension('maxwidth', c.req.query('maxwidth')), maxheight: dimension('maxheight', c.req.query('maxheight')), theme: themeOf(c.req.query('theme')) }
  const site = siteFor(c.env, c.req.url)
  const slug = slugOfArticleUrl(site, url)
  const article = slug && SlugSchema.safeParse(slug).success ? await readArticle(c.env.ARTICLES, slug) : null
  if (!article) fail(404, 'url is not one of our articles.')
  const oembed = await toOEmbed(site, article, request)
  const [body, type] = format === 'xml' ? [renderOEmbedXml(oembed), 'text/xml; charset=utf-8'] : [JSON.stringify(oembed), 'application/json; charset=utf-8']
  return serve(c, await represent(body, { type, cacheControl: EMBED_CACHE, lastModified: article.modified_at, headers: READABLE_ANYWHERE }))
})

embed.get('/embed.js', async (c) =>
  serve(c, await represent(EMBED_SCRIPT, { type: 'text/javascript; charset=utf-8', cacheControl: EMBED_CACHE })),
)
