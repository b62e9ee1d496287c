/**
 * Embedding and discovery through the Worker's real entry: oEmbed 1.0 in JSON
 * and XML, the card, the metadata other platforms read from an article page,
 * CORS for scripts on other origins, the headers every response carries, and
 * the sitemap and robots.txt. tests/embeds.browser.node.test.ts shows all of
 * this working in a real browser.
 */
import { env } from 'cloudflare:test'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import { isolateCache } from '../src/http/serve'
import { CARD_SCRIPT, THEMES } from '../src/render/card'
import { readableAnywhere, TABLE } from '../src/routes/table'
import { facetSlug } from '../src/shared/slug'
import { datedDocument, datedDocuments, filedAsExample } from './support/documents'
import { callWorker } from './support/entry'
import { attribute, elementsNamed, parseHtml, parseHtmlFragment, textOf, type Element, type Node } from './support/html'
import { expectProblem, fetchPath, ORIGIN } from './support/http'
import { examplePath, walkAt } from './support/routes'
import { seedDocuments } from './support/seed'
import { parseXml, xmlProblem } from './support/xml'

/** The card must stay light enough to embed many on one page. */
const CARD_BUDGET_BYTES = 8 * 1024
const ELSEWHERE = 'https://elsewhere.example'

// The newest article has a long title and a long first paragraph: the heaviest card, the tallest estimate.
const LONG_TITLE = Array.from({ length: 12 }, (_, i) => `clause ${i} of a headline that keeps going`).join(', ')
// Filed under issue 24's example byline and topics: the walks over the route table are at one of them, so the
// facets' pages, feeds and lists answer, while the newest keeps no By: line and names the publisher as its author.
const older = datedDocuments(3).map(filedAsExample)
const long = datedDocument(older.length, {
  title: LONG_TITLE,
  paragraphs: [`${'A first paragraph that runs on. '.repeat(40).trim()}`, 'The end.'],
})
const documents = [...older, long]
const slug = slugify(long.title)
const walk = walkAt(older[0])
const articleUrl = `${ORIGIN}/articles/${slug}`

beforeAll(async () => {
  await seedDocuments(documents)
})

const oembedPath = (params: Record<string, string> = {}) => `/oembed?${new URLSearchParams({ url: articleUrl, ...params })}`

type OEmbed = Record<string, unknown> & { html: string; width: number; height: number; title: string }

async function oembed(params: Record<string, string> = {}): Promise<OEmbed> {
  const response = await fetchPath(oembedPath(params))
  expect(response.status).toBe(200)
  return (await response.json()) as OEmbed
}

/** The card iframe in an oEmbed html snippet. */
function iframeOf(html: string): Element {
  const [iframe] = elementsNamed(parseHtmlFragment(html), 'iframe')
  expect(iframe).toBeDefined()
  return iframe
}

const metaContent = (document: Node, key: 'property' | 'name', value: string) =>
  elementsNamed(document, 'meta')
    .filter((meta) => attribute(meta, key) === value)
    .map((meta) => attribute(meta, 'content'))

