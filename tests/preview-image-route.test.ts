/**
 * The preview image routes in workerd over real local KV: /images/<slug>.png
 * serves the bytes the seed stored inside the article (stand-in PNGs here:
 * workerd cannot run the renderer) with a strong ETag, a 304 on
 * If-None-Match, long caching; 404 for an article stored without an image and
 * for a scheduled one; /images/site.png serves the site's. Pages, feeds and
 * JSON-LD name an image only where one is stored.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { isolateCache } from '../src/http/serve'
import { datedDocument, datedDocuments } from './support/documents'
import { fetchPath } from './support/http'
import { restoreKv } from './support/kv-snapshot'
import { kv, seedDocuments } from './support/seed'
import { standInImages, standInPng } from './support/stand-in-images'

const [withImage, editedLater, ...rest] = datedDocuments(3)
const scheduled = datedDocument(5000, { title: 'Not out yet' })
const slugOf = (title: string) => title.toLowerCase().replace(/ /g, '-')

const get = (path: string, headers?: Record<string, string>) => fetchPath(path, { headers })
const bytes = async (response: Response) => new Uint8Array(await response.arrayBuffer())

beforeAll(async () => {
  await restoreKv(kv(), new Map())
  await seedDocuments([withImage, editedLater, ...rest, scheduled], { images: standInImages })
  // Edited by a seed without images: stored again without one; the others keep theirs.
  await seedDocuments([withImage, { ...editedLater, paragraphs: ['Edited.'] }, ...rest, scheduled], { images: undefined })
})

describe("an article's preview image", () => {
  const path = `/images/${slugOf(withImage.title)}.png`

  it('is the PNG the seed stored, with a strong ETag, long caching and a 304 on If-None-Match', async () => {
    const response = await get(path)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toMatch(/max-age=86400/)
    const etag = response.headers.get('etag')!
    expect(etag).toMatch(/^"[^"]+"$/)
    expect(await bytes(response)).toEqual(standInPng(await standInImages.hashOf(withImage)))

    const again = await get(path, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('is 404 for an article stored without one, and its page names no image', async () => {
    const slug = slugOf(editedLater.title)
    expect((await get(`/images/${slug}.png`)).status).toBe(404)
    const page = await (await get(`/articles/${slug}`)).text()
    expect(page).not.toContain('og:image')
    expect(page).toContain('<meta name="twitter:card" content="summary"/>')
    expect(page).not.toMatch(/"image":/)
  })

  it('is 404 for a scheduled article, as the article is, and for no article at all', async () => {
    expect((await get(`/images/${slugOf(scheduled.title)}.png`)).status).toBe(404)
    expect((await get('/images/no-such-article.png')).status).toBe(404)
  })

  it('is named by the article page, the feeds and JSON-LD when stored', async () => {
    const slug = slugOf(withImage.title)
    const image = `/images/${slug}.png`
    const page = await (await get(`/articles/${slug}`)).text()
    expect(page).toContain(`<meta property="og:image" content="https://news.example${image}"/>`)
    expect(page).toMatch(/"image":\{"@type":"ImageObject"/)
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const text = await (await get(feed)).text()
      expect(text, feed).toContain(image)
      expect(text, feed).not.toContain(`/images/${slugOf(editedLater.title)}.png`)
    }
  })
})

describe("the site's preview image", () => {
  it('is served, and named by the home page', async () => {
    const response = await get('/images/site.png')
    expect(response.status).toBe(200)
    expect(await bytes(response)).toEqual(standInPng(standInImages.site))
    expect(await (await get('/')).text()).toContain('/images/site.png')
  })
})

describe('a retitled article', () => {
  it('changes its bytes and its ETag with the title', async () => {
    isolateCache.clear()
    const path = `/images/${slugOf(withImage.title)}.png`
    const before = (await get(path)).headers.get('etag')
    const retitled = { ...withImage, title: `${withImage.title}, retitled` }
    // (Which also draws the image of the article stored without one: so this runs last.)
    await seedDocuments([retitled, editedLater, ...rest, scheduled], { images: standInImages })
    // The slug stays: a published URL is kept.
    const after = await get(path)
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
    expect(await bytes(after)).toEqual(standInPng(await standInImages.hashOf(retitled)))
  })
})
