/**
 * Issue 24, "It must show": an article with a byline, topics and an Updated: line, as Debian's
 * Chromium shows it over the Worker as `npm start` serves it. The page must show all three, log
 * no error, and leave axe-core no serious or critical violation, light or dark. With
 * UPDATE_DOCS_SCREENSHOT=1 it is the README's picture, docs/article-byline.png. A reader who
 * follows a topic's or an author's link lands on its page, which lists the article and its feeds.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchArticles } from './support/articles'
import { collectErrors, launchChromium } from './support/chromium'
import * as inPage from './support/in-page'
import { startWorkerServer, type WorkerServer } from './support/worker-server'
import { EXAMPLE_DOCUMENT, EXAMPLE_TITLE } from './support/issue-example'

const DOCS_SCREENSHOT = new URL('../docs/article-byline.png', import.meta.url)
const COLOR_SCHEMES = ['light', 'dark'] as const

const TITLE = EXAMPLE_TITLE
const DOCUMENT = EXAMPLE_DOCUMENT

let dir: string
let worker: WorkerServer
let browser: Browser
let articleUrl: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'article-byline-'))
  await writeFile(join(dir, '001_00000000000000b1.txt'), `${DOCUMENT}\n`)
  worker = await startWorkerServer(dir)
  const article = (await fetchArticles(worker.url)).find((a) => a.title === TITLE)
  if (!article) throw new Error('the article is not served')
  articleUrl = article.url
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('an article with a byline, topics and an update, in Chromium', () => {
  it('shows them, logs no error, and axe-core finds nothing serious or critical', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 640 } })
    const errors = collectErrors(page)
    await page.goto(articleUrl)

    const byline = page.locator('article p.byline')
    expect(await byline.textContent()).toBe('By Jane Doe and Kim Min-jun')
    expect(await byline.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
      ['jane-doe', 'kim-min-jun'].map((slug) => `${worker.url}/authors/${slug}`),
    )
    const topics = page.getByRole('list', { name: 'Topics' })
    expect(await topics.getByRole('link').allTextContents()).toEqual(['North Korea', 'Russia', 'Museums'])
    expect(await page.locator('article').textContent()).toContain('Published 27 April 2026 · Updated 28 April 2026 09:30 UTC')
    for (const element of [byline, topics]) expect(await element.isVisible()).toBe(true)

    // Evaluated through the DevTools protocol, so the page's own CSP (no inline script) stays as it is.
    await page.evaluate(await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))
    const found: Record<string, unknown> = {}
    for (const colorScheme of COLOR_SCHEMES) {
      await page.emulateMedia({ colorScheme })
      const { rulesPassed, violations } = await page.evaluate(inPage.seriousAxeViolations)
      expect(rulesPassed, `axe ran no rule, ${colorScheme}`).toBeGreaterThan(0)
      found[colorScheme] = violations
    }
    expect(found).toEqual({ light: [], dark: [] })

    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
      await page.emulateMedia({ colorScheme: 'light' })
      await page.screenshot({ path: fileURLToPath(DOCS_SCREENSHOT) })
    }
    expect(errors).toEqual([])
    await page.close()
  })

  it.each([
    ['a topic', 'Museums', '/topics/museums'],
    ['an author', 'Kim Min-jun', '/authors/kim-min-jun'],
  ])('follows %s link to its page, which lists the article and offers its feeds', async (_, name, path) => {
    const page = await browser.newPage()
    const errors = collectErrors(page)
    await page.goto(articleUrl)
    await page.locator('article').getByRole('link', { name, exact: true }).click()
    await page.waitForURL(`${worker.url}${path}`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name)
    expect(await page.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(articleUrl)
    const feeds = await page.locator('link[rel="alternate"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')))
    expect(feeds).toContain(`${worker.url}${path}/feed.xml`)
    expect(errors).toEqual([])
    await page.close()
  })
})