describe('GET /oembed', () => {
  it.each([
    ['no format', {}],
    ['format=json', { format: 'json' }],
  ])('answers a rich oEmbed 1.0 object as JSON with %s', async (_, params) => {
    const response = await fetchPath(oembedPath(params))
    expect(response.headers.get('content-type')?.split(';')[0]).toBe('application/json')
    const body = (await response.json()) as OEmbed
    expect(body).toMatchObject({
      version: '1.0',
      type: 'rich',
      title: long.title,
      provider_name: env.SITE_NAME,
      provider_url: `${ORIGIN}/`,
      author_name: env.SITE_NAME,
    })
    expect(body.cache_age).toSatisfy(Number.isSafeInteger)
    expect(body.cache_age).toBeGreaterThan(0)
    for (const dimension of [body.width, body.height]) {
      expect(dimension).toSatisfy(Number.isSafeInteger)
      expect(dimension).toBeGreaterThan(0)
    }
    const iframe = iframeOf(body.html)
    expect(attribute(iframe, 'src')).toBe(`${ORIGIN}/embed/${slug}`)
    expect(attribute(iframe, 'width')).toBe(String(body.width))
    expect(attribute(iframe, 'height')).toBe(String(body.height))
    expect(elementsNamed(parseHtmlFragment(body.html), 'script').map((script) => attribute(script, 'src'))).toEqual([`${ORIGIN}/embed.js`])
  })

  it('answers the same fields as well-formed XML with format=xml', async () => {
    const json = await oembed()
    const response = await fetchPath(oembedPath({ format: 'xml' }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')?.split(';')[0]).toBe('text/xml')
    const xml = await response.text()
    expect(xmlProblem(xml)).toBeUndefined()
    const fields = Object.fromEntries(Object.entries(json).map(([name, value]) => [name, String(value)]))
    expect(parseXml(xml).oembed).toEqual(fields)
  })

  it.each([
    ['maxwidth', { maxwidth: '300' }],
    ['maxheight', { maxheight: '120' }],
    ['both', { maxwidth: '320', maxheight: '200' }],
    ['generous bounds', { maxwidth: '5000', maxheight: '5000' }],
  ])('keeps width and height within %s', async (_, bounds: Record<string, string>) => {
    const body = await oembed(bounds)
    if (bounds.maxwidth) expect(body.width).toBeLessThanOrEqual(Number(bounds.maxwidth))
    if (bounds.maxheight) expect(body.height).toBeLessThanOrEqual(Number(bounds.maxheight))
    const iframe = iframeOf(body.html)
    expect([attribute(iframe, 'width'), attribute(iframe, 'height')]).toEqual([String(body.width), String(body.height)])
  })

  it('estimates a narrower card as at least as tall', async () => {
    const wide = await oembed()
    const narrow = await oembed({ maxwidth: String(Math.floor(wide.width / 2)) })
    expect(narrow.height).toBeGreaterThanOrEqual(wide.height)
  })

  it.each(THEMES)('passes theme=%s to the card it frames', async (theme) => {
    const src = attribute(iframeOf((await oembed({ theme })).html), 'src')!
    const card = await fetchPath(src)
    expect(card.status).toBe(200)
    expect(attribute(elementsNamed(parseHtml(await card.text()), 'html')[0], 'class')).toBe(theme)
  })

  it.each([
    ['an article URL on another site', `${ELSEWHERE}/articles/${slug}`],
    ['our home page', `${ORIGIN}/`],
    ['an article we do not have', `${ORIGIN}/articles/no-such-article`],
    ['a path below an article', `${articleUrl}/more`],
  ])('answers 404 for %s', async (_, url) => {
    await expectProblem(await fetchPath(`/oembed?${new URLSearchParams({ url })}`), 404)
  })

  it.each([
    ['no url', '/oembed'],
    ['an empty url', '/oembed?url='],
    ['a url that is not absolute', `/oembed?${new URLSearchParams({ url: `/articles/${slug}` })}`],
    ['a url that is not http', `/oembed?${new URLSearchParams({ url: `ftp://news.example/articles/${slug}` })}`],
    ['maxwidth=0', oembedPath({ maxwidth: '0' })],
    ['maxwidth=-1', oembedPath({ maxwidth: '-1' })],
    ['maxwidth=wide', oembedPath({ maxwidth: 'wide' })],
    ['maxheight=1.5', oembedPath({ maxheight: '1.5' })],
    ['theme=sepia', oembedPath({ theme: 'sepia' })],
  ])('answers 400 problem+json for %s', async (_, path) => {
    await expectProblem(await fetchPath(path), 400)
  })

  it.each(['yaml', 'JSON', ''])('answers 501 Not Implemented as problem+json for format=%s (oEmbed 1.0 section 2.3.4)', async (format) => {
    const response = await fetchPath(oembedPath({ format }))
    expect(response.status).toBe(501)
    expect(((await response.clone().json()) as { title: string }).title).toBe('Not Implemented')
    await expectProblem(response, 501)
  })

  it.each([
    ['with a trailing slash', `${articleUrl}/`],
    ['over http', `http://news.example/articles/${slug}`],
    ['with a query', `${articleUrl}?utm_source=newsletter&ref=x`],
    ['with a fragment', `${articleUrl}#comments`],
    ['with its host in capitals', `HTTPS://NEWS.EXAMPLE/articles/${slug}`],
    ['all at once', `http://news.example/articles/${slug}/?ref=x#top`],
  ])('finds the article at its URL written %s: the same answer', async (_, url) => {
    const canonical = await oembed()
    expect(await oembed({ url })).toEqual(canonical)
  })

  it('carries maxheight on the iframe for embed.js, and nothing without one', async () => {
    expect(attribute(iframeOf((await oembed({ maxheight: '150' })).html), 'data-max-height')).toBe('150')
    expect(attribute(iframeOf((await oembed()).html), 'data-max-height')).toBeUndefined()
  })

  describe('with SITE_URL set', () => {
    const SITE = 'https://press.example'
    const siteEnv: Env = { ...env, SITE_URL: SITE }
    const siteOembed = (url: string) => callWorker(new Request(`${SITE}/oembed?${new URLSearchParams({ url })}`), siteEnv)
    afterEach(() => isolateCache.clear())

    it.each([
      ['as SITE_URL writes it', `${SITE}/articles/${slug}`],
      ['over http, with a trailing slash, a query and a fragment', `http://press.example/articles/${slug}/?ref=x#top`],
    ])("finds the article on SITE_URL's host, %s", async (_, url) => {
      const response = await siteOembed(url)
      expect(response.status).toBe(200)
      const body = (await response.json()) as OEmbed
      expect(body.title).toBe(long.title)
      expect(attribute(iframeOf(body.html), 'src')).toBe(`${SITE}/embed/${slug}`)
    })

    it.each([
      ['another host', `${ELSEWHERE}/articles/${slug}`],
      ['the host the Worker was deployed on', `https://edge-articles.workers.dev/articles/${slug}`],
    ])('answers 404 for %s', async (_, url) => {
      await expectProblem(await siteOembed(url), 404)
    })
  })
})

describe('an article page, for other platforms', () => {
  let document: Node
  beforeAll(async () => {
    document = parseHtml(await (await fetchPath(`/articles/${slug}`)).text())
  })
  const links = (rel: string, type?: string) =>
    elementsNamed(document, 'link').filter(
      (link) => attribute(link, 'rel') === rel && (type === undefined || attribute(link, 'type') === type),
    )

  it('links both oEmbed answers, and each names this article', async () => {
    for (const [type, format] of [
      ['application/json+oembed', 'json'],
      ['text/xml+oembed', 'xml'],
    ] as const) {
      const [link] = links('alternate', type)
      const href = attribute(link, 'href')!
      expect(new URL(href).searchParams.get('url')).toBe(articleUrl)
      expect(new URL(href).searchParams.get('format')).toBe(format)
      const response = await fetchPath(href)
      expect(response.status).toBe(200)
      expect(await response.text()).toContain(format === 'json' ? JSON.stringify(long.title) : '<oembed>')
    }
  })

  it('names its canonical URL, Open Graph and Twitter card tags, with its preview image', async () => {
    const summary = metaContent(document, 'name', 'description')[0]
    expect(links('canonical').map((link) => attribute(link, 'href'))).toEqual([articleUrl])
    expect(metaContent(document, 'property', 'og:type')).toEqual(['article'])
    expect(metaContent(document, 'property', 'og:title')).toEqual([long.title])
    expect(metaContent(document, 'property', 'og:description')).toEqual([summary])
    expect(metaContent(document, 'property', 'og:url')).toEqual([articleUrl])
    expect(metaContent(document, 'property', 'og:site_name')).toEqual([env.SITE_NAME])
    expect(metaContent(document, 'name', 'twitter:card')).toEqual(['summary_large_image'])
    expect(metaContent(document, 'name', 'twitter:title')).toEqual([long.title])
    expect(metaContent(document, 'name', 'twitter:description')).toEqual([summary])
    const image = `${ORIGIN}/images/${slug}.png`
    expect(metaContent(document, 'property', 'og:image')).toEqual([image])
    expect(metaContent(document, 'property', 'og:image:type')).toEqual(['image/png'])
    expect(metaContent(document, 'property', 'og:image:width')).toEqual(['1200'])
    expect(metaContent(document, 'property', 'og:image:height')).toEqual(['630'])
    expect(metaContent(document, 'property', 'og:image:alt')[0]).toContain(long.title)
    expect(metaContent(document, 'name', 'twitter:image')).toEqual([image])
  })

  it('describes itself as a schema.org NewsArticle in JSON-LD', () => {
    const scripts = elementsNamed(document, 'script').filter((script) => attribute(script, 'type') === 'application/ld+json')
    expect(scripts).toHaveLength(1)
    const data = JSON.parse(textOf(scripts[0])) as Record<string, unknown> & { publisher: Record<string, unknown> }
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: long.title,
      datePublished: long.published_at,
      url: articleUrl,
      mainEntityOfPage: articleUrl,
      image: { '@type': 'ImageObject', url: `${ORIGIN}/images/${slug}.png`, width: 1200, height: 630 },
      // wrangler.toml names no AUTHOR_NAME: the publisher is the author.
      author: { '@type': 'Organization', name: env.PUBLISHER_NAME, url: `${ORIGIN}/` },
      publisher: {
        '@type': 'Organization',
        name: env.PUBLISHER_NAME,
        logo: { '@type': 'ImageObject', url: `${ORIGIN}/logo.png`, width: 192, height: 192 },
      },
    })
    expect(Date.parse(data.dateModified as string)).toBeGreaterThanOrEqual(Date.parse(long.published_at))
    expect(data.description).toBe(metaContent(document, 'name', 'description')[0])
  })
})

describe('the card', () => {
  let response: Response
  let html: string
  beforeAll(async () => {
    response = await fetchPath(`/embed/${slug}`)
    html = await response.text()
  })

  it(`weighs under ${CARD_BUDGET_BYTES} bytes for a long article`, () => {
    expect(response.status).toBe(200)
    expect(new TextEncoder().encode(html).byteLength).toBeLessThan(CARD_BUDGET_BYTES)
  })

  it('opens every link in a new tab without giving it the opener', () => {
    const anchors = elementsNamed(parseHtml(html), 'a')
    expect(anchors.map((a) => attribute(a, 'href'))).toContain(articleUrl)
    for (const a of anchors) {
      expect(attribute(a, 'target')).toBe('_blank')
      expect(attribute(a, 'rel')?.split(/\s+/)).toContain('noopener')
    }
  })

  it("follows the reader's colour scheme", () => {
    const css = elementsNamed(parseHtml(html), 'style').map(textOf).join('')
    expect(css).toMatch(/@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)/)
  })

  it('may be framed anywhere, and its CSP allows exactly its own script', async () => {
    const policy = response.headers.get('content-security-policy')!
    expect(policy).toMatch(/frame-ancestors \*/)
    expect(response.headers.get('x-frame-options')).toBeNull()
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(CARD_SCRIPT))
    expect(policy).toContain(`script-src 'sha256-${btoa(String.fromCharCode(...new Uint8Array(digest)))}'`)
    const inline = elementsNamed(parseHtml(html), 'script').map(textOf)
    expect(inline).toEqual([CARD_SCRIPT])
  })
})

