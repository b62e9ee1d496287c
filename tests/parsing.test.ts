/**
 * The seed document format, proven on the pure functions the seed script and
 * the Worker share: what is tolerated, what is refused and why, what is kept
 * verbatim, and what is derived (id, slug, summary).
 */
import { describe, expect, it } from 'vitest'
import { articleKey } from '../src/shared/keys'
import { summarize, SUMMARY_LENGTH, toStoredArticle } from '../scripts/publish/document/derive'
import { documentId, parseDocument, type ParseResult } from '../scripts/publish/document/parse'
import { assignSlugs, MAX_SLUG_LENGTH, slugify } from '../scripts/publish/document/slug'
import { DocumentIdSchema, DocumentSchema, SlugSchema, TimestampSchema, type Document } from '../src/shared/records'
import { planSeed, type Plan } from '../scripts/publish/plan'
import { datedDocument } from './support/documents'
import { planFirstSeed, plannedFeed, stateAfterFirstSeed } from './support/plan'
import { documentText } from './support/seed'

const encode = (text: string) => new TextEncoder().encode(text)
const parseText = (text: string, fileName = 'story.txt') => parseDocument(fileName, encode(text))

async function documentOf(result: Promise<ParseResult>): Promise<Document> {
  const outcome = await result
  if (!outcome.ok) throw new Error(`expected a document, got: ${outcome.reason}`)
  return outcome.document
}

async function reasonOf(result: Promise<ParseResult>): Promise<string> {
  const outcome = await result
  if (outcome.ok) throw new Error(`expected a refusal, got: ${JSON.stringify(outcome.document)}`)
  return outcome.reason
}

const TITLE = 'Harbour reopens after storm'
const PARAGRAPHS = ['Ships returned on Monday.', 'Repairs cost less than feared.']
const CANONICAL = documentText(TITLE, PARAGRAPHS, 'April 27, 2026')

describe('tolerated variations of the format', () => {
  const BOM = new Uint8Array([0xef, 0xbb, 0xbf])
  const withBom = new Uint8Array([...BOM, ...encode(CANONICAL)])

  it.each([
    ['CRLF line endings', CANONICAL.replace(/\n/g, '\r\n')],
    ['lone CR line endings', CANONICAL.replace(/\n/g, '\r')],
    ['blank lines between paragraphs', CANONICAL.replace(/\n/g, '\n\n \n')],
    [
      'leading and trailing spaces and tabs',
      CANONICAL.split('\n')
        .map((line) => `  \t${line} \t `)
        .join('\n'),
    ],
    ['a final newline and trailing blank lines', `${CANONICAL}\n\n\n`],
  ])('%s give the same document', async (_, variant) => {
    expect(await documentOf(parseText(variant))).toEqual(await documentOf(parseText(CANONICAL)))
  })

  it('a UTF-8 byte order mark is dropped, not kept in the title', async () => {
    const document = await documentOf(parseDocument('story.txt', withBom))
    expect(document.title).toBe(TITLE)
    expect(document).toEqual(await documentOf(parseText(CANONICAL)))
  })

  it('a parsed document satisfies the document schema', async () => {
    expect(DocumentSchema.safeParse(await documentOf(parseText(CANONICAL))).success).toBe(true)
  })
})

describe('publication dates', () => {
  it.each([
    ['April 27, 2026', '2026-04-27T00:00:00Z'],
    ['Apr 5, 2026', '2026-04-05T00:00:00Z'],
    ['27 April 2026', '2026-04-27T00:00:00Z'],
    ['2026-04-27', '2026-04-27T00:00:00Z'],
    ['2024-02-29', '2024-02-29T00:00:00Z'],
    ['2026-04-27T09:30:00Z', '2026-04-27T09:30:00Z'],
    ['2026-04-27T09:30:15.250Z', '2026-04-27T09:30:15.250Z'],
    ['2026-04-27T09:30:00+02:00', '2026-04-27T07:30:00Z'],
    ['2026-04-27T21:30:00-05:30', '2026-04-28T03:00:00Z'],
  ])('"Published: %s" is %s in UTC', async (written, instant) => {
    const document = await documentOf(parseText(documentText(TITLE, PARAGRAPHS, written)))
    expect(document.published_at).toBe(instant)
    expect(TimestampSchema.safeParse(document.published_at).success).toBe(true)
  })
})

