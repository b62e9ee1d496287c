/**
 * Issue 4, "It must show": our cards on another site, in a real browser.
 * A publisher's page on another origin embeds one card pasted from /oembed
 * and one written as a blockquote that embed.js upgrades.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleSummary } from '../src/api-schema'
import { fetchArticles } from './support/articles'
import { collectErrors, launchChromium } from './support/chromium'
import { startHostServer, type HostServer } from './support/host-server'
import * as inPage from './support/in-page'
import { HOSTILE_TITLES, writeSiteDocuments, type DocumentsDir } from './support/site-documents'
import { startWorkerServer, type WorkerServer } from './support/worker-server'

const ARTIFACTS = new URL('../artifacts/', import.meta.url)
const DOCS_SCREENSHOT = new URL('../docs/card.png', import.meta.url)
const WIDTHS = [375, 1100]
/** Both sides round heights to whole pixels. */
const ROUNDING_PX = 2
const HEIGHT_MESSAGE = 'article-embed:height'
const CARD_FRAMES = 'iframe[data-article-embed-frame]'

let documents: DocumentsDir
let worker: WorkerServer
let host: HostServer
let browser: Browser
/** The long-titled article embedded through oEmbed, and a short one through the blockquote. */
let pasted: ArticleSummary
let quoted: ArticleSummary
/** The articles whose title and text try to inject markup. */
let hostile: ArticleSummary[]

const hostPage = (body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A publisher</title><link rel="icon" href="data:,"></head><body><h1>A publisher</h1>${body}</body></html>`

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)

const blockquote = (article: ArticleSummary) =>
  `<blockquote data-article-embed><a href="${article.url}">${escapeHtml(article.title)}</a></blockquote>`

/** The maxheight a consumer asks for in the oEmbed case below: less than the long-titled card's height. */
const MAX_HEIGHT = 150

async function oembedHtml(article: ArticleSummary, params: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${worker.url}/oembed?${new URLSearchParams({ url: article.url, ...params })}`)
  return ((await response.json()) as { html: string }).html
}

beforeAll(async () => {
  documents = await writeSiteDocuments()
  worker = await startWorkerServer(documents.dir)
  const articles = await fetchArticles(worker.url)
  pasted = articles.reduce((a, b) => (b.title.length > a.title.length ? b : a))
  quoted = articles.reduce((a, b) => (b.title.length < a.title.length ? b : a))
  hostile = articles.filter((article) => (HOSTILE_TITLES as readonly string[]).includes(article.title))
  const embedScript = `<script async src="${worker.url}/embed.js"></script>`
  host = await startHostServer({
    '/embeds': hostPage(`${await oembedHtml(pasted)}${blockquote(quoted)}${embedScript}`),
    '/frames': hostPage(
      `<iframe name="article" title="article" src="${pasted.url}"></iframe><iframe name="card" title="card" src="${worker.url}/embed/${pasted.slug}"></iframe>`,
    ),
    '/maxheight': hostPage(await oembedHtml(pasted, { maxheight: String(MAX_HEIGHT) })),
    '/hostile': hostPage(
      `${(await Promise.all(hostile.map((article) => oembedHtml(article)))).join('')}${hostile.map(blockquote).join('')}${embedScript}`,
    ),
  })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await host?.stop()
  await worker?.stop()
  await documents?.remove()
})

/** Each test's browser contexts, closed after it whether it passed or not. */
const contexts: BrowserContext[] = []
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})

async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options)
  contexts.push(context)
  return context
}

async function openPage(url: string, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await (await newContext(options)).newPage()
  const errors = collectErrors(page)
  await page.goto(url)
  return { page, errors }
}

async function cardFrames(page: Page): Promise<Frame[]> {
  const frames = await Promise.all((await page.$$(CARD_FRAMES)).map((iframe) => iframe.contentFrame()))
  return frames.filter((frame): frame is Frame => frame !== null)
}

const cardLayout = (frame: Frame) => frame.evaluate(inPage.cardLayout)

