/**
 * Bylines, topics, a standfirst and corrections (issue 24), seeded into real
 * local KV and read back through the Worker: the article's JSON, its page, the
 * index, the card, the three feeds, JSON-LD, oEmbed, Last-Modified and the
 * sitemap each carry the document's own lines; an article without them keeps
 * what it had, AUTHOR_NAME its author when set.
 */
import { env } from 'cloudflare:test'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ArticleSchema } from '../src/api-schema'
import { isolateCache } from '../src/http/serve'
import { facetSlug } from '../src/shared/slug'
import { parsed } from './support/documents'
import { callWorker } from './support/entry'
import { attribute, elementsNamed, type Element, parseHtml, textOf } from './support/html'
import { ORIGIN } from './support/http'
import { seedDocuments } from './support/seed'
import { EXAMPLE_DOCUMENT } from './support/issue-example'
import { parseXml } from './support/xml'

const ISSUE = EXAMPLE_DOCUMENT
const THREE = 'Three reporters\nA paragraph.\nAnother.\nBy: Ann Lee, Bo Kim, and Cy Park\nPublished: 2026-04-20\n'
const PLAIN = 'An article without lines\nIts first paragraph is its summary.\nPublished: 2026-04-10\n'

const SUMMARY = 'A new museum in Pyongyang honours soldiers who died fighting for Russia.'
const UPDATED = '2026-04-28T09:30:00Z'
let slugs: { issue: string; three: string; plain: string }

async function get(path: string, bindings: Env = env): Promise<Response> {
  const response = await callWorker(new Request(`${ORIGIN}${path}`), bindings)
  expect(response.status, path).toBe(200)
  return response
}
const text = async (path: string, bindings?: Env) => (await get(path, bindings)).text()
const page = async (path: string, bindings?: Env) => parseHtml(await text(path, bindings))
const byClass = (root: Parameters<typeof elementsNamed>[0], tag: string, name: string): Element[] =>
  elementsNamed(root, tag).filter((element) => attribute(element, 'class') === name)
const links = (element: Element) => elementsNamed(element, 'a').map((a) => [textOf(a), attribute(a, 'href')])
const times = (element: Element) => elementsNamed(element, 'time').map((time) => [attribute(time, 'datetime'), textOf(time)])
const meta = (root: Parameters<typeof elementsNamed>[0], key: string) =>
  elementsNamed(root, 'meta')
    .filter((m) => attribute(m, 'name') === key || attribute(m, 'property') === key)
    .map((m) => attribute(m, 'content'))

beforeAll(async () => {
  const documents = await Promise.all([
    parsed('00000000000000a1.txt', ISSUE),
    parsed('00000000000000a2.txt', THREE),
    parsed('00000000000000a3.txt', PLAIN),
  ])
  const plan = await seedDocuments(documents)
  expect(plan.summary.added).toBe(3)
  const list = (await (await get('/api/articles')).json()) as { items: Array<{ slug: string; title: string }> }
  const slugOf = (title: string) => list.items.find((item) => item.title === title)!.slug
  slugs = { issue: slugOf(documents[0].title), three: slugOf(documents[1].title), plain: slugOf(documents[2].title) }
})

afterAll(() => isolateCache.clear())

