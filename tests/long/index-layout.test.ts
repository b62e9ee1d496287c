/**
 * Paging while the archive changes (issue 11, items 1 and 2): random sequences
 * of new, backdated, scheduled, edited and deleted documents, each a re-seed
 * through the real planner into real local KV, interleaved with page reads.
 * A reader following the API's next_cursor, and one following the HTML pages'
 * "Older" links, each sees every article that existed throughout exactly once,
 * in the index's order, and never a scheduled one.
 */
import fc from 'fast-check'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ArticleList } from '../../src/api-schema'
import { newestFirst, type Position } from '../../src/shared/order'
import type { Document } from '../../src/shared/records'
import { toTimestamp } from '../../src/shared/timestamp'
import { datedDocument } from '../support/documents'
import { callWorker } from '../support/entry'
import { ORIGIN } from '../support/http'
import { restoreKv } from '../support/kv-snapshot'
import { kv, seedDocuments } from '../support/seed'

type Change =
  | { kind: 'add'; count: number }
  | { kind: 'backdate'; pick: number }
  | { kind: 'schedule' }
  | { kind: 'edit'; pick: number }
  | { kind: 'delete'; pick: number }
type Step = { kind: 'read' } | Change

const change: fc.Arbitrary<Change> = fc.oneof(
  // Up to three pages' worth at once: the head seals pages between two reads.
  fc.record({ kind: fc.constant('add' as const), count: fc.integer({ min: 1, max: 70 }) }),
  fc.record({ kind: fc.constant('backdate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('schedule' as const) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
)
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'read' as const }), weight: 2 },
  { arbitrary: change, weight: 1 },
)

/** The archive as the test knows it: documents by id, and each article's slug. */
class Archive {
  readonly documents = new Map<string, Document>()
  readonly idOfSlug = new Map<string, string>()
  /** Ids deleted, moved in time, or added since the readers started: not required exactly once. */
  readonly unsettled = new Set<string>()
  readonly scheduled = new Set<string>()
  #next = 0

  constructor(count: number) {
    for (let i = 0; i < count; i++) this.#add(datedDocument(this.#next++))
  }

  #add(doc: Document) {
    this.documents.set(doc.id, doc)
    this.idOfSlug.set(doc.title.toLowerCase().replaceAll(' ', '-'), doc.id)
  }

  #pick(n: number): Document | undefined {
    const live = [...this.documents.values()].filter((doc) => !this.scheduled.has(doc.id))
    return live.length === 0 ? undefined : live[n % live.length]
  }

  apply(c: Change) {
    if (c.kind === 'add') {
      for (let i = 0; i < c.count; i++) {
        const doc = datedDocument(this.#next++)
        this.unsettled.add(doc.id)
        this.#add(doc)
      }
    } else if (c.kind === 'backdate') {
      const before = this.#pick(c.pick)
      if (!before) return
      // An hour before an existing article: inside an archived page's range, or the head's.
      const doc = datedDocument(this.#next++, { published_at: toTimestamp(new Date(Date.parse(before.published_at) - 3_600_000)) })
      this.unsettled.add(doc.id)
      this.#add(doc)
    } else if (c.kind === 'schedule') {
      const doc = datedDocument(this.#next++, { published_at: toTimestamp(new Date(Date.now() + 30 * 86_400_000)) })
      this.unsettled.add(doc.id)
      this.scheduled.add(doc.id)
      this.#add(doc)
    } else if (c.kind === 'edit') {
      const doc = this.#pick(c.pick)
      if (doc) this.documents.set(doc.id, { ...doc, title: `${doc.title} (corrected)`, paragraphs: [...doc.paragraphs, 'Corrected.'] })
    } else {
      const doc = this.#pick(c.pick)
      if (!doc) return
      this.documents.delete(doc.id)
      this.unsettled.add(doc.id)
    }
  }

  position(slug: string): Position {
    const id = this.idOfSlug.get(slug)
    const doc = id === undefined ? undefined : (this.documents.get(id) ?? deleted.get(id))
    if (!id || !doc) throw new Error(`a reader saw ${slug}, which this test never made`)
    return { published_at: doc.published_at, id }
  }
}

/** Documents as they were when deleted, so a page read before the delete still places them. */
const deleted = new Map<string, Document>()

/** A reader of one kind of pagination: the slugs of its next page, or null when it has reached the end. */
type Reader = { next(): Promise<string[] | null> }

function apiReader(limit: number): Reader {
  let url: string | null = `${ORIGIN}/api/articles?limit=${limit}`
  return {
    async next() {
      if (url === null) return null
      const response = await callWorker(new Request(url))
      expect(response.status).toBe(200)
      const body = (await response.json()) as ArticleList
      url = body.next_cursor === null ? null : `${ORIGIN}/api/articles?limit=${limit}&cursor=${body.next_cursor}`
      return body.items.map((item) => item.slug)
    },
  }
}

function htmlReader(): Reader {
  let url: string | null = `${ORIGIN}/`
  return {
    async next() {
      if (url === null) return null
      const response = await callWorker(new Request(url))
      expect(response.status).toBe(200)
      const html = await response.text()
      url = /<a href="([^"]+)" rel="next"/.exec(html)?.[1] ?? null
      return [...html.matchAll(/<h2><a href="[^"]*\/articles\/([a-z0-9-]+)">/g)].map((match) => match[1])
    },
  }
}

async function clearStore() {
  await restoreKv(kv(), new Map())
}

beforeEach(clearStore)

describe('paging while the archive changes', () => {
  it('shows every article that existed throughout exactly once, in order, to API and HTML readers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 30, max: 130 }),
        fc.integer({ min: 1, max: 100 }),
        fc.array(step, { minLength: 3, maxLength: 14 }),
        async (initial, limit, steps) => {
          await clearStore()
          deleted.clear()
          const archive = new Archive(initial)
          await seedDocuments([...archive.documents.values()])
          const readers = { api: apiReader(limit), html: htmlReader() }
          const seen: Record<keyof typeof readers, string[]> = { api: [], html: [] }
          const read = async () => {
            for (const name of ['api', 'html'] as const) seen[name].push(...((await readers[name].next()) ?? []))
          }
          await read()
          for (const s of steps) {
            if (s.kind === 'read') await read()
            else {
              for (const doc of archive.documents.values()) deleted.set(doc.id, doc)
              archive.apply(s)
              await seedDocuments([...archive.documents.values()])
            }
          }
          for (const name of ['api', 'html'] as const) {
            for (let page = await readers[name].next(); page !== null; page = await readers[name].next()) seen[name].push(...page)
          }

          const throughout = [...archive.documents.keys()].filter((id) => !archive.unsettled.has(id))
          for (const name of ['api', 'html'] as const) {
            const ids = seen[name].map((slug) => archive.position(slug).id)
            expect(new Set(ids).size, `${name}: an article seen twice`).toBe(ids.length)
            const positions = seen[name].map((slug) => archive.position(slug))
            const outOfOrder = positions.slice(1).filter((p, i) => newestFirst(positions[i], p) >= 0)
            expect(outOfOrder, `${name}: out of order`).toEqual([])
            const missing = throughout.filter((id) => !ids.includes(id))
            expect(missing, `${name}: articles that existed throughout, never seen`).toEqual([])
            expect(
              ids.filter((id) => archive.scheduled.has(id)),
              `${name}: scheduled articles shown`,
            ).toEqual([])
          }
        },
      ),
      { numRuns: 25 },
    )
  }, 600_000)
})
