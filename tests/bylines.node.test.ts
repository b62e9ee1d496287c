/**
 * Real clients read the bylines and topics (issue 24), in this process from
 * the renderers over a planned seed (no Worker started): a maintained feed
 * parser (@rowanmanning/feed-parser) finds each author and category of the RSS
 * and Atom feeds, which keep the W3C Feed Validator's rules, and metascraper,
 * which link-preview services build on, finds the article page's author.
 */
import { parseFeed } from '@rowanmanning/feed-parser'
import createMetascraper from 'metascraper'
import metascraperAuthor from 'metascraper-author'
import { describe, expect, it } from 'vitest'
import { articleHtmlText } from '../src/render/article-answers'
import { renderAtom } from '../src/render/atom'
import { renderRss } from '../src/render/rss'
import { parsed } from './support/documents'
import { feedProblems } from './support/feed-validator'
import { planFirstSeed, plannedFeed } from './support/plan'
import { testSite } from './support/site'

// metascraper takes only URLs on a public suffix.
const site = testSite({ url: 'https://gazette.example.com' })
const TEXT = [
  'Pyongyang opens museum',
  'On 27 April 2026, the North Korean capital opened a museum.',
  'The ceremony was broadcast.',
  'By: Jane Doe and Kim Min-jun',
  'Topics: North Korea, Économie & Co',
  'Updated: 2026-04-28T09:30:00Z',
  'Published: April 27, 2026',
].join('\n')

async function feedSource() {
  const documents = [
    await parsed('00000000000000b1.txt', TEXT),
    await parsed('00000000000000b2.txt', 'Plain\nA paragraph.\nPublished: 2026-04-01'),
  ]
  return plannedFeed(await planFirstSeed(documents, '2026-05-01T00:00:00Z'))
}

describe.each([
  ['RSS', renderRss],
  ['Atom', renderAtom],
] as const)('%s with bylines and topics', (_, render) => {
  it('is read by @rowanmanning/feed-parser: every author and every category', async () => {
    const feed = parseFeed(await render(await feedSource(), site))
    const [item, plain] = feed.items
    expect(item.authors.map((author) => author.name)).toEqual(['Jane Doe', 'Kim Min-jun'])
    expect(item.categories.map((category) => category.label ?? category.term)).toEqual(['North Korea', 'Économie & Co'])
    // Without a By: line, the site's author, as before.
    expect(plain.authors.map((author) => author.name)).toEqual(['Ada Reporter'])
  })

  it("keeps the W3C Feed Validator's rules", async () => {
    expect(feedProblems(await render(await feedSource(), site))).toEqual([])
  })
})

describe('metascraper on an article page with a byline', () => {
  it('finds its author', async () => {
    const article = (await feedSource()).articles[0]
    const metascraper = createMetascraper([metascraperAuthor()])
    const html = articleHtmlText(site, { ...article })
    expect((await metascraper({ html, url: `${site.url}/articles/${article.slug}` })).author).toBe('Jane Doe and Kim Min-jun')
  })
})