describe('CORS', () => {
  /** Every route the table says is readable from any origin. */
  const READABLE = TABLE.filter(readableAnywhere).map((route) => examplePath(route, walk))

  it.each(READABLE)('a preflight to %s allows any origin to GET', async (path) => {
    const response = await fetchPath(path, {
      method: 'OPTIONS',
      headers: { origin: ELSEWHERE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    })
    expect(response.status).toBeLessThan(300)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    const methods = response.headers.get('access-control-allow-methods')?.split(/,\s*/)
    expect(methods).toEqual(expect.arrayContaining(['GET', 'HEAD']))
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('if-none-match')
  })

  it.each(READABLE)('GET %s is readable from any origin, ETag and Last-Modified too, rendered or cached', async (path) => {
    isolateCache.clear()
    for (const round of ['rendered', 'cached']) {
      const response = await fetchPath(path, { headers: { origin: ELSEWHERE } })
      await response.arrayBuffer()
      expect(response.status, round).toBe(200)
      expect(response.headers.get('access-control-allow-origin'), round).toBe('*')
      const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase().split(/,\s*/)
      expect(exposed, round).toEqual(expect.arrayContaining(['etag', 'last-modified']))
    }
  })
})

describe('headers on every response', () => {
  const preflight = { method: 'OPTIONS', headers: { origin: ELSEWHERE, 'access-control-request-method': 'GET' } }
  const REQUESTS: Array<[name: string, path: string, init?: RequestInit]> = [
    // Every route of the table, and its errors.
    ...[
      ...TABLE.map((route) => examplePath(route, walk)),
      '/articles/no-such-article',
      '/?page=0',
      '/embed/no-such-article',
      '/oembed',
      '/api/articles/no-such-article',
    ].map((path): [string, string] => [`GET ${path}`, path]),
    ['POST /api/articles', '/api/articles', { method: 'POST' }],
    ['a CORS preflight', '/api/articles', preflight],
    ['OPTIONS /', '/', { method: 'OPTIONS' }],
  ]

  it.each(REQUESTS)('%s sends nosniff and a Referrer-Policy, and a CSP with HTML', async (name, path, init) => {
    for (const round of ['rendered', 'cached']) {
      const response = await fetchPath(path, init)
      const where = `${name}, ${round}, ${response.status}`
      expect(response.headers.get('x-content-type-options'), where).toBe('nosniff')
      expect(response.headers.get('referrer-policy'), where).toMatch(/\S/)
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        expect(response.headers.get('content-security-policy'), where).toMatch(/default-src 'none'/)
      }
      await response.arrayBuffer()
    }
  })

  it('a 304 still sends nosniff and a Referrer-Policy', async () => {
    const first = await fetchPath('/')
    await first.arrayBuffer()
    const response = await fetchPath('/', { headers: { 'if-none-match': first.headers.get('etag')! } })
    expect(response.status).toBe(304)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toMatch(/\S/)
  })
})

describe('sitemap and robots.txt', () => {
  it("the sitemap lists every article, and each topic's and author's page", async () => {
    const response = await fetchPath('/sitemap.xml')
    const xml = await response.text()
    expect(xmlProblem(xml)).toBeUndefined()
    const urls = [parseXml(xml).urlset.url].flat().map((entry: { loc: string }) => entry.loc)
    const facets = documents.flatMap((doc) => [
      ...(doc.topics ?? []).map((name) => `${ORIGIN}/topics/${facetSlug(name)}`),
      ...(doc.authors ?? []).map((name) => `${ORIGIN}/authors/${facetSlug(name)}`),
    ])
    expect(urls.sort()).toEqual([...documents.map((doc) => `${ORIGIN}/articles/${slugify(doc.title)}`), ...new Set(facets)].sort())
  })

  it('robots.txt points at the sitemap', async () => {
    const response = await fetchPath('/robots.txt')
    expect(response.headers.get('content-type')?.split(';')[0]).toBe('text/plain')
    expect((await response.text()).split('\n')).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`)
  })
})