/** Waits until embed.js has sized all `count` card frames to their cards: no empty band, nothing cut off. */
async function fittedCards(page: Page, count = 2) {
  const fits = async () =>
    (await Promise.all((await cardFrames(page)).map(cardLayout))).map((card) => Math.abs(card.frameHeight - card.cardHeight) <= ROUNDING_PX)
  await expect.poll(fits, { timeout: 20_000 }).toEqual(Array(count).fill(true))
  return Promise.all((await cardFrames(page)).map(cardLayout))
}

describe('cards on another origin', () => {
  for (const width of WIDTHS) {
    it(`render, show their titles and fit their frames at ${width} px, without errors`, async () => {
      await mkdir(ARTIFACTS, { recursive: true })
      const { page, errors } = await openPage(`${host.url}/embeds`, { viewport: { width, height: 900 } })
      const cards = await fittedCards(page)

      expect(cards.map((card) => card.title)).toEqual([pasted.title, quoted.title])
      expect(await Promise.all((await cardFrames(page)).map((frame) => frame.evaluate(inPage.overflowsWidth)))).toEqual([false, false])
      const [pastedFrame] = await page.$$(CARD_FRAMES)
      await pastedFrame.screenshot({ path: fileURLToPath(new URL(`card-${width}.png`, ARTIFACTS)) })
      if (width === Math.max(...WIDTHS) && process.env.UPDATE_DOCS_SCREENSHOT === '1') {
        await pastedFrame.screenshot({ path: fileURLToPath(DOCS_SCREENSHOT) })
      }
      expect(errors).toEqual([])

      const article = await openPage(pasted.url, { viewport: { width, height: 900 } })
      expect(await article.page.evaluate(inPage.overflowsWidth)).toBe(false)
      await article.page.screenshot({ path: fileURLToPath(new URL(`article-${width}.png`, ARTIFACTS)), fullPage: true })
    })
  }

  it('take a height only from the right card window, with its secret', async () => {
    const { page } = await openPage(`${host.url}/embeds`)
    await fittedCards(page)
    const [first, second] = await cardFrames(page)
    const secrets = await page.$$eval(CARD_FRAMES, (iframes) => iframes.map((iframe) => iframe.getAttribute('data-embed-secret') ?? ''))
    const before = await page.$$eval(CARD_FRAMES, (iframes) => iframes.map((iframe) => iframe.height))
    const height = Math.max(...before.map(Number)) * 2

    /** The card frames' heights once embed.js has handled `message` from `sender`. */
    async function heightsAfter(sender: Frame, message: { type: string; secret: string; height: number }) {
      await page.evaluate(inPage.armProbe, CARD_FRAMES)
      await sender.evaluate(inPage.postWithProbe, message)
      return page.evaluate(inPage.probedHeights)
    }

    // The host page's own origin, though with the right secret.
    expect(await heightsAfter(page.mainFrame(), { type: HEIGHT_MESSAGE, secret: secrets[0], height })).toEqual(before)
    // Our origin and the right window, a wrong secret.
    expect(await heightsAfter(first, { type: HEIGHT_MESSAGE, secret: secrets[0].replace(/./g, '0'), height })).toEqual(before)
    // Our origin and a real secret, but another card's window.
    expect(await heightsAfter(second, { type: HEIGHT_MESSAGE, secret: secrets[0], height })).toEqual(before)
    // The control: the right window with its own secret is obeyed.
    expect(await heightsAfter(first, { type: HEIGHT_MESSAGE, secret: secrets[0], height })).toEqual([String(height), before[1]])
  })
})

describe('a card pasted from oEmbed with maxheight', () => {
  it(`stays within it once embed.js has sized it (oEmbed 1.0 section 2.3.4): at most ${MAX_HEIGHT} px`, async () => {
    const { page, errors } = await openPage(`${host.url}/maxheight`, { viewport: { width: 1100, height: 900 } })
    // embed.js has adopted the frame: the card in it knows its secret, so it posts its height.
    const adopted = async () => (await cardFrames(page))[0]?.evaluate<boolean>("location.hash.startsWith('#secret=')") ?? false
    await expect.poll(adopted, { timeout: 20_000 }).toBe(true)
    const [card] = await cardFrames(page)
    // The card is taller than the consumer allows, so embed.js would grow the frame past it unclamped.
    expect((await cardLayout(card)).cardHeight).toBeGreaterThan(MAX_HEIGHT)
    // The card posts its height again, then the probe: messages from one window arrive in order.
    await page.evaluate(inPage.armProbe, CARD_FRAMES)
    await card.evaluate("dispatchEvent(new Event('resize')); parent.postMessage('probe', '*')")
    const [height] = await page.evaluate(inPage.probedHeights)
    expect(Number(height)).toBeLessThanOrEqual(MAX_HEIGHT)
    expect(await page.$eval(CARD_FRAMES, (iframe) => iframe.getBoundingClientRect().height)).toBeLessThanOrEqual(MAX_HEIGHT)
    expect(errors).toEqual([])
  })
})

