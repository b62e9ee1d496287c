/**
 * Issue 23, "It must show": a reader searches as a person does. In Debian's Chromium, over the
 * Worker as `npm start` serves it, the header's form on the home page and on an article page is
 * typed into and submitted; the browser must land on /search?q=… with the word marked in a
 * result, and nothing (the page's own CSP above all, whose form-action once blocked the form)
 * may log an error.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fetchArticles } from './support/articles'
import { collectErrors, launchChromium } from './support/chromium'
import { type DocumentsDir, writeSiteDocuments } from './support/site-documents'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

let documents: DocumentsDir
let worker: WorkerServer
let browser: Browser
let articleUrl: string
const contexts: BrowserContext[] = []

beforeAll(async () => {
  documents = await writeSiteDocuments()
  worker = await startWorkerServer(documents.dir)
  // The repository's seed document: its title names the museum the issue searched for.
  const articles = await fetchArticles(worker.url)
  const museum = articles.find((article) => /museum/i.test(article.title))
  if (!museum) throw new Error('the seed document about the museum is not served')
  articleUrl = museum.url
  browser = await launchChromium()
})

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  await documents?.remove()
})

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  const errors = collectErrors(page)
  await page.goto(url)
  return { page, errors }
}

/** Types `word` into the header's search box and presses its button, as a reader would. */
async function searchFromHeader(page: Page, word: string) {
  const form = page.locator('header form.search')
  await form.getByRole('searchbox', { name: 'Search the articles' }).fill(word)
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/search', { timeout: 10_000 }),
    form.getByRole('button', { name: 'Search' }).click(),
  ])
}

const marked = (page: Page) => page.locator('ol.articles mark').allTextContents()

describe('the header search form', () => {
  for (const [where, address] of [
    ['the home page', () => `${worker.url}/`],
    ['an article page', () => articleUrl],
  ] as const) {
    it(`on ${where} submits to /search and shows the word marked, with no console error`, async () => {
      const { page, errors } = await openPage(address())
      await searchFromHeader(page, 'museum')

      const landed = new URL(page.url())
      expect(landed.origin).toBe(worker.url)
      expect(landed.searchParams.get('q')).toBe('museum')
      expect((await marked(page)).map((text) => text.toLowerCase())).toContain('museum')
      // The results page keeps the query in its own form, so the reader can refine it.
      expect(await page.locator('header form.search input[name="q"]').inputValue()).toBe('museum')
      expect(errors).toEqual([])
    })
  }

  it('finds a word of the body only, marked in its snippet', async () => {
    const { page, errors } = await openPage(`${worker.url}/`)
    // "repairs" is in the harbour article's text, not its title.
    await searchFromHeader(page, 'repairs')

    expect(await page.locator('ol.articles h2').allTextContents()).toEqual(['Harbour reopens'])
    expect(await marked(page)).toContain('repairs')
    expect(errors).toEqual([])
  })
})