describe('refused documents, each with one readable reason', () => {
  const INVALID_UTF8 = new Uint8Array([...encode(`${TITLE}\nBad byte: `), 0xc3, 0x28, ...encode('\nPublished: 2026-04-27')])

  it.each([
    ['an empty file', encode(''), /empty/],
    ['a file of blank lines', encode('\n  \r\n\t\n'), /empty/],
    ['no title', encode('Published: April 27, 2026'), /no title/],
    ['no "Published:" line', encode(`${TITLE}\n${PARAGRAPHS[0]}`), /Published/],
    ['a "Published:" line that is not last', encode(`${TITLE}\nPublished: 2026-04-27\n${PARAGRAPHS[0]}`), /Published/],
    ['an unparseable date', encode(documentText(TITLE, PARAGRAPHS, 'sometime last spring')), /date "sometime last spring"/],
    ['an impossible date: 2026-02-30', encode(documentText(TITLE, PARAGRAPHS, '2026-02-30')), /date "2026-02-30"/],
    ['an impossible date: April 31', encode(documentText(TITLE, PARAGRAPHS, 'April 31, 2026')), /date "April 31, 2026"/],
    ['an impossible date: 29 February of a common year', encode(documentText(TITLE, PARAGRAPHS, '29 February 2026')), /date/],
    ['an impossible time', encode(documentText(TITLE, PARAGRAPHS, '2026-04-27T24:00:00Z')), /date/],
    ['no paragraph', encode(`${TITLE}\nPublished: April 27, 2026`), /no paragraph/],
    ['bytes that are not UTF-8', INVALID_UTF8, /UTF-8/],
    ['a forbidden control character', encode(documentText(TITLE, ['Bell \u0007 here'], '2026-04-27')), /control character U\+0007/],
    ['a NUL in the title', encode(documentText('Null\u0000title', PARAGRAPHS, '2026-04-27')), /control character U\+0000/],
  ])('%s', async (_, bytes, reason) => {
    const why = await reasonOf(parseDocument('story.txt', bytes))
    expect(why).toMatch(reason)
    expect(why).not.toMatch(/\n/)
  })
})

describe('text is kept verbatim', () => {
  it.each([
    ['markup and entities', '<p class="x">Fish & Chips</p> &amp; &lt;'],
    ['quotes and a CDATA end', `"double" 'single' “curly” ]]> ]]]]><![CDATA[`],
    ['emoji, including a joined family and a flag', 'Family 👩‍👩‍👧 and flag 🇰🇷 and 🦄'],
    ['Hangul', '평양에서 새 박물관이 문을 열었다'],
    ['Arabic, right to left', 'افتتاح متحف جديد في المدينة'],
    ['combining marks, not normalised', 'Cafe\u0301 and n\u0303 and a\u030a'],
  ])('%s', async (_, text) => {
    const document = await documentOf(parseText(documentText(text, [text, `Again: ${text}`], '2026-04-27')))
    expect(document.title).toBe(text)
    expect(document.paragraphs).toEqual([text, `Again: ${text}`])
  })

  it('combining marks stay decomposed (the test text is not already NFC)', async () => {
    const decomposed = 'Cafe\u0301'
    expect(decomposed.normalize('NFC')).not.toBe(decomposed)
    const document = await documentOf(parseText(documentText(decomposed, [decomposed], '2026-04-27')))
    expect([...document.title]).toEqual([...decomposed])
  })
})

describe('document ids', () => {
  it('are the hex part of names like 000_72d115a42cfb6283.txt', async () => {
    expect(await documentId('000_72d115a42cfb6283.txt')).toBe('72d115a42cfb6283')
    expect((await documentOf(parseText(CANONICAL, '000_72d115a42cfb6283.txt'))).id).toBe('72d115a42cfb6283')
  })

  it('ignore the folder the file is in', async () => {
    expect(await documentId('seeds/000_72d115a42cfb6283.txt')).toBe('72d115a42cfb6283')
  })

  it('are derived, stable and distinct for other names', async () => {
    const id = await documentId('harbour-storm.txt')
    expect(DocumentIdSchema.safeParse(id).success).toBe(true)
    expect(await documentId('harbour-storm.txt')).toBe(id)
    expect(await documentId('harbour-storm-2.txt')).not.toBe(id)
  })
})

