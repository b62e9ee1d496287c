/**
 * The synthetic corpus generator: seeded and deterministic, documents the real
 * parser accepts with realistic lengths and dates over years, filed as a
 * newsroom's are (issue 24: a few prolific authors, a long tail of topics, some
 * summaries and updates), and the `npm run generate` command writing exactly
 * what the library makes.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type GeneratedDocument, generateDocument, PARAGRAPH_WORDS, PARAGRAPHS, seedHash, YEARS } from '../scripts/corpus/corpus'
import { readDocuments } from '../scripts/publish/read-documents'
import { writeCorpus } from '../scripts/corpus/write-corpus'
import { countWords } from '../scripts/publish/document/derive'
import { parseDocument } from '../scripts/publish/document/parse'
import { type Document, LINE_LIMITS } from '../src/shared/records'
import { facetSlug } from '../src/shared/slug'
import { nowTimestamp } from '../src/shared/timestamp'

const run = promisify(execFile)
const SEED = seedHash('generator test')
const COUNT = 1000
/** Documents parsed to read their optional lines back, and enough documents to measure how they are filed. */
const FILED = 2000
const MEASURED = 20_000

const corpus = (count: number, seed = SEED) => Array.from({ length: count }, (_, i) => generateDocument(seed, i))

/** Parsed as a seed reads them now: an `Updated:` line later than its clock is refused. */
async function parsedCorpus(count: number): Promise<Document[]> {
  const now = nowTimestamp()
  return Promise.all(
    corpus(count).map(async ({ fileName, text }) => {
      const result = await parseDocument(fileName, new TextEncoder().encode(text), now)
      if (!result.ok) throw new Error(`${fileName}: ${result.reason}`)
      return result.document
    }),
  )
}

/** Every file of a folder, by name. */
async function folder(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort()
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as const)))
}

describe('documents', () => {
  let documents: Document[]
  beforeAll(async () => {
    documents = await parsedCorpus(COUNT)
  })

  it('are the same for the same seed and differ for another', () => {
    const first = corpus(50)
    expect(corpus(50)).toEqual(first)
    const other = corpus(50, seedHash('another seed'))
    expect(other.filter((doc, i) => doc.text === first[i].text || doc.fileName === first[i].fileName)).toEqual([])
  })

  it('of a smaller corpus are the first documents of a larger one', () => {
    expect(corpus(100)).toEqual(corpus(300).slice(0, 100))
  })

  it('all parse, with distinct ids taken from their file names', () => {
    expect(documents).toHaveLength(COUNT)
    expect(new Set(documents.map((doc) => doc.id)).size).toBe(COUNT)
  })

  it(`have ${PARAGRAPHS.min}–${PARAGRAPHS.max} paragraphs of ${PARAGRAPH_WORDS.min}–${PARAGRAPH_WORDS.max} words, and use the whole range`, () => {
    const paragraphCounts = documents.map((doc) => doc.paragraphs.length)
    const wordCounts = documents.flatMap((doc) => doc.paragraphs.map((p) => countWords([p])))
    expect(Math.min(...paragraphCounts)).toBe(PARAGRAPHS.min)
    expect(Math.max(...paragraphCounts)).toBe(PARAGRAPHS.max)
    expect(Math.min(...wordCounts)).toBe(PARAGRAPH_WORDS.min)
    expect(Math.max(...wordCounts)).toBe(PARAGRAPH_WORDS.max)
  })

  it(`are published on dates spread over every year from ${YEARS.first} to ${YEARS.last}`, () => {
    const years = new Set(documents.map((doc) => Number(doc.published_at.slice(0, 4))))
    expect([...years].sort()).toEqual(Array.from({ length: YEARS.last - YEARS.first + 1 }, (_, i) => YEARS.first + i))
    expect(new Set(documents.map((doc) => doc.published_at)).size).toBeGreaterThan(COUNT * 0.9)
  })

  it('have titles that rarely repeat', () => {
    expect(new Set(documents.map((doc) => doc.title)).size).toBeGreaterThan(COUNT * 0.99)
  })
})

/** The share of documents for which `test` holds. */
const shareOf = (docs: readonly GeneratedDocument[], test: (doc: GeneratedDocument) => boolean) => docs.filter(test).length / docs.length

/** How many times each facet (by slug) is named, and the spellings it is named by. */
function facets(names: readonly string[]): Map<string, { count: number; spellings: Set<string> }> {
  const found = new Map<string, { count: number; spellings: Set<string> }>()
  for (const name of names) {
    const slug = facetSlug(name)
    const facet = found.get(slug) ?? { count: 0, spellings: new Set() }
    facet.count++
    facet.spellings.add(name)
    found.set(slug, facet)
  }
  return found
}

const authorsOf = (docs: readonly GeneratedDocument[]) => docs.flatMap((doc) => doc.filing.authors ?? [])
const topicsOf = (docs: readonly GeneratedDocument[]) => docs.flatMap((doc) => doc.filing.topics ?? [])
const OPTIONAL_LINE = /^(By|Topics|Summary|Updated):/

