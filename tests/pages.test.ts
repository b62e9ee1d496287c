/**
 * The HTML site through the Worker's real entry: the shell every page shares
 * (language, feed discovery), the home page and the archive pages behind it,
 * the old `?page=N` addresses that lead there, preview rights (robots
 * max-image-preview), error pages, and document text that must stay text.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import type { Document } from '../src/shared/records'
import { HEAD_SEAL_AT, PAGE_SIZE } from '../src/shared/keys'
import { datedDocument, datedDocuments, HOSTILE_TITLE } from './support/documents'
import { attribute, elementsNamed, parseHtml, textOf, type Node } from './support/html'
import { fetchPath, ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'

// Three sealed pages (so an archive page has archive pages on both sides), and the newest article carries the hostile title.
const older = datedDocuments(HEAD_SEAL_AT + 2 * PAGE_SIZE + 1)
const HOSTILE_TEXT = `Quoted in full: ${HOSTILE_TITLE}`
const hostile = datedDocument(older.length, { title: HOSTILE_TITLE, paragraphs: [HOSTILE_TEXT, 'Nothing ran.'] })
const documents: Document[] = [...older, hostile]
const titlesNewestFirst = [...documents].reverse().map((doc) => doc.title)
// The head seals its oldest PAGE_SIZE entries each time it reaches HEAD_SEAL_AT, so a first seed leaves it 40 to 59.
const SEALED = Math.floor((documents.length - HEAD_SEAL_AT) / PAGE_SIZE) + 1
const HEAD_SIZE = documents.length - SEALED * PAGE_SIZE
const homeUrl = `${ORIGIN}/`
const archiveUrl = (n: number) => `${ORIGIN}/archive/${n}`
/** Archive page n (1 is the oldest) in newest-first order: the n-th run of PAGE_SIZE below the head, counted from the oldest. */
const archiveTitles = (n: number) => titlesNewestFirst.slice(HEAD_SIZE + (SEALED - n) * PAGE_SIZE, HEAD_SIZE + (SEALED - n + 1) * PAGE_SIZE)

beforeAll(async () => {
  await seedDocuments(documents)
})

async function getPage(path: string, status = 200) {
  const response = await fetchPath(path)
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
  const html = await response.text()
  expect(html).toMatch(/^<!DOCTYPE html>/i)
  return { html, document: parseHtml(html) }
}

const linksWithRel = (root: Node, rel: string) =>
  elementsNamed(root, 'a')
    .filter((a) => attribute(a, 'rel') === rel)
    .map((a) => attribute(a, 'href'))

const listedTitles = (root: Node) => elementsNamed(root, 'h2').map(textOf)

describe('every page', () => {
  it.each(['/', '/archive/1', `/archive/${SEALED}`, `/articles/${slugify(older[0].title)}`])(
    '%s is HTML in the site language with RSS discovery',
    async (path) => {
      const { document } = await getPage(path)
      const [html] = elementsNamed(document, 'html')
      expect(attribute(html, 'lang')).toBe(env.SITE_LANGUAGE)
      const rss = elementsNamed(document, 'link').filter(
        (link) => attribute(link, 'rel') === 'alternate' && attribute(link, 'type') === 'application/rss+xml',
      )
      expect(rss.map((link) => attribute(link, 'href'))).toEqual([`${ORIGIN}/feed.xml`])
    },
  )
})

describe('the home page', () => {
  it('lists every article of the head, newest first, and links to the newest archive page as older', async () => {
    expect(SEALED).toBe(3)
    expect(HEAD_SIZE).toBeGreaterThanOrEqual(HEAD_SEAL_AT - PAGE_SIZE)
    expect(HEAD_SIZE).toBeLessThan(HEAD_SEAL_AT)
    const { document } = await getPage('/')
    expect(listedTitles(document)).toEqual(titlesNewestFirst.slice(0, HEAD_SIZE))
    expect(linksWithRel(document, 'prev')).toEqual([])
    expect(linksWithRel(document, 'next')).toEqual([archiveUrl(SEALED)])
  })
})

describe('the archive', () => {
  it.each(Array.from({ length: SEALED }, (_, i) => i + 1))(
    'page %i lists its sealed page, newest first, between its newer and older neighbours',
    async (n) => {
      const { document } = await getPage(`/archive/${n}`)
      expect(listedTitles(document)).toEqual(archiveTitles(n))
      expect(listedTitles(document)).toHaveLength(PAGE_SIZE)
      expect(linksWithRel(document, 'prev')).toEqual([n < SEALED ? archiveUrl(n + 1) : homeUrl])
      expect(linksWithRel(document, 'next')).toEqual(n > 1 ? [archiveUrl(n - 1)] : [])
    },
  )

  it('together with the home page lists every article exactly once, in order', async () => {
    const titles = listedTitles((await getPage('/')).document)
    for (let n = SEALED; n >= 1; n--) titles.push(...listedTitles((await getPage(`/archive/${n}`)).document))
    expect(titles).toEqual(titlesNewestFirst)
  })

  it('links every listed article to its page', async () => {
    const { document } = await getPage('/archive/2')
    const hrefs = elementsNamed(document, 'h2').flatMap((h2) => elementsNamed(h2, 'a').map((a) => attribute(a, 'href')))
    const expected = archiveTitles(2).map((title) => `${ORIGIN}/articles/${slugify(title)}`)
    expect(hrefs).toEqual(expected)
    for (const href of hrefs.slice(0, 2)) expect((await fetchPath(href!)).status).toBe(200)
  })
})