describe('slugs', () => {
  const request = (id: string, title: string, published_at = '2026-04-27T00:00:00Z') => ({ id, title, published_at })

  it('are lowercase ASCII words joined by hyphens', () => {
    const slug = slugify('  Hello, World! Prices UP 5% in Q2 — "again"  ')
    expect(slug).toBe('hello-world-prices-up-5-in-q2-again')
    expect(SlugSchema.safeParse(slug).success).toBe(true)
  })

  it('fold accents', () => {
    expect(slugify('Crème Brûlée à Zürich')).toBe('creme-brulee-a-zurich')
    expect(slugify('Straße in Łódź, Ærø and Søborg')).toBe('strasse-in-lodz-aero-and-soborg')
  })

  it(`are cut at a word boundary, at most ${MAX_SLUG_LENGTH} characters`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i}`)
    const full = words.join('-')
    const slug = slugify(words.join(' '))
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH)
    expect(full.startsWith(`${slug}-`)).toBe(true)
    // The last boundary that fits: one more word would not.
    expect(full.indexOf('-', slug.length + 1)).toBeGreaterThan(MAX_SLUG_LENGTH)
  })

  it('of a title with no Latin letter fall back to the document id', () => {
    const id = '72d115a42cfb6283'
    expect(slugify('평양 박물관 개관')).toBe('')
    const slug = assignSlugs([request(id, '평양 박물관 개관')], new Map()).get(id)
    expect(slug).toBe(id)
    expect(SlugSchema.safeParse(slug).success).toBe(true)
  })

  it('are unique for documents with the same title; the older keeps the plain slug', () => {
    const slugs = assignSlugs(
      [request('bbbb2222bbbb2222', 'Budget approved', '2026-04-28T00:00:00Z'), request('aaaa1111aaaa1111', 'Budget approved')],
      new Map(),
    )
    expect(slugs.get('aaaa1111aaaa1111')).toBe('budget-approved')
    expect(slugs.get('bbbb2222bbbb2222')).not.toBe('budget-approved')
    expect(SlugSchema.safeParse(slugs.get('bbbb2222bbbb2222')).success).toBe(true)
  })

  it('do not move when other documents are added or removed (assignSlugs)', () => {
    const a = request('aaaa1111aaaa1111', 'Budget approved', '2026-04-27T00:00:00Z')
    const b = request('bbbb2222bbbb2222', 'Budget approved', '2026-04-28T00:00:00Z')
    const first = assignSlugs([a, b], new Map())
    // An older newcomer with the same title would take the plain slug if slugs were recomputed.
    const older = request('cccc3333cccc3333', 'Budget approved', '2026-01-01T00:00:00Z')
    const added = assignSlugs([a, b, older], first)
    expect(added.get(a.id)).toBe(first.get(a.id))
    expect(added.get(b.id)).toBe(first.get(b.id))
    expect(new Set(added.values()).size).toBe(3)
    const removed = assignSlugs([b], added)
    expect(removed.get(b.id)).toBe(first.get(b.id))
  })

  it('do not move when other documents are added or removed (the seed planner)', async () => {
    const now = '2026-05-01T00:00:00Z'
    const documents = [1, 2, 3].map((n) => datedDocument(n, { title: 'Budget approved' }))
    const slugsOf = (plan: Plan) => new Map(plannedFeed(plan).articles.map((article) => [article.id, article.slug]))
    const first = await planFirstSeed(documents, now)
    const before = slugsOf(first)
    const [oldest, middle, newest] = documents
    // Older than every other, so recomputed slugs would hand it the plain one.
    const newcomer = datedDocument(0, { title: 'Budget approved' })
    const second = await planSeed([newcomer, middle, newest], stateAfterFirstSeed(first), now)
    const after = slugsOf(second)
    expect(after.get(middle.id)).toBe(before.get(middle.id))
    expect(after.get(newest.id)).toBe(before.get(newest.id))
    expect(after.has(oldest.id)).toBe(false)
    expect(new Set(after.values()).size).toBe(3)
    // The removed document's key goes, unless an article of this very seed now lives there.
    const deleted = second.steps.flatMap((step) => step.deletes)
    for (const slug of after.values()) expect(deleted).not.toContain(articleKey(slug))
  })
})

describe('summaries', () => {
  const word = (i: number) => ['harbour', 'ships', 'storm', 'repairs', 'council', 'a', 'extraordinarily'][i % 7]
  const longParagraph = Array.from({ length: 120 }, (_, i) => word(i)).join(' ')
  const longestWord = Math.max(...longParagraph.split(' ').map((w) => w.length))

  it('are the first paragraph when it is short', async () => {
    const article = await toStoredArticle(
      datedDocument(1, { paragraphs: ['Short & sweet.', longParagraph] }),
      'slug',
      '2026-05-01T00:00:00Z',
    )
    expect(article.summary).toBe('Short & sweet.')
  })

  it(`cut a long first paragraph at a word boundary near ${SUMMARY_LENGTH} characters`, async () => {
    const article = await toStoredArticle(datedDocument(1, { paragraphs: [longParagraph, 'Second.'] }), 'slug', '2026-05-01T00:00:00Z')
    expect(article.summary.endsWith('…')).toBe(true)
    const kept = article.summary.slice(0, -1)
    expect(longParagraph.startsWith(kept)).toBe(true)
    expect(longParagraph[kept.length]).toBe(' ')
    expect(kept.length).toBeLessThanOrEqual(SUMMARY_LENGTH)
    expect(kept.length).toBeGreaterThan(SUMMARY_LENGTH - longestWord - 1)
  })

  it('never split a character made of two UTF-16 code units', () => {
    const summary = summarize('🦄'.repeat(SUMMARY_LENGTH * 2))
    expect(summary).toBe(`${'🦄'.repeat(SUMMARY_LENGTH)}…`)
  })
})