describe('documents filed as a newsroom files them', () => {
  let documents: Document[]
  let measured: GeneratedDocument[]
  beforeAll(async () => {
    documents = await parsedCorpus(FILED)
    measured = corpus(MEASURED)
  })

  it('carry, as the parser reads them at the seed’s clock, exactly the byline, topics, summary and update they were filed with', () => {
    const filed = measured.slice(0, FILED)
    documents.forEach(({ authors, topics, summary, updated_at }, i) => {
      expect({ authors, topics, summary, updated_at }, filed[i].fileName).toEqual(filed[i].filing)
    })
    // Each line is there to be read: the comparison above is not of empty filings.
    for (const field of ['authors', 'topics', 'summary', 'updated_at'] as const) {
      expect(documents.filter((doc) => doc[field] !== undefined).length, field).toBeGreaterThan(FILED / 10)
    }
  })

  it('are updated strictly after their publication, summarised within the limit, and file 1–3 authors and 1–4 topics', () => {
    for (const doc of documents) {
      if (doc.updated_at) expect(Date.parse(doc.updated_at), doc.id).toBeGreaterThan(Date.parse(doc.published_at))
      if (doc.summary) expect([...doc.summary].length).toBeLessThanOrEqual(LINE_LIMITS.summary)
    }
    const authorCounts = new Set(measured.map((doc) => doc.filing.authors?.length ?? 0))
    const topicCounts = new Set(measured.map((doc) => doc.filing.topics?.length ?? 0))
    expect([...authorCounts].sort()).toEqual([0, 1, 2, 3])
    expect([...topicCounts].sort()).toEqual([0, 1, 2, 3, 4])
  })

  it('have most articles by one author, some by two, a few by three written "A, B and C", and about 5 % without a byline', () => {
    const by = (n: number) => shareOf(measured, (doc) => (doc.filing.authors?.length ?? 0) === n)
    expect(by(1)).toBeGreaterThan(0.6)
    expect(by(2)).toBeGreaterThan(by(3))
    expect(by(3)).toBeGreaterThan(0)
    expect(by(0)).toBeGreaterThan(0.03)
    expect(by(0)).toBeLessThan(0.08)
    expect(measured.some((doc) => /^By: [^,\n]+, [^,\n]+ and [^,\n]+$/m.test(doc.text))).toBe(true)
  })

  it('carry a summary on about a third and an update on about 15 %', () => {
    const summarised = shareOf(measured, (doc) => doc.filing.summary !== undefined)
    const updated = shareOf(measured, (doc) => doc.filing.updated_at !== undefined)
    expect(summarised).toBeGreaterThan(0.28)
    expect(summarised).toBeLessThan(0.39)
    expect(updated).toBeGreaterThan(0.12)
    expect(updated).toBeLessThan(0.18)
  })

  it('have a few prolific authors: the most prolific and the top ten write far more than an even share', () => {
    const counts = [...facets(authorsOf(measured)).values()].map((facet) => facet.count).sort((a, b) => b - a)
    const total = counts.reduce((sum, n) => sum + n, 0)
    const even = total / counts.length
    expect(counts[0]).toBeGreaterThan(10 * even)
    expect(counts.slice(0, 10).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0.2 * total)
  })

  it('name more authors and topics the larger the corpus, with a long tail of topics behind a few sections', () => {
    const small = measured.slice(0, MEASURED / 10)
    expect(facets(authorsOf(measured)).size).toBeGreaterThan(facets(authorsOf(small)).size)
    expect(facets(topicsOf(measured)).size).toBeGreaterThan(facets(topicsOf(small)).size)
    const counts = [...facets(topicsOf(measured)).values()].map((facet) => facet.count).sort((a, b) => b - a)
    const total = counts.reduce((sum, n) => sum + n, 0)
    // The biggest sections hold a large share, yet most topics are named rarely.
    expect(counts.slice(0, 5).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0.25 * total)
    expect(counts.filter((n) => n < total / counts.length).length).toBeGreaterThan(counts.length / 2)
  })

  it('spell some facets two ways that fold to one slug, and name some without Latin letters (a hashed slug)', () => {
    for (const names of [authorsOf(measured), topicsOf(measured)]) {
      const found = [...facets(names).entries()]
      expect(found.some(([, facet]) => facet.spellings.size > 1)).toBe(true)
      expect(found.some(([slug]) => /^[0-9a-f]{16}$/.test(slug))).toBe(true)
    }
  })

  it('put their optional lines in varying orders, directly above Published:', () => {
    const orders = new Set<string>()
    const elsewhere: string[] = []
    for (const doc of measured) {
      const lines = doc.text.trimEnd().split('\n')
      const block = lines.filter((line) => OPTIONAL_LINE.test(line))
      if (lines.slice(-1 - block.length, -1).join('\n') !== block.join('\n')) elsewhere.push(doc.fileName)
      orders.add(block.map((line) => line.slice(0, line.indexOf(':'))).join(' '))
    }
    expect(elsewhere).toEqual([])
    // Four lines, each present or not, in any order: far more than one order per set of lines.
    expect(orders.size).toBeGreaterThan(2 ** 4)
  })
})

describe('npm run generate', () => {
  // `npm run generate` is `tsx scripts/generate.ts`: the same script through the same loader, without starting npm.
  const generate = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', ...args])
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'generate-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('writes the library corpus, file for file, and the seed reads all of it', async () => {
    const out = join(dir, 'cli')
    await generate('--count', '300', '--out', out, '--seed', 'generator test')
    const written = await folder(out)
    expect(written).toEqual(new Map(corpus(300).map((doc) => [doc.fileName, doc.text])))
    const { documents, errors } = await readDocuments(out)
    expect(errors).toEqual([])
    expect(documents).toHaveLength(300)
  })

  it('writes the same files on every run with the same seed', async () => {
    await writeCorpus({ count: 120, out: join(dir, 'a'), seed: 7 })
    await writeCorpus({ count: 120, out: join(dir, 'b'), seed: 7 })
    expect(await folder(join(dir, 'a'))).toEqual(await folder(join(dir, 'b')))
  })

  it('refuses a missing or non-positive count', async () => {
    await Promise.all(
      ['0', '-3', 'many'].map((count) =>
        expect(generate('--count', count, '--out', join(dir, 'never'))).rejects.toMatchObject({ code: 2 }),
      ),
    )
    await expect(readdir(join(dir, 'never'))).rejects.toThrow()
  })
})
