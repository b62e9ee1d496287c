/**
 * Our HTML is valid HTML (W3C Nu HTML Checker) and has no serious or
 * critical accessibility violations (axe-core in Chromium), light and dark.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { facetSlug } from '../src/shared/slug'
import { fetchArticles } from './support/articles'
import { launchChromium } from './support/chromium'
import * as inPage from './support/in-page'
import { EXAMPLE_DOCUMENT, EXAMPLE_FACETS, EXAMPLE_TITLE } from './support/issue-example'
import { nuErrors } from './support/nu-checker'
import { HOSTILE_TITLES, writeSiteDocuments, type DocumentsDir } from './support/site-documents'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

const COLOR_SCHEMES = ['light', 'dark'] as const
/** A page the checker must reject, so a checker that silently checks nothing fails the test. */
const INVALID_CONTROL = '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><li>x</body></html>'

let documents: DocumentsDir
let worker: WorkerServer
let browser: Browser
/** Name → URL of every kind of HTML page we serve. */
let pages: Record<string, string>

beforeAll(async () => {
  documents = await writeSiteDocuments()
  // Issue 24's example, with a byline and topics, so the site has a topic's and an author's pages.
  await writeFile(join(documents.dir, '104_00000000000000a4.txt'), EXAMPLE_DOCUMENT)
  worker = await startWorkerServer(documents.dir)
  const articles = await fetchArticles(worker.url)
  const plain = articles.find((article) => ![...HOSTILE_TITLES, EXAMPLE_TITLE].includes(article.title))!
  const hostile = articles.find((article) => article.title === HOSTILE_TITLES[0])!
  const filed = articles.find((article) => article.title === EXAMPLE_TITLE)!
  pages = {
    index: `${worker.url}/`,
    article: plain.url,
    'article with markup in its text': hostile.url,
    'article with a byline and topics': filed.url,
    card: `${worker.url}/embed/${plain.slug}`,
    'dark card': `${worker.url}/embed/${plain.slug}?theme=dark`,
    // No archive page, the site's or a facet's: sealing one takes 60 articles, and this site has five.
    topic: `${worker.url}/topics/${facetSlug(EXAMPLE_FACETS.topics[0])}`,
    author: `${worker.url}/authors/${facetSlug(EXAMPLE_FACETS.authors[0])}`,
    topics: `${worker.url}/topics`,
    authors: `${worker.url}/authors`,
    'not found': `${worker.url}/articles/no-such-article`,
  }
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await worker?.stop()
  await documents?.remove()
})

describe('HTML validity', () => {
  it('the Nu HTML Checker finds no error on any page', async () => {
    const answers = await Promise.all(Object.entries(pages).map(async ([name, url]) => [name, await fetch(url)] as const))
    // Each the page it is named for, not an error page in its place.
    const statuses = Object.fromEntries(answers.map(([name, response]) => [name, response.status]))
    expect(statuses).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, name === 'not found' ? 404 : 200])))
    const html = Object.fromEntries(await Promise.all(answers.map(async ([name, response]) => [name, await response.text()] as const)))
    const { control, ...errors } = await nuErrors({ ...html, control: INVALID_CONTROL })
    expect(control.length).toBeGreaterThan(0)
    expect(errors).toEqual(Object.fromEntries(Object.keys(pages).map((name) => [name, []])))
  })
})

describe('accessibility', () => {
  it(`axe-core finds no serious or critical violation on any page, ${COLOR_SCHEMES.join(' or ')}`, async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
    const page = await browser.newPage()
    const found: Record<string, unknown> = {}
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url)
      // Evaluated through the DevTools protocol, so the pages' own CSP (no inline script) stays as it is.
      await page.evaluate(axeSource)
      for (const colorScheme of COLOR_SCHEMES) {
        await page.emulateMedia({ colorScheme })
        const { rulesPassed, violations } = await page.evaluate(inPage.seriousAxeViolations)
        expect(rulesPassed, `axe ran no rule on ${name}`).toBeGreaterThan(0)
        found[`${name}, ${colorScheme}`] = violations
      }
    }
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((name) => [name, []])))
    await page.close()
  })
})
