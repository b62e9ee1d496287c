/**
 * The HTML site through the Worker's real entry: the shell every page shares
 * (language, feed discovery), the index and its pagination, error pages, and
 * document text that must stay text.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import type { Document } from '../src/shared/records'
import { LIST_PAGE_SIZE } from '../src/shared/keys'
import { datedDocument, datedDocuments, HOSTILE_TITLE } from './support/documents'
import { attribute, elementsNamed, parseHtml, textOf, type Node } from './support/html'
import { fetchPath, ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'

// More than two index pages, and the newest article carries the hostile title.
const older = datedDocuments(2 * LIST_PAGE_SIZE + 1)
const HOSTILE_TEXT = `Quoted in full: ${HOSTILE_TITLE}`
const hostile = datedDocument(older.length, { title: HOSTILE_TITLE, paragraphs: [HOSTILE_TEXT, 'Nothing ran.'] })
const documents: Document[] = [...older, hostile]
const titlesNewestFirst = [...documents].reverse().map((doc) => doc.title)
const pageCount = Math.ceil(documents.length / LIST_PAGE_SIZE)
const indexUrl = (n: number) => (n === 1 ? `${ORIGIN}/` : `${ORIGIN}/?page=${n}`)

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

describe('every page', () => {
  it.each(['/', '/?page=2', `/articles/${slugify(older[0].title)}`])('%s is HTML in the site language with RSS discovery', async (path) => {
    const { document } = await getPage(path)
    const [html] = elementsNamed(document, 'html')
    expect(attribute(html, 'lang')).toBe(env.SITE_LANGUAGE)
    const rss = elementsNamed(document, 'link').filter(
      (link) => attribute(link, 'rel') === 'alternate' && attribute(link, 'type') === 'application/rss+xml',
    )
    expect(rss.map((link) => attribute(link, 'href'))).toEqual([`${ORIGIN}/feed.xml`])
  })
})

describe('the index', () => {
  it.each(Array.from({ length: pageCount }, (_, i) => i + 1))('page %i lists its share of the articles, newest first', async (n) => {
    const { document } = await getPage(n === 1 ? '/' : `/?page=${n}`)
    const titles = elementsNamed(document, 'h2').map(textOf)
    expect(titles).toEqual(titlesNewestFirst.slice((n - 1) * LIST_PAGE_SIZE, n * LIST_PAGE_SIZE))
    expect(linksWithRel(document, 'prev')).toEqual(n > 1 ? [indexUrl(n - 1)] : [])
    expect(linksWithRel(document, 'next')).toEqual(n < pageCount ? [indexUrl(n + 1)] : [])
  })

  it('links every listed article to its page', async () => {
    const { document } = await getPage('/?page=2')
    const hrefs = elementsNamed(document, 'h2').flatMap((h2) => elementsNamed(h2, 'a').map((a) => attribute(a, 'href')))
    const expected = titlesNewestFirst.slice(LIST_PAGE_SIZE, 2 * LIST_PAGE_SIZE).map((title) => `${ORIGIN}/articles/${slugify(title)}`)
    expect(hrefs).toEqual(expected)
    for (const href of hrefs.slice(0, 2)) expect((await fetchPath(href!)).status).toBe(200)
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

describe('errors are HTML pages too', () => {
  it.each([
    ['an unknown article', '/articles/no-such-article', 404],
    ['a slug no article can have', '/articles/Not%20A%20Slug', 404],
    ['an unknown route', '/no/such/page', 404],
    ['a page past the last', `/?page=${pageCount + 1}`, 404],
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
