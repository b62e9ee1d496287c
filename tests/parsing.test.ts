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
import { facetSlug } from '../src/shared/slug'
import { DocumentIdSchema, DocumentSchema, SlugSchema, TimestampSchema, toPageEntry, type Document } from '../src/shared/records'
import { articleValue } from '../src/shared/article-value'
import { isEmpty, planSeed, type Plan } from '../scripts/publish/plan'
import { standInImages } from './support/stand-in-images'
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

describe('the optional lines above "Published:" (issue 24)', () => {
  const withLines = (...lines: string[]) => [TITLE, ...PARAGRAPHS, ...lines, 'Published: April 27, 2026'].join('\n')
  const ISSUE_LINES = [
    'By: Jane Doe and Kim Min-jun',
    'Topics: North Korea, Russia, Museums',
    'Summary: A new museum in Pyongyang honours soldiers who died fighting for Russia.',
    'Updated: 2026-04-28T09:30:00Z',
  ]

  it('are read into the document, each field only when its line is there', async () => {
    expect(await documentOf(parseText(withLines(...ISSUE_LINES)))).toStrictEqual({
      id: (await documentOf(parseText(CANONICAL))).id,
      title: TITLE,
      paragraphs: PARAGRAPHS,
      published_at: '2026-04-27T00:00:00Z',
      authors: ['Jane Doe', 'Kim Min-jun'],
      topics: ['North Korea', 'Russia', 'Museums'],
      summary: 'A new museum in Pyongyang honours soldiers who died fighting for Russia.',
      updated_at: '2026-04-28T09:30:00Z',
    })
    expect(await documentOf(parseText(withLines('Topics: Economy')))).toStrictEqual({
      ...(await documentOf(parseText(CANONICAL))),
      topics: ['Economy'],
    })
  })

  it('come in any order, their keys in any case, and make the same document', async () => {
    const expected = await documentOf(parseText(withLines(...ISSUE_LINES)))
    const shuffled = [ISSUE_LINES[3], ISSUE_LINES[1], ISSUE_LINES[0], ISSUE_LINES[2]].map((line, i) =>
      i % 2
        ? line.toUpperCase().slice(0, line.indexOf(':')) + line.slice(line.indexOf(':'))
        : line.toLowerCase().slice(0, line.indexOf(':')) + line.slice(line.indexOf(':')),
    )
    const document = await documentOf(parseText(withLines(...shuffled)))
    expect(document).toStrictEqual(expected)
    expect(Object.keys(document)).toEqual(Object.keys(expected))
  })

  it.each([
    ['Jane Doe', ['Jane Doe']],
    ['Jane Doe and Kim Min-jun', ['Jane Doe', 'Kim Min-jun']],
    ['A. Smith, B. Jones and C. Lee', ['A. Smith', 'B. Jones', 'C. Lee']],
    ['A. Smith, B. Jones, and C. Lee', ['A. Smith', 'B. Jones', 'C. Lee']],
    ['Andrea Anderson,  Sandra Land', ['Andrea Anderson', 'Sandra Land']],
  ])('"By: %s" names %j', async (written, authors) => {
    expect((await documentOf(parseText(withLines(`By: ${written}`)))).authors).toEqual(authors)
  })

  it('end at any other line, which is a paragraph: a last paragraph beginning "Note:" stays one', async () => {
    const note = 'Note: an earlier version misspelt the museum.'
    const document = await documentOf(parseText(withLines('By: Jane Doe', note, 'Summary: Short.')))
    expect(document.paragraphs).toEqual([...PARAGRAPHS, 'By: Jane Doe', note])
    expect(document).toMatchObject({ summary: 'Short.' })
    expect(document).not.toHaveProperty('authors')
    expect((await documentOf(parseText(withLines(note)))).paragraphs).toEqual([...PARAGRAPHS, note])
  })

  it('never take the title or the first paragraph: a document of those alone reads as before', async () => {
    const document = await documentOf(parseText(`${TITLE}\nBy: the harbour master\nPublished: April 27, 2026`))
    expect(document.paragraphs).toEqual(['By: the harbour master'])
    expect(document).not.toHaveProperty('authors')
  })

  it('"Updated:" takes every form "Published:" does, and may be the publication itself', async () => {
    for (const [written, instant] of [
      ['April 28, 2026', '2026-04-28T00:00:00Z'],
      ['28 April 2026', '2026-04-28T00:00:00Z'],
      ['2026-04-28T11:30:00+02:00', '2026-04-28T09:30:00Z'],
      ['2026-04-27', '2026-04-27T00:00:00Z'],
    ])
      expect((await documentOf(parseText(withLines(`Updated: ${written}`)))).updated_at).toBe(instant)
  })

  it('"Updated:" may be the seed\'s clock to the second, not later', async () => {
    const text = withLines('Updated: 2026-05-01T12:00:00Z')
    expect(await documentOf(parseDocument('story.txt', encode(text), '2026-05-01T12:00:00Z'))).toMatchObject({
      updated_at: '2026-05-01T12:00:00Z',
    })
    expect(await reasonOf(parseDocument('story.txt', encode(text), '2026-05-01T11:59:59Z'))).toMatch(
      /^line 4 "Updated: 2026-05-01T12:00:00Z": in the future/,
    )
  })

  const names = (n: number, length = 8) => Array.from({ length: n }, (_, i) => `${'n'.repeat(length - 2)}${String(i).padStart(2, '0')}`)

  it.each([
    ['an empty "By:"', withLines('By:   '), 4, /an empty value/],
    ['an empty "Topics:"', withLines('Topics:'), 4, /an empty value/],
    ['an empty "Summary:"', withLines('Summary: '), 4, /an empty value/],
    ['an empty "Updated:"', withLines('Updated:'), 4, /an empty value/],
    ['a repeated key, in another case', withLines('By: Jane Doe', 'Topics: Ports', 'BY: Kim Min-jun'), 6, /a second "BY:" line/],
    ['an empty name', withLines('By: Jane Doe, , Kim Min-jun'), 4, /an empty name/],
    ['an empty topic', withLines('Topics: Ports,'), 4, /an empty name/],
    ['11 authors', withLines(`By: ${names(11).join(', ')}`), 4, /more than 10 names \(11\)/],
    ['11 topics', withLines(`Topics: ${names(11).join(', ')}`), 4, /more than 10 names \(11\)/],
    ['an author of 101 characters', withLines(`By: Jane Doe and ${'é'.repeat(101)}`), 4, /a name of 101 characters, over 100/],
    ['a topic of 61 characters', withLines(`Topics: Ports, ${'t'.repeat(61)}`), 4, /a topic of 61 characters, over 60/],
    ['a summary of 301 characters', withLines(`Summary: ${'s'.repeat(301)}`), 4, /a summary of 301 characters, over 300/],
    ['an unparseable "Updated:"', withLines('Updated: the next morning'), 4, /an unrecognised or impossible date/],
    ['an impossible "Updated:"', withLines('Updated: April 31, 2026'), 4, /an unrecognised or impossible date/],
    ['an "Updated:" before "Published:"', withLines('Updated: 2026-04-26T23:59:59Z'), 4, /before the publication \(2026-04-27T00:00:00Z\)/],
  ])('refuse %s, naming the line', async (_, text, line, reason) => {
    const why = await reasonOf(parseText(text))
    expect(why).toMatch(new RegExp(`^line ${line} "`))
    expect(why).toMatch(reason)
    expect(why).not.toMatch(/\n/)
  })

  it('count lines as the file does, blank ones too', async () => {
    expect(await reasonOf(parseText(withLines('', 'Topics:').replace('\n', '\n\n')))).toMatch(/^line 6 "Topics:"/)
  })

  it('hold at the limits: 10 names, 100 and 60 characters, a 300-character summary', async () => {
    const document = await documentOf(
      parseText(withLines(`By: ${names(10, 100).join(', ')}`, `Topics: ${names(10, 60).join(', ')}`, `Summary: ${'s'.repeat(300)}`)),
    )
    expect(DocumentSchema.parse(document)).toStrictEqual(document)
    expect([document.authors?.length, document.topics?.length, document.summary?.length]).toEqual([10, 10, 300])
  })
})