describe('an old ?page=N address', () => {
  // The old pagination cut PAGE_SIZE articles a page from the newest: page N began with the article at (N − 1) × PAGE_SIZE.
  const oldPages = Array.from({ length: Math.ceil(documents.length / PAGE_SIZE) + 1 }, (_, i) => i + 1)

  it.each(oldPages)('page %i answers 301 to the page that now lists the article it began with', async (n) => {
    const response = await fetchPath(`/?page=${n}`, { redirect: 'manual' })
    expect(response.status).toBe(301)
    const location = response.headers.get('location')!
    const first = titlesNewestFirst[(n - 1) * PAGE_SIZE]
    if (first === undefined) {
      // Past the old last page: the oldest archive page.
      expect(location).toBe(archiveUrl(1))
      return
    }
    expect([homeUrl, ...Array.from({ length: SEALED }, (_, i) => archiveUrl(i + 1))]).toContain(location)
    expect(listedTitles((await getPage(new URL(location).pathname)).document)).toContain(first)
  })
})

describe('an article', () => {
  it('shows the title and every paragraph', async () => {
    const doc = older[3]
    const { document } = await getPage(`/articles/${slugify(doc.title)}`)
    expect(elementsNamed(document, 'h1').map(textOf)).toEqual([doc.title])
    const [article] = elementsNamed(document, 'article')
    const texts = elementsNamed(article, 'p').map(textOf)
    for (const paragraph of doc.paragraphs) expect(texts).toContain(paragraph)
  })
})

describe('preview rights', () => {
  const robots = (root: Node) =>
    elementsNamed(root, 'meta')
      .filter((meta) => attribute(meta, 'name') === 'robots')
      .map((meta) => attribute(meta, 'content'))

  // Google Discover shows a large preview only where the page allows it; every preview image is 1200 px wide.
  it.each(['/', `/articles/${slugify(older[0].title)}`])('%s lets Google show its preview image large', async (path) => {
    expect(robots((await getPage(path)).document)).toEqual(['max-image-preview:large'])
  })

  it('the card, a page other sites frame, keeps its noindex alone', async () => {
    expect(robots((await getPage(`/embed/${slugify(older[0].title)}`)).document)).toEqual(['noindex'])
  })
})

describe('errors are HTML pages too', () => {
  it.each([
    ['an unknown article', '/articles/no-such-article', 404],
    ['a slug no article can have', '/articles/Not%20A%20Slug', 404],
    ['an unknown route', '/no/such/page', 404],
    ['an archive page past the last', `/archive/${SEALED + 1}`, 404],
    ['archive page zero', '/archive/0', 404],
    ['a page that is not a number', '/?page=abc', 400],
    ['page zero', '/?page=0', 400],
    ['a page with a fraction', '/?page=1.5', 400],
  ])('%s answers %s', async (_, path, status) => {
    const { document } = await getPage(path, status)
    expect(attribute(elementsNamed(document, 'html')[0], 'lang')).toBe(env.SITE_LANGUAGE)
    expect(textOf(elementsNamed(document, 'h1')[0]).trim()).not.toBe('')
  })
})

describe('document text stays text', () => {
  const hostilePaths = ['/', `/articles/${slugify(HOSTILE_TITLE)}`]

  it.each(hostilePaths)('%s shows the hostile title as text, never as a tag', async (path) => {
    const { html, document } = await getPage(path)
    expect(html).not.toContain('<script>alert(1)')
    const headings = [...elementsNamed(document, 'h1'), ...elementsNamed(document, 'h2')].map(textOf)
    expect(headings).toContain(HOSTILE_TITLE)
    // The only scripts on a page are data (JSON-LD), never something a browser runs.
    for (const script of elementsNamed(document, 'script')) expect(attribute(script, 'type')).toBe('application/ld+json')
  })

  it('keeps hostile text in paragraphs, the title element and attributes exactly', async () => {
    const { document } = await getPage(`/articles/${slugify(HOSTILE_TITLE)}`)
    const [article] = elementsNamed(document, 'article')
    expect(elementsNamed(article, 'p').map(textOf)).toContain(HOSTILE_TEXT)
    expect(textOf(elementsNamed(document, 'title')[0])).toContain(HOSTILE_TITLE)
    const description = elementsNamed(document, 'meta').find((meta) => attribute(meta, 'name') === 'description')
    expect(description && attribute(description, 'content')).toBe(HOSTILE_TEXT)
  })
})
