/**
 * The synthetic corpus generator: seeded and deterministic, documents the real
 * parser accepts with realistic lengths and dates over years, and the
 * `npm run generate` command writing exactly what the library makes.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDocument, PARAGRAPH_WORDS, PARAGRAPHS, seedHash, YEARS } from '../scripts/corpus/corpus'
import { readDocuments } from '../scripts/publish/read-documents'
import { writeCorpus } from '../scripts/corpus/write-corpus'
import { countWords } from '../scripts/publish/document/derive'
import { parseDocument } from '../scripts/publish/document/parse'
import type { Document } from '../src/shared/records'

const run = promisify(execFile)
const SEED = seedHash('generator test')
const COUNT = 1000

const corpus = (count: number, seed = SEED) => Array.from({ length: count }, (_, i) => generateDocument(seed, i))

async function parsedCorpus(count: number): Promise<Document[]> {
  return Promise.all(
    corpus(count).map(async ({ fileName, text }) => {
      const result = await parseDocument(fileName, new TextEncoder().encode(text))
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

describe('npm run generate', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'generate-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('writes the library corpus, file for file, and the seed reads all of it', async () => {
    const out = join(dir, 'cli')
    await run('npx', ['tsx', 'scripts/generate.ts', '--count', '300', '--out', out, '--seed', 'generator test'])
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
    for (const count of ['0', '-3', 'many']) {
      await expect(run('npx', ['tsx', 'scripts/generate.ts', '--count', count, '--out', join(dir, 'never')])).rejects.toMatchObject({
        code: 2,
      })
    }
    await expect(readdir(join(dir, 'never'))).rejects.toThrow()
  })
})
