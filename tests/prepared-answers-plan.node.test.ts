/**
 * The article answers a seed prepares (issue 12, the long tail), in Node with
 * the Worker's own renderers: each article written holds its JSON and HTML
 * answers and their ETags; an unchanged re-seed writes nothing; answers for
 * another site rewrite every article and date none; a seed without answers
 * that writes an article leaves the next seed with answers to make them all.
 * The store is a map standing in for KV (tests/prepared-answers.test.ts serves
 * the result in workerd).
 */
import { describe, expect, it } from 'vitest'
import { answersFor } from '../scripts/cli/prepared-answers'
import { generateDocument, seedHash } from '../scripts/corpus/corpus'
import { parseDocument } from '../scripts/publish/document/parse'
import { EMPTY_STATE, readPreviousState } from '../scripts/publish/manifest'
import { type AnswerSource, type Plan, planSeed } from '../scripts/publish/plan'
import { seed } from '../scripts/publish/seed-run'
import type { Site } from '../src/env'
import { ArticleHeaderSchema, splitArticleValue } from '../src/shared/article-value'
import { strongEtag } from '../src/shared/hash'
import { articleKey } from '../src/shared/keys'
import type { Document } from '../src/shared/records'
import { recordIn } from './support/article-value'
import { datedDocuments } from './support/documents'
import { mapTarget } from './support/upload-targets'

const SITE: Site = {
  url: 'https://news.example',
  name: 'The Harbour Gazette',
  description: 'News of the harbour.',
  language: 'en',
  color: '#0b57d0',
  publisher: { name: 'The Harbour Gazette' },
  author: { type: 'Organization', name: 'The Harbour Gazette' },
  hubs: [],
}
const slugOf = (doc: Document) => doc.title.toLowerCase().replace(/ /g, '-')
const articleKeys = (plan: Plan) => plan.steps[0].puts.map((put) => put.key)
const docs = datedDocuments(4)

/** The answers stored with an article, as text, and the fingerprint and ETags the header gives them. */
function storedAnswers(value: string) {
  const { header, body } = splitArticleValue(new TextEncoder().encode(value))
  const { prepared } = ArticleHeaderSchema.parse(header)
  const text = ([start, end]: readonly [number, number, ...unknown[]]) => new TextDecoder().decode(body.subarray(start, end))
  return (
    prepared && { for: prepared.for, json: text(prepared.json), html: text(prepared.html), etags: [prepared.json[2], prepared.html[2]] }
  )
}

describe('a seed with prepared answers', () => {
  const store = new Map<string, string>()
  const seeded = (documents: Document[], now: string, answers?: AnswerSource) => seed(documents, mapTarget(store), { now, answers })

  it("stores each article with the Worker's JSON and HTML answers and their ETags", async () => {
    const answers = await answersFor(SITE)
    await seeded(docs, '2026-06-01T12:00:00Z', answers)
    for (const doc of docs) {
      const value = store.get(articleKey(slugOf(doc)))!
      const record = recordIn(value)
      const stored = storedAnswers(value)!
      expect(stored.for).toBe(answers.fingerprint)
      expect(stored.json).toBe(answers.json(record))
      expect(stored.html).toBe(answers.html(record))
      expect(stored.etags).toEqual([await strongEtag(stored.json), await strongEtag(stored.html)])
      expect(JSON.parse(stored.json)).toMatchObject({ slug: slugOf(doc), url: `${SITE.url}/articles/${slugOf(doc)}` })
    }
    expect(readPreviousState(store).index.answers).toBe(answers.fingerprint)
  })

  it('writes nothing again for the same documents and the same site', async () => {
    const plan = await seeded(docs, '2026-06-02T12:00:00Z', await answersFor(SITE))
    expect(plan.steps.flatMap((step) => step.puts)).toEqual([])
  })

  it("rewrites every article, and dates none, when the site's settings change", async () => {
    const dates = docs.map((doc) => recordIn(store.get(articleKey(slugOf(doc)))!).modified_at)
    const renamed = await answersFor({ ...SITE, name: 'The Harbour Times' })
    const plan = await seeded(docs, '2026-06-03T12:00:00Z', renamed)
    expect(plan.summary).toMatchObject({ updated: docs.length, unchanged: 0 })
    expect(articleKeys(plan).sort()).toEqual(docs.map((doc) => articleKey(slugOf(doc))).sort())
    for (const doc of docs) {
      const value = store.get(articleKey(slugOf(doc)))!
      expect(storedAnswers(value)?.for).toBe(renamed.fingerprint)
      expect(storedAnswers(value)?.html).toContain('The Harbour Times')
    }
    expect(docs.map((doc) => recordIn(store.get(articleKey(slugOf(doc)))!).modified_at)).toEqual(dates)
  })

  it('after a seed without answers wrote an article, makes every answer again', async () => {
    const edited = docs.map((doc, i) => (i === 0 ? { ...doc, paragraphs: ['Edited without answers.'] } : doc))
    const plan = await seeded(edited, '2026-06-04T12:00:00Z')
    expect(articleKeys(plan)).toEqual([articleKey(slugOf(docs[0]))])
    expect(storedAnswers(store.get(articleKey(slugOf(docs[0])))!)).toBeUndefined()
    expect(readPreviousState(store).index.answers).toBeNull()

    const answers = await answersFor(SITE)
    const again = await seeded(edited, '2026-06-05T12:00:00Z', answers)
    expect(again.summary).toMatchObject({ updated: docs.length })
    for (const doc of docs) expect(storedAnswers(store.get(articleKey(slugOf(doc)))!)?.for).toBe(answers.fingerprint)
  })
})

describe("a dry run's size of prepared answers", () => {
  it('is within a fifth of what a seed writes, on generated articles', async () => {
    const documents: Document[] = []
    for (let i = 0; i < 200; i++) {
      const { fileName, text } = generateDocument(seedHash('answers-estimate'), i)
      const parsed = await parseDocument(fileName, new TextEncoder().encode(text))
      if (parsed.ok) documents.push(parsed.document)
    }
    const answers = await answersFor(SITE)
    const articleBytes = async (values: boolean) => {
      const plan = await planSeed(documents, EMPTY_STATE, '2026-06-01T12:00:00Z', { values, answers })
      return plan.steps[0].puts.reduce((n, put) => n + put.bytes(), 0)
    }
    const [estimated, written] = [await articleBytes(false), await articleBytes(true)]
    expect(documents.length).toBeGreaterThan(150)
    expect(Math.abs(estimated - written) / written).toBeLessThan(0.2)
  })
})