describe('documents without the optional lines (issue 24)', () => {
  // Made by the code before the lines existed: a document written then is stored, hashed and listed exactly as it was.
  const TEXT =
    'Harbour reopens after storm\nShips returned on Monday, Montréal & 서울.\nNote: repairs cost less than feared.\nPublished: April 27, 2026\n'
  const BEFORE = {
    document:
      '{"id":"72d115a42cfb6283","title":"Harbour reopens after storm","paragraphs":["Ships returned on Monday, Montréal & 서울.","Note: repairs cost less than feared."],"published_at":"2026-04-27T00:00:00Z"}',
    value:
      '{"published_at":"2026-04-27T00:00:00Z","modified_at":"2026-04-27T00:00:00Z","record":[0,458]}\n{"id":"72d115a42cfb6283","title":"Harbour reopens after storm","published_at":"2026-04-27T00:00:00Z","summary":"Ships returned on Monday, Montréal & 서울.","word_count":13,"reading_time_minutes":1,"slug":"harbour-reopens-after-storm","content_hash":"e91a410a30826ed00326c9db80b1bd9cb8ee54d3fb35433351f7dd57d6559588","modified_at":"2026-04-27T00:00:00Z","paragraphs":["Ships returned on Monday, Montréal & 서울.","Note: repairs cost less than feared."]}',
    pageEntry:
      '{"id":"72d115a42cfb6283","slug":"harbour-reopens-after-storm","title":"Harbour reopens after storm","summary":"Ships returned on Monday, Montréal & 서울.","published_at":"2026-04-27T00:00:00Z","modified_at":"2026-04-27T00:00:00Z"}',
  }

  it('parse, store and list byte for byte as before', async () => {
    const document = await documentOf(parseText(TEXT, '000_72d115a42cfb6283.txt'))
    expect(JSON.stringify(document)).toBe(BEFORE.document)
    const stored = await toStoredArticle(document, 'harbour-reopens-after-storm', '2026-04-27T00:00:00Z')
    expect(articleValue(stored)).toBe(BEFORE.value)
    expect(JSON.stringify(toPageEntry(stored))).toBe(BEFORE.pageEntry)
  })

  it('re-seeded, write nothing', async () => {
    const now = '2026-05-01T00:00:00Z'
    const documents = await Promise.all([1, 2, 3].map((n) => documentOf(parseText(TEXT.replace('Monday', `day ${n}`), `${n}.txt`))))
    const first = await planFirstSeed(documents, now)
    const again = await planSeed(documents, stateAfterFirstSeed(first), '2026-05-02T00:00:00Z', { images: standInImages })
    expect(isEmpty(again)).toBe(true)
  })
})

