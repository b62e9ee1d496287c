/**
 * What a plan costs (writes, deletes, bytes), as `npm run seed -- --dry-run`
 * prints it: a dry run never makes an article's value, yet sizes it to the byte
 * the real run sends, in every script; the totals are the steps' sums.
 */
import { describe, expect, it } from 'vitest'
import { EMPTY_STATE } from '../scripts/publish/manifest'
import { planSeed } from '../scripts/publish/plan'
import { planCost } from '../scripts/publish/plan-cost'
import { stateAfterFirstSeed } from './support/plan'
import { datedDocument, datedDocuments } from './support/documents'

const NOW = '2026-11-01T00:00:00Z'
const DOCUMENTS = [
  ...datedDocuments(30),
  datedDocument(40, {
    title: 'Ünïcödé & <markup>',
    paragraphs: ['Grüße aus Zürich — “quoted”.', '東京の天気は晴れ。', 'مرحبا بالعالم 🎉'],
  }),
]

describe('the cost of a plan', () => {
  it('counts every write and delete, and the UTF-8 bytes of each key and value', async () => {
    const plan = await planSeed(DOCUMENTS, EMPTY_STATE, NOW)
    const cost = planCost(plan)
    const puts = plan.steps.flatMap((step) => step.puts)
    expect(cost.writes).toBe(puts.length)
    expect(cost.deletes).toBe(plan.steps.reduce((n, step) => n + step.deletes.length, 0))
    expect(cost.bytes).toBe(puts.reduce((n, p) => n + Buffer.byteLength(p.key) + Buffer.byteLength(p.read()), 0))
    for (const field of ['writes', 'deletes', 'bytes'] as const) {
      expect(cost.steps.reduce((n, step) => n + step[field], 0)).toBe(cost[field])
    }
  })

  it('sizes a dry run exactly as the real run, without reading an article value', async () => {
    const real = await planSeed(DOCUMENTS, EMPTY_STATE, NOW)
    const dry = await planSeed(DOCUMENTS, EMPTY_STATE, NOW, { values: false })
    const articles = dry.steps.find((step) => step.name === 'articles')!.puts
    expect(articles.length).toBe(DOCUMENTS.length)
    expect(() => articles[0].read()).toThrow(/dry run/)
    expect(planCost(dry)).toEqual(planCost(real))
  })

  it('costs a delete and an edit only what they touch', async () => {
    const first = await planSeed(DOCUMENTS, EMPTY_STATE, NOW)
    const previous = stateAfterFirstSeed(first)
    const edited = DOCUMENTS.slice(1).map((doc, i) => (i === 0 ? { ...doc, paragraphs: ['An edited paragraph.'] } : doc))
    const cost = planCost(await planSeed(edited, previous, '2026-11-02T00:00:00Z'))
    expect(cost.steps.find((step) => step.name === 'articles')!.writes).toBe(1)
    expect(cost.steps.find((step) => step.name === 'deletes')!.deletes).toBe(1)
    expect(cost.writes).toBeGreaterThan(1)
    expect(cost.bytes).toBeGreaterThan(0)
  })
})