describe('the article JSON', () => {
  it('names its authors and topics with their pages, its summary and its update', async () => {
    const article = ArticleSchema.parse(await (await get(`/api/articles/${slugs.issue}`)).json())
    expect(article.authors).toEqual([
      { name: 'Jane Doe', slug: 'jane-doe', url: `${ORIGIN}/authors/jane-doe` },
      { name: 'Kim Min-jun', slug: 'kim-min-jun', url: `${ORIGIN}/authors/kim-min-jun` },
    ])
    expect(article.topics.map((topic) => [topic.name, topic.url])).toEqual([
      ['North Korea', `${ORIGIN}/topics/north-korea`],
      ['Russia', `${ORIGIN}/topics/russia`],
      ['Museums', `${ORIGIN}/topics/museums`],
    ])
    expect([article.summary, article.updated_at]).toEqual([SUMMARY, UPDATED])
  })

  it('without a By: line, names AUTHOR_NAME when the site sets it, linked to AUTHOR_URL or else its page', async () => {
    const named = { ...env, AUTHOR_NAME: 'Élise Writer' }
    const withUrl = { ...named, AUTHOR_URL: 'https://elise.example/' }
    const read = async (bindings: Env) => {
      // The isolate keeps answers by address: each site's must be its own.
      isolateCache.clear()
      return ArticleSchema.parse(await (await get(`/api/articles/${slugs.plain}`, bindings)).json()).authors
    }
    expect(await read(env)).toEqual([])
    expect(await read(named)).toEqual([{ name: 'Élise Writer', slug: 'elise-writer', url: `${ORIGIN}/authors/elise-writer` }])
    expect(await read(withUrl)).toEqual([{ name: 'Élise Writer', slug: facetSlug('Élise Writer'), url: 'https://elise.example/' }])
  })
})

describe('the article page', () => {
  it('shows the byline, each name a link to its page, the topics as links and the dateline', async () => {
    const html = await page(`/articles/${slugs.issue}`)
    const [byline] = byClass(html, 'p', 'byline')
    expect(textOf(byline)).toBe('By Jane Doe and Kim Min-jun')
    expect(links(byline)).toEqual([
      ['Jane Doe', `${ORIGIN}/authors/jane-doe`],
      ['Kim Min-jun', `${ORIGIN}/authors/kim-min-jun`],
    ])
    expect(links(byClass(html, 'ul', 'topics')[0]).map(([name]) => name)).toEqual(['North Korea', 'Russia', 'Museums'])
    const [meta] = byClass(html, 'p', 'meta')
    expect(textOf(meta)).toMatch(/^Published 27 April 2026 · Updated 28 April 2026 09:30 UTC · \d+ min read$/)
    // Both dates machine-readable too, each in a <time datetime>.
    expect(times(meta)).toEqual([
      ['2026-04-27T00:00:00Z', '27 April 2026'],
      [UPDATED, '28 April 2026 09:30 UTC'],
    ])
  })

  it('without an Updated: line, dates itself by its publication alone', async () => {
    const [meta] = byClass(await page(`/articles/${slugs.plain}`), 'p', 'meta')
    expect(textOf(meta)).toMatch(/^Published 10 April 2026 · \d+ min read$/)
    expect(times(meta)).toEqual([['2026-04-10T00:00:00Z', '10 April 2026']])
  })

  it('says three authors as "A, B and C"', async () => {
    expect(textOf(byClass(await page(`/articles/${slugs.three}`), 'p', 'byline')[0])).toBe('By Ann Lee, Bo Kim and Cy Park')
  })

  it('describes itself by its Summary: line and dates its change by its Updated: line', async () => {
    const response = await get(`/articles/${slugs.issue}`)
    expect(response.headers.get('last-modified')).toBe(new Date(UPDATED).toUTCString())
    const html = parseHtml(await response.text())
    expect([...meta(html, 'description'), ...meta(html, 'og:description')]).toEqual([SUMMARY, SUMMARY])
    expect(meta(html, 'article:modified_time')).toEqual([UPDATED])
    expect(meta(html, 'author')).toEqual(['Jane Doe and Kim Min-jun'])
  })

  it('gives JSON-LD a list of Person authors, its first topic as articleSection and its topics as keywords', async () => {
    const [script] = elementsNamed(await page(`/articles/${slugs.issue}`), 'script').filter(
      (s) => attribute(s, 'type') === 'application/ld+json',
    )
    const ld = JSON.parse(textOf(script))
    expect(ld.author).toEqual([
      { '@type': 'Person', name: 'Jane Doe', url: `${ORIGIN}/authors/jane-doe` },
      { '@type': 'Person', name: 'Kim Min-jun', url: `${ORIGIN}/authors/kim-min-jun` },
    ])
    expect([ld.articleSection, ld.keywords, ld.dateModified, ld.description]).toEqual([
      'North Korea',
      'North Korea, Russia, Museums',
      UPDATED,
      SUMMARY,
    ])
  })

  it('without the lines, shows no byline, no topics and no update', async () => {
    const html = await page(`/articles/${slugs.plain}`)
    expect([byClass(html, 'p', 'byline'), byClass(html, 'ul', 'topics')]).toEqual([[], []])
    expect(textOf(byClass(html, 'p', 'meta')[0])).toMatch(/^Published 10 April 2026 · \d+ min read$/)
  })
})

