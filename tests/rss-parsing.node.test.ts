/**
 * The RSS feed as a feed reader sees it, read by a maintained parser
 * (@rowanmanning/feed-parser). That parser cannot load inside workerd, so this
 * runs in Node on `renderRss` over the feed source the real planner writes;
 * tests/feeds.test.ts proves the route serves exactly those bytes.
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { planSeed } from '../scripts/publish/plan'
import { renderRss } from '../src/render/rss'
import type { FeedSource } from '../src/shared/records'
import { FEED_SIZE } from '../src/shared/keys'
import { datedDocument, datedDocuments, HOSTILE_TITLE } from './support/documents'
import { elementsNamed, parseHtmlFragment, textOf } from './support/html'
import { planFirstSeed, plannedFeed, stateAfterFirstSeed } from './support/plan'
import { testSite } from './support/site'

const SITE = testSite()
const SEEDED_AT = '2026-05-01T12:00:00Z'
const RETITLED_AT = '2026-05-02T12:00:00Z'

// A first paragraph long enough to be cut, so the summary is not simply the paragraph.
const HOSTILE_PARAGRAPHS = [`${HOSTILE_TITLE} `.repeat(20).trim(), `Closing: ${HOSTILE_TITLE} 👩‍👩‍👧 평양 افتتاح Cafe\u0301`]
const older = datedDocuments(FEED_SIZE + 5)
const newest = datedDocument(older.length, { title: HOSTILE_TITLE, paragraphs: HOSTILE_PARAGRAPHS })
const documents = [...older, newest]

/** RFC 822 section 5, with the four-digit year RFC 1123 requires and GMT. */
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

type ParsedFeed = ReturnType<typeof parseFeed>
type ParsedItem = ParsedFeed['items'][number]

const rawText = (item: ParsedItem, name: string) => item.element.findElementWithName(name)?.textContent
/**
 * Paragraph texts of an item's HTML content, decoded once as XML and parsed as
 * HTML. Not the parser's `content`: it decodes entities a second time, which
 * would turn escaped `&lt;script&gt;` in the article back into a tag.
 */
const contentParagraphs = (item: ParsedItem) => elementsNamed(parseHtmlFragment(rawText(item, 'encoded') ?? ''), 'p').map(textOf)

let source: FeedSource
let feed: ParsedFeed

beforeAll(async () => {
  source = plannedFeed(await planFirstSeed(documents, SEEDED_AT))
  feed = parseFeed(await renderRss(source, SITE))
})

describe('the channel', () => {
  it('names the site: title, link, description, language', () => {
    expect(feed.meta.type).toBe('rss')
    expect(feed.title).toBe(SITE.name)
    expect(feed.url).toBe(`${SITE.url}/`)
    expect(feed.description).toBe(SITE.description)
    expect(feed.language).toBe(SITE.language)
  })

  it('has an RFC 822 lastBuildDate: when the feed last changed', () => {
    const lastBuildDate = feed.element.findElementWithName('lastbuilddate')?.textContent
    expect(lastBuildDate).toMatch(RFC_822)
    expect(feed.updated?.getTime()).toBe(Date.parse(source.modified_at))
  })

  it('links to itself with atom:link rel="self"', () => {
    expect(feed.self).toBe(`${SITE.url}/feed.xml`)
    const self = feed.element.findElementsWithName('link').find((link) => link.getAttribute('rel') === 'self')
    expect(self?.namespace).toBe('atom')
    expect(self?.getAttribute('type')).toBe('application/rss+xml')
  })
})

describe('the items', () => {
  it(`are the ${FEED_SIZE} newest articles, newest first`, () => {
    expect(feed.items).toHaveLength(FEED_SIZE)
    const expected = [...documents].reverse().slice(0, FEED_SIZE)
    expect(feed.items.map((item) => item.url)).toEqual(source.articles.map((article) => `${SITE.url}/articles/${article.slug}`))
    expect(source.articles.map((article) => article.id)).toEqual(expected.map((doc) => doc.id))
  })

  it('have a guid that is not a permalink, one per article', () => {
    const guids = feed.items.map((item) => item.id)
    expect(new Set(guids).size).toBe(FEED_SIZE)
    for (const item of feed.items) {
      expect(item.element.findElementWithName('guid')?.getAttribute('ispermalink')).toBe('false')
      expect(item.id).not.toBe(item.url)
    }
  })

  it('have an RFC 822 pubDate: the publication date', () => {
    feed.items.forEach((item, i) => {
      expect(rawText(item, 'pubdate')).toMatch(RFC_822)
      expect(item.published?.getTime()).toBe(Date.parse(source.articles[i].published_at))
    })
  })

  it('describe each article with its summary and carry the full article as content:encoded', () => {
    feed.items.forEach((item, i) => {
      const article = source.articles[i]
      expect(item.description).toBe(article.summary)
      // Readers render the description as HTML (RSS 2.0): as HTML, once decoded as XML, it is exactly the summary.
      expect(textOf(parseHtmlFragment(rawText(item, 'description') ?? ''))).toBe(article.summary)
      expect(contentParagraphs(item)).toEqual(article.paragraphs)
    })
    // The newest one's summary is a cut of its first paragraph: description is not just that paragraph.
    expect(feed.items[0].description).not.toBe(HOSTILE_PARAGRAPHS[0])
  })

  it('carry a title of markup, entities, quotes and a CDATA end exactly', () => {
    const [item] = feed.items
    expect(item.title).toBe(HOSTILE_TITLE)
    expect(contentParagraphs(item)).toEqual(HOSTILE_PARAGRAPHS)
  })
})

describe('a retitled article', () => {
  it('keeps its guid and its link: readers do not see a new item', async () => {
    const retitled = { ...newest, title: 'A calmer headline' }
    const plan = await planSeed([...older, retitled], stateAfterFirstSeed(await planFirstSeed(documents, SEEDED_AT)), RETITLED_AT)
    const [after] = parseFeed(await renderRss(plannedFeed(plan), SITE)).items
    const [before] = feed.items
    expect(after.title).toBe('A calmer headline')
    expect(after.id).toBe(before.id)
    expect(after.url).toBe(before.url)
  })
})
