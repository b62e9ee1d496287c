/**
 * Article answers the seed prepares (issue 12, the long tail). A miss answers
 * an article's JSON and HTML from the bytes stored with it, exactly what the
 * Worker would render, ETag included; answers made for another site, or a
 * value stored before prepared answers, are rendered from the record instead.
 */
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { slugify } from '../scripts/publish/document/slug'
import { answersFor } from '../scripts/cli/prepared-answers'
import { siteFor } from '../src/env'
import { isolateCache } from '../src/http/serve'
import { answersFingerprint, articleHtmlText, articleJsonText } from '../src/render/article-answers'
import { articleValue } from '../src/shared/article-value'
import { strongEtag } from '../src/shared/hash'
import { articleKey } from '../src/shared/keys'
import type { StoredArticle } from '../src/shared/records'
import { readArticleValue } from '../src/store/read'
import { datedDocuments } from './support/documents'
import { fetchPath, ORIGIN } from './support/http'
import { kv, seedDocuments } from './support/seed'

const documents = datedDocuments(3)
const slug = slugify(documents[1].title)
const site = siteFor(env, ORIGIN)
const KINDS = [
  { kind: 'json', path: `/api/articles/${slug}`, render: articleJsonText },
  { kind: 'html', path: `/articles/${slug}`, render: articleHtmlText },
] as const

let stored: string
let record: StoredArticle

beforeAll(async () => {
  await seedDocuments(documents)
  stored = (await kv().get(articleKey(slug)))!
  record = (await readArticleValue(kv(), slug))!.record()
})

/** The value replaced, and the next request a miss. */
async function store(value: string) {
  await kv().put(articleKey(slug), value)
  isolateCache.clear()
}

describe('an article answer the seed prepared', () => {
  it('is stored for this site, and is what the Worker renders, byte for byte, under the same ETag', async () => {
    const value = (await readArticleValue(kv(), slug))!
    expect(value.prepared?.for).toBe(await answersFingerprint(site))
    for (const { path, render } of KINDS) {
      isolateCache.clear()
      const response = await fetchPath(path)
      expect(response.status, path).toBe(200)
      const rendered = render(site, record)
      expect(await response.text(), path).toBe(rendered)
      expect(response.headers.get('etag'), path).toBe(await strongEtag(rendered))
      expect(response.headers.get('last-modified'), path).toBe(new Date(record.modified_at).toUTCString())
    }
  })

  it('is served as stored, with its own ETag, and not rendered again', async () => {
    const answers = await answersFor(site)
    const texts = { json: '{"prepared":"json"}', html: '<!DOCTYPE html><title>prepared</title>' }
    const measure = async (text: string) => ({ bytes: new TextEncoder().encode(text).length, etag: await strongEtag(`x${text}`) })
    const measured = { for: answers.fingerprint, json: await measure(texts.json), html: await measure(texts.html) }
    await store(articleValue(record, { measured, ...texts }))
    try {
      for (const { kind, path } of KINDS) {
        const response = await fetchPath(path)
        expect(await response.text(), path).toBe(texts[kind])
        expect(response.headers.get('etag'), path).toBe(measured[kind].etag)
      }
    } finally {
      await store(stored)
    }
  })

  it('made for another site is not served: the article is rendered for this one', async () => {
    const elsewhere = siteFor(env, 'https://elsewhere.example')
    const answers = await answersFor(elsewhere)
    const texts = { json: answers.json(record), html: answers.html(record) }
    const measure = async (text: string) => ({ bytes: new TextEncoder().encode(text).length, etag: await strongEtag(text) })
    const measured = { for: answers.fingerprint, json: await measure(texts.json), html: await measure(texts.html) }
    await store(articleValue(record, { measured, ...texts }))
    try {
      for (const { path, render } of KINDS) {
        const body = await (await fetchPath(path)).text()
        expect(body, path).toBe(render(site, record))
        expect(body, path).not.toContain('elsewhere.example')
      }
    } finally {
      await store(stored)
    }
  })

  it('absent from a value stored before prepared answers (the record alone): the article is rendered', async () => {
    await store(JSON.stringify(record))
    try {
      for (const { path, render } of KINDS) {
        const response = await fetchPath(path)
        expect(response.status, path).toBe(200)
        expect(await response.text(), path).toBe(render(site, record))
      }
    } finally {
      await store(stored)
    }
  })
})