describe('lists and cards', () => {
  it('show the byline on the index', async () => {
    const bylines = byClass(await page('/'), 'p', 'byline').map(textOf)
    expect(bylines).toEqual(['By Jane Doe and Kim Min-jun', 'By Ann Lee, Bo Kim and Cy Park'])
  })

  it('show the byline and the summary on the card', async () => {
    const card = await page(`/embed/${slugs.issue}`)
    expect(byClass(card, 'p', 'byline').map(textOf)).toEqual(['By Jane Doe and Kim Min-jun'])
    expect(byClass(card, 'p', 'summary').map(textOf)).toEqual([SUMMARY])
  })
})

describe('feeds', () => {
  it('RSS: one dc:creator per author, one category per topic, the summary as description', async () => {
    const item = parseXml(await text('/feed.xml')).rss.channel.item.find((i: { title: string }) => i.title.startsWith('Pyongyang'))
    expect([item['dc:creator'], item.category, item.description]).toEqual([
      ['Jane Doe', 'Kim Min-jun'],
      ['North Korea', 'Russia', 'Museums'],
      SUMMARY,
    ])
  })

  it('Atom: one author per author with their page, one category per topic, updated from Updated:', async () => {
    const entry = parseXml(await text('/atom.xml')).feed.entry.find((e: { title: string }) => e.title.startsWith('Pyongyang'))
    expect(entry.author).toEqual([
      { name: 'Jane Doe', uri: `${ORIGIN}/authors/jane-doe` },
      { name: 'Kim Min-jun', uri: `${ORIGIN}/authors/kim-min-jun` },
    ])
    expect(entry.category.map((c: Record<string, string>) => [c['@term'], c['@label']])).toEqual([
      ['north-korea', 'North Korea'],
      ['russia', 'Russia'],
      ['museums', 'Museums'],
    ])
    expect(Date.parse(entry.updated)).toBe(Date.parse(UPDATED))
    expect(entry.summary).toBe(SUMMARY)
  })

  it('JSON Feed: authors, tags, the summary and date_modified', async () => {
    const item = JSON.parse(await text('/feed.json')).items.find((i: { title: string }) => i.title.startsWith('Pyongyang'))
    expect(item).toMatchObject({
      authors: [
        { name: 'Jane Doe', url: `${ORIGIN}/authors/jane-doe` },
        { name: 'Kim Min-jun', url: `${ORIGIN}/authors/kim-min-jun` },
      ],
      tags: ['North Korea', 'Russia', 'Museums'],
      summary: SUMMARY,
      date_modified: UPDATED,
    })
  })

  it('the sitemap dates the article by its Updated: line', async () => {
    const urls = parseXml(await text('/sitemap.xml')).urlset.url as Array<{ loc: string; lastmod: string }>
    expect(urls.find((url) => url.loc.endsWith(`/articles/${slugs.issue}`))?.lastmod).toBe(UPDATED)
  })
})

describe('oEmbed', () => {
  it("names the byline's authors and the first one's page", async () => {
    const url = encodeURIComponent(`${ORIGIN}/articles/${slugs.issue}`)
    const json = await (await get(`/oembed?url=${url}&format=json`)).json()
    expect(json).toMatchObject({ author_name: 'Jane Doe and Kim Min-jun', author_url: `${ORIGIN}/authors/jane-doe` })
  })
})