describe('framing', () => {
  it('lets any origin frame the card, and no other origin frame an article page', async () => {
    const [articleResponse, cardResponse] = await Promise.all([fetch(pasted.url), fetch(`${worker.url}/embed/${pasted.slug}`)])
    expect(articleResponse.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(articleResponse.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(cardResponse.headers.get('content-security-policy')).toContain('frame-ancestors *')
    expect(cardResponse.headers.get('x-frame-options')).toBeNull()

    const { page, errors } = await openPage(`${host.url}/frames`)
    const card = page.frame({ name: 'card' })!
    expect(await card.locator('h1').textContent()).toBe(pasted.title)
    const article = page.frame({ name: 'article' })!
    expect(article.url()).not.toBe(pasted.url)
    expect(await article.locator('h1', { hasText: pasted.title }).count()).toBe(0)
    expect(errors.join('\n')).toMatch(/frame-ancestors 'self'/)
  })
})

describe('without JavaScript', () => {
  it('the pasted card and the blockquote still show the title and link', async () => {
    // Wide enough for the width oEmbed estimated the height at.
    const { page } = await openPage(`${host.url}/embeds`, {
      javaScriptEnabled: false,
      viewport: { width: Math.max(...WIDTHS), height: 900 },
    })
    const card = (await cardFrames(page))[0]
    const link = card.locator('h1 a')
    expect(await link.textContent()).toBe(pasted.title)
    expect(await link.getAttribute('href')).toBe(pasted.url)
    expect(await link.isVisible()).toBe(true)
    // oEmbed's estimated height holds the whole card.
    const layout = await cardLayout(card)
    expect(layout.cardHeight).toBeLessThanOrEqual(layout.frameHeight)

    const quote = page.locator('blockquote[data-article-embed] a')
    expect(await quote.textContent()).toBe(quoted.title)
    expect(await quote.getAttribute('href')).toBe(quoted.url)
    expect(await quote.isVisible()).toBe(true)
  })

  it('the card page on its own shows the title and link', async () => {
    const { page } = await openPage(`${worker.url}/embed/${quoted.slug}`, { javaScriptEnabled: false })
    const link = page.locator('h1 a')
    expect(await link.textContent()).toBe(quoted.title)
    expect(await link.getAttribute('href')).toBe(quoted.url)
    expect(await link.getAttribute('target')).toBe('_blank')
  })
})

describe('article text that looks like script', () => {
  it('is shown as text and never runs, on the index, the article pages, the cards and a host page', async () => {
    expect(hostile.map((article) => article.title).sort()).toEqual([...HOSTILE_TITLES].sort())
    // Tall enough that no lazy card frame stays unloaded below the fold.
    const context = await newContext({ viewport: { width: 800, height: 2400 } })
    const dialogs: string[] = []
    const visit = async (url: string) => {
      const page = await context.newPage()
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        return dialog.dismiss()
      })
      await page.goto(url)
      return page
    }

    const index = await visit(`${worker.url}/`)
    const listed = await index.locator('ol.articles h2').allTextContents()
    for (const title of HOSTILE_TITLES) expect(listed).toContain(title)
    for (const article of hostile) {
      expect(await (await visit(article.url)).locator('h1').textContent()).toBe(article.title)
      expect(await (await visit(`${worker.url}/embed/${article.slug}`)).locator('h1').textContent()).toBe(article.title)
    }
    const embedding = await visit(`${host.url}/hostile`)
    await fittedCards(embedding, hostile.length * 2)
    for (const page of context.pages()) {
      for (const frame of page.frames()) expect(await frame.locator('a[href^="javascript:" i], [onerror]').count()).toBe(0)
    }
    expect(dialogs).toEqual([])
  })
})
