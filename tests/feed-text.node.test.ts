/**
 * Feed text is what each element says it is: the RSS description is HTML (RSS
 * 2.0: readers render it so), an Atom title or summary is HTML exactly when it
 * says type="html" and text otherwise (RFC 4287 section 3.1), and JSON Feed
 * carries the body once, as content_html. Renderers over the feed source the
 * real planner writes, read by @rowanmanning/feed-parser, and their HTML by
 * parse5 as a browser reads it: each must decode to exactly the document's text.
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { renderAtom } from '../src/render/atom'
import { renderJsonFeed } from '../src/render/json-feed'
import { renderRss } from '../src/render/rss'
import type { FeedSource } from '../src/shared/records'
import { datedDocument, HOSTILE_TITLE } from './support/documents'
import { elementsNamed, parseHtmlFragment, textOf } from './support/html'
import { planFirstSeed, plannedFeed } from './support/plan'
import { testSite } from './support/site'

/** A site name an HTML reader would misread, and a plain description: the feed's own text constructs too. */
const SITE = testSite({ name: 'R&D <Weekly>' })

/** Titles and first paragraphs (short enough to be the summary whole): markup, entities, quotes, a CDATA end, and plain text. */
const TEXTS = [
  [HOSTILE_TITLE, 'R&D spending rose by 5% & more.'],
  ['Bold claims', 'A <b>bold</b> claim, not bold.'],
  ['Written out', 'Fish &amp; chips: the entity as text, not an ampersand.'],
  ['5 > 3, said the council', 'The CDATA end ]]> and <![CDATA[ a start ]]> stay text.'],
  ['A plain "quoted" headline', `"Double" and 'single' quotes.`],
  ['A plain title', 'A plain summary.'],
] as const
const documents = TEXTS.map(([title, paragraph], n) => datedDocument(n, { title, paragraphs: [paragraph, 'A second paragraph.'] }))

/** Characters that could be read as markup (RFC 4287 section 3.1.1.2): where type="html" is due. */
const MARKUP_LIKE = /[<&>]/

type Element = ReturnType<typeof parseFeed>['element']

/** The text an HTML fragment shows a reader. */
const htmlText = (html: string) => textOf(parseHtmlFragment(html))

/** An Atom Text construct's text, read by its type (RFC 4287 section 3.1.1). */
const atomText = (element: Element) => (element.getAttribute('type') === 'html' ? htmlText(element.textContent) : element.textContent)

let source: FeedSource

beforeAll(async () => {
  source = plannedFeed(await planFirstSeed(documents, '2026-05-01T12:00:00Z'))
  // The planner kept each paragraph whole as the summary, so the cases are the ones written above.
  expect(source.articles.map((article) => [article.title, article.summary])).toEqual([...TEXTS].reverse())
})

describe('RSS', () => {
  it('describes each item with its summary as HTML, which a browser reads as exactly the summary', async () => {
    const feed = parseFeed(await renderRss(source, SITE))
    feed.items.forEach((item, i) => {
      const { summary } = source.articles[i]
      const description = item.element.findElementWithName('description')!.textContent
      expect(htmlText(description), summary).toBe(summary)
      expect(elementsNamed(parseHtmlFragment(description), 'b'), summary).toEqual([])
      expect(item.description, summary).toBe(summary)
    })
  })

  it('escapes the summary as HTML, then as XML, in the bytes', async () => {
    const xml = await renderRss(source, SITE)
    expect(xml).toContain('<description>R&amp;amp;D spending rose by 5% &amp;amp; more.</description>')
    expect(xml).toContain('<description>A &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; claim, not bold.</description>')
    expect(xml).toContain('<description>Fish &amp;amp;amp; chips')
  })
})

describe('Atom', () => {
  it('declares type="html" on exactly the titles and summaries that hold <, & or >, and each reads as its text', async () => {
    const feed = parseFeed(await renderAtom(source, SITE))
    expect(feed.meta.type).toBe('atom')
    feed.items.forEach((item, i) => {
      const article = source.articles[i]
      for (const [name, text] of [
        ['title', article.title],
        ['summary', article.summary],
      ]) {
        const element = item.element.findElementWithName(name)!
        expect(element.getAttribute('type'), `${name}: ${text}`).toBe(MARKUP_LIKE.test(text) ? 'html' : null)
        expect(atomText(element), name).toBe(text)
      }
      expect(item.title).toBe(article.title)
      expect(item.description).toBe(article.summary)
    })
  })

  it('chooses the type of the feed title and subtitle the same way', async () => {
    const feed = parseFeed(await renderAtom(source, SITE))
    const title = feed.element.findElementWithName('title')!
    const subtitle = feed.element.findElementWithName('subtitle')!
    expect([title.getAttribute('type'), subtitle.getAttribute('type')]).toEqual(['html', null])
    expect([atomText(title), atomText(subtitle)]).toEqual([SITE.name, SITE.description])
    expect(feed.title).toBe(SITE.name)
  })
})

describe('JSON Feed', () => {
  it('carries each body once, as content_html, with no content_text', async () => {
    const feed = JSON.parse(await renderJsonFeed(source, SITE))
    feed.items.forEach((item: Record<string, unknown>, i: number) => {
      expect(item).not.toHaveProperty('content_text')
      const html = item.content_html as string
      expect(elementsNamed(parseHtmlFragment(html), 'p').map(textOf)).toEqual(source.articles[i].paragraphs)
      expect([item.title, item.summary]).toEqual([source.articles[i].title, source.articles[i].summary])
    })
  })
})