describe('facet slugs: topics and authors (issue 24)', () => {
  it('fold as article slugs do', () => {
    expect(facetSlug('North Korea')).toBe('north-korea')
    expect(facetSlug('Économie')).toBe('economie')
    expect(facetSlug('  Straße  in Łódź ')).toBe('strasse-in-lodz')
  })

  it('are one for spellings that fold alike', () => {
    expect(new Set(['North Korea', 'north korea', 'NORTH-KOREA', 'North  Korea']).size).toBe(4)
    expect(new Set(['North Korea', 'north korea', 'NORTH-KOREA', 'North  Korea'].map(facetSlug))).toEqual(new Set(['north-korea']))
  })

  it('of a name without Latin letters are a stable hash of it, the same in any case', () => {
    const slug = facetSlug('Корея')
    expect(slug).toMatch(/^[0-9a-f]{16}$/)
    expect(facetSlug('КОРЕЯ')).toBe(slug)
    expect(facetSlug('Япония')).not.toBe(slug)
    expect(facetSlug('경제')).toMatch(/^[0-9a-f]{16}$/)
  })

  it('keep what folding loses apart: a name partly in another script, a name cut at 80 characters', () => {
    expect(facetSlug('Kim 민준')).toMatch(/^kim-[0-9a-f]{16}$/)
    expect(facetSlug('Kim 민준')).not.toBe(facetSlug('Kim 민수'))
    const long = (end: string) => `${'word '.repeat(18)}${end}`
    expect(facetSlug(long('alpha'))).not.toBe(facetSlug(long('omega')))
    for (const name of ['Корея', 'Kim 민준', long('alpha'), 'North Korea']) expect(SlugSchema.safeParse(facetSlug(name)).success).toBe(true)
  })
})

describe('what the seed stores of the optional lines (issue 24)', () => {
  const lined = (changes: Partial<Document>) => datedDocument(7, changes)

  it("authors and topics with their slugs, a line's names that fold alike once (the first spelling)", async () => {
    const stored = await toStoredArticle(
      lined({ authors: ['Jane Doe', 'Kim Min-jun'], topics: ['Économie', 'economie', 'Корея'] }),
      's',
      '2026-01-08T00:00:00Z',
    )
    expect(stored.authors).toEqual([
      { name: 'Jane Doe', slug: 'jane-doe' },
      { name: 'Kim Min-jun', slug: 'kim-min-jun' },
    ])
    expect(stored.topics).toEqual([
      { name: 'Économie', slug: 'economie' },
      { name: 'Корея', slug: facetSlug('Корея') },
    ])
  })

  it('"Summary:" instead of the derived summary', async () => {
    expect((await toStoredArticle(lined({ summary: 'Written by hand.' }), 's', '2026-01-08T00:00:00Z')).summary).toBe('Written by hand.')
  })

  it('a new content hash for each line changed', async () => {
    const hashes = await Promise.all(
      [{}, { authors: ['A'] }, { authors: ['B'] }, { topics: ['A'] }, { summary: 'A' }, { updated_at: '2026-02-01T00:00:00Z' }].map(
        async (changes) => (await toStoredArticle(lined(changes), 's', '2026-01-08T00:00:00Z')).content_hash,
      ),
    )
    expect(new Set(hashes).size).toBe(hashes.length)
  })

  it('"Updated:" as the article\'s modified date, in its record, its page entry and the feed', async () => {
    const updated = '2026-03-01T10:00:00Z'
    const plan = await planFirstSeed([lined({ updated_at: updated, authors: ['Jane Doe'] })], '2026-05-01T00:00:00Z')
    const [article] = plannedFeed(plan).articles
    expect(article).toMatchObject({ modified_at: updated, updated_at: updated, authors: [{ name: 'Jane Doe', slug: 'jane-doe' }] })
    // An edit stored later keeps the date its line gives, not the seed's.
    const edited = lined({ updated_at: updated, authors: ['Jane Doe'], paragraphs: ['Corrected.'] })
    const second = await planSeed([edited], stateAfterFirstSeed(plan), '2026-05-02T00:00:00Z', { images: standInImages })
    expect(plannedFeed(second).articles[0]).toMatchObject({ modified_at: updated, paragraphs: ['Corrected.'] })
  })
})
