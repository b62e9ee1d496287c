/**
 * Link-preview images (issue 12, item 1): every script the documents may hold
 * draws with real glyphs, Arabic and Hebrew right to left and shaped, the
 * images are 1200×630 PNGs within 60 KB, and the input hash follows exactly
 * what the pixels show.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { humanDate as pageDate } from '../src/render/dates'
import { PAGE_STYLE } from '../src/render/layout'
import { CARD } from '../scripts/publish/images/card'
import { type CardRenderer, createCardRenderer } from '../scripts/publish/images/card-renderer'
import { type Fonts, loadFonts } from '../scripts/publish/images/fonts'
import { humanDate } from '../scripts/publish/images/human-date'
import { PALETTE } from '../scripts/publish/images/palette'
import {
  PREVIEW_IMAGE,
  previewImageInputHash,
  renderPreviewImages,
  renderSiteImage,
  siteImageInputHash,
} from '../scripts/publish/images/preview-images'
import { fitText } from '../scripts/publish/images/fit-text'
import { prepareText } from '../scripts/publish/images/text'

const SITE = { name: 'Edge Articles', description: 'News from the edge.' }
const DATE = '2026-04-27T09:30:00Z'

/** A headline in each script, and the family that must draw its letters. */
const TITLES = {
  latin: ['Zürich council approves the harbour plan after a long night', 'Noto Sans'],
  cyrillic: ['Городской совет одобрил план реконструкции порта', 'Noto Sans'],
  greek: ['Το δημοτικό συμβούλιο ενέκρινε το σχέδιο για το λιμάνι', 'Noto Sans'],
  hangul: ['서울시, 내년부터 대중교통 요금 인상 계획 발표', 'Noto Sans KR'],
  chinese: ['市议会批准港口重建计划', 'Noto Sans SC'],
  japanese: ['市議会が港の再建計画を承認した', 'Noto Sans SC'],
  arabic: ['الحكومة تعلن عن خطة جديدة لدعم الاقتصاد المحلي', 'Noto Sans Arabic'],
  hebrew: ['מועצת העיר אישרה את תוכנית שיקום הנמל', 'Noto Sans Hebrew'],
  devanagari: ['प्रधानमंत्री ने शिक्षा नीति की घोषणा की', 'Noto Sans'], // which has the Devanagari block
  thai: ['นายกรัฐมนตรีประกาศนโยบายเศรษฐกิจใหม่', 'Noto Sans Thai'],
  emoji: ['🎉🚀👍🏽👨‍👩‍👧🇫🇷', 'Noto Emoji'],
} as const

const LETTER = /[\p{L}\p{M}\p{Extended_Pictographic}]/u

/** Width and height from a PNG's IHDR chunk (PNG spec, 11.2.2), after checking the signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR')
  const view = new DataView(png.buffer, png.byteOffset)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

const collect = async (images: AsyncIterable<Uint8Array>) => {
  const all: Uint8Array[] = []
  for await (const image of images) all.push(image)
  return all
}

/** The columns, left and right, between which a band of rows has pixels other than the background's. */
function inkColumns(rgba: Uint8Array, rows: [number, number]): { left: number; right: number } {
  let [left, right]: number[] = [CARD.width, -1]
  for (let y = rows[0]; y < rows[1]; y++)
    for (let x = 0; x < CARD.width; x++) {
      const i = (y * CARD.width + x) * 4
      if (rgba[i] < 250 || rgba[i + 1] < 250 || rgba[i + 2] < 250) [left, right] = [Math.min(left, x), Math.max(right, x)]
    }
  return { left, right }
}

/** Between the site's name and the date: where a one-line title sits. */
const TITLE_ROWS: [number, number] = [180, 440]

let fonts: Fonts
let renderer: CardRenderer
const raw = (title: string) => renderer.render({ kind: 'article', title, date: DATE, siteName: SITE.name }, 'raw')

beforeAll(async () => {
  ;[fonts, renderer] = await Promise.all([loadFonts(), createCardRenderer()])
})

describe('every script draws with real glyphs', () => {
  it.each(Object.entries(TITLES))('%s: every grapheme has a glyph in the fallback chain, its letters in %s', (_, [title, family]) => {
    const prepared = prepareText(title, fonts)
    // Nothing left out (Thai gains zero width spaces between its words, nothing else)...
    expect(prepared.text.replaceAll('\u200b', '')).toBe(title)
    // ...and each letter found in its script's family, not merely in some font.
    for (const ch of title) if (LETTER.test(ch)) expect(fonts.familyFor([ch.codePointAt(0)!]), ch).toBe(family)
  })

  it('breaks Korean lines between words only, Chinese and Japanese between any characters', () => {
    expect(prepareText(TITLES.hangul[0], fonts).keepWords).toBe(true)
    expect(prepareText(TITLES.chinese[0], fonts).keepWords).toBe(false)
    expect(prepareText(TITLES.japanese[0], fonts).keepWords).toBe(false)
  })

  it('reads coverage from the fonts themselves: a script no family has is not covered', () => {
    expect(fonts.familyFor(['A'.codePointAt(0)!])).toBe('Noto Sans')
    expect(fonts.familyFor([0x12000])).toBeUndefined() // CUNEIFORM SIGN A
    expect(fonts.familyFor(['ع'.codePointAt(0)!, '한'.codePointAt(0)!])).toBeUndefined() // no one family has both
  })

  it('leaves out a character no font has, cleanly: the same image as without it, not an empty box', async () => {
    const [without, withCuneiform] = await Promise.all([raw('Markets rally as talks resume'), raw('Markets rally 𒀀 as talks resume')])
    expect(Buffer.compare(withCuneiform, without)).toBe(0)
  })

  it('draws emoji: an emoji changes the image', async () => {
    const [without, withEmoji] = await Promise.all([raw('Markets rally'), raw('Markets rally 🎉')])
    expect(Buffer.compare(withEmoji, without)).not.toBe(0)
  })

  it('draws every title: ink where the title goes', async () => {
    const blank = inkColumns(await raw(''), TITLE_ROWS)
    expect(blank.right).toBe(-1)
    for (const [title] of Object.values(TITLES)) expect(inkColumns(await raw(title), TITLE_ROWS).right, title).toBeGreaterThan(0)
  })
})

describe('right to left, and shaped', () => {
  // A zero width non-joiner between letters asks for their unjoined forms; it is invisible
  // and has no width, so only an engine that joins letters draws the two differently.
  const apart = (word: string) => [...word].join('\u200c')

  it('joins Arabic letters', async () => {
    const [joined, unjoined] = await Promise.all([raw('سلام عليكم'), raw(`${apart('سلام')} ${apart('عليكم')}`)])
    expect(Buffer.compare(joined, unjoined)).not.toBe(0)
  })

  it('forms Devanagari conjuncts', async () => {
    // क्ष is a conjunct; with ZWNJ after the virama it is written with a visible virama instead.
    const [conjunct, explicit] = await Promise.all([raw('शिक्षा'), raw('शिक्\u200cषा')])
    expect(Buffer.compare(conjunct, explicit)).not.toBe(0)
  })

  it.each([
    ['Arabic', 'سلام', 'سلام عليكم'],
    ['Hebrew', 'שלום', 'שלום עולם'],
  ])('sets %s from the right: the first word at the right edge, the next to its left', async (_, first, both) => {
    const [one, two] = await Promise.all([raw(first), raw(both)])
    const [oneInk, twoInk] = [inkColumns(one, TITLE_ROWS), inkColumns(two, TITLE_ROWS)]
    expect(oneInk.right).toBe(twoInk.right)
    expect(oneInk.right).toBeGreaterThan(CARD.width - 100)
    expect(twoInk.left).toBeLessThan(oneInk.left)
    // The first word is drawn in the same place, pixel for pixel, with or without the second.
    for (let y = TITLE_ROWS[0]; y < TITLE_ROWS[1]; y++) {
      const row = (image: Uint8Array) => image.subarray((y * CARD.width + oneInk.left) * 4, (y * CARD.width + oneInk.right + 1) * 4)
      expect(Buffer.compare(row(one), row(two))).toBe(0)
    }
  })

  it('sets a Latin title from the left', async () => {
    expect(inkColumns(await raw('Hello world'), TITLE_ROWS).left).toBeLessThan(100)
  })
})

describe('the images', () => {
  const long = (title: string) => Array.from({ length: 4 }, () => title).join(' ')

  it('are 1200×630 PNGs within 60 KB, long titles in every script, in the order asked', async () => {
    const titles = Object.values(TITLES).flatMap(([title]) => [title, long(title)])
    const images = await collect(
      renderPreviewImages(
        titles.map((title) => ({ title, date: DATE })),
        SITE,
      ),
    )
    expect(images).toHaveLength(titles.length)
    for (const [i, png] of images.entries()) {
      expect(pngSize(png), titles[i]).toEqual({ width: 1200, height: 630 })
      expect(png.byteLength, titles[i]).toBeLessThanOrEqual(60_000)
    }
    expect(PREVIEW_IMAGE).toEqual({ width: 1200, height: 630, type: 'image/png' })
    // In order: each is the image of its own title (the renderer on this thread draws the same bytes).
    const again = await renderer.render({ kind: 'article', title: titles[5], date: DATE, siteName: SITE.name })
    expect(Buffer.compare(images[5], again)).toBe(0)
  })

  it('include the site’s own, for the home page', async () => {
    const png = await renderSiteImage(SITE)
    expect(pngSize(png)).toEqual({ width: 1200, height: 630 })
    expect(png.byteLength).toBeLessThanOrEqual(60_000)
  })

  it('do not draw what does not fit: more words at the end of a long title change nothing', async () => {
    const title = 'The council met again tonight to discuss the harbour plan, and again it did not decide anything'.repeat(2)
    const [image, longer] = await Promise.all([raw(title), raw(`${title} and then some more`)])
    expect(Buffer.compare(image, longer)).toBe(0)
    expect(Buffer.compare(image, await raw(title.slice(0, 60)))).not.toBe(0)
  })

  it('refuse a date that is not RFC 3339', async () => {
    await expect(collect(renderPreviewImages([{ title: 'A title', date: 'April 27, 2026' }], SITE))).rejects.toThrow(/RFC 3339/)
  })
})

describe('a title too long for its lines', () => {
  // A stand-in for the layout engine: ten characters a line, broken anywhere.
  const tenALine = async (text: string) => Math.ceil([...text].length / 10)

  it('is kept whole when it fits', async () => {
    expect(await fitText('Short one', 1, tenALine)).toBe('Short one')
  })

  it('is cut after the last word that fits with an ellipsis, without the space or punctuation before it', async () => {
    expect(await fitText('Markets rally, then fall back', 2, tenALine)).toBe('Markets rally, then…')
    expect(await fitText('Rally, then fall', 1, tenALine)).toBe('Rally…')
  })

  it('is cut between graphemes when even its first word does not fit', async () => {
    expect(await fitText('Donaudampfschifffahrtsgesellschaft', 1, tenALine)).toBe('Donaudamp…')
    expect(
      await fitText('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 1, async (text) => Math.ceil([...new Intl.Segmenter().segment(text)].length / 3)),
    ).toBe('👨‍👩‍👧👨‍👩‍👧…')
  })

  it('is cut at words in scripts without spaces too', async () => {
    const thai = await fitText('นายกรัฐมนตรีประกาศนโยบายเศรษฐกิจใหม่', 1, tenALine)
    expect(['นายก…', 'นายกรัฐ…']).toContain(thai)
  })
})

describe('the input hash', () => {
  const input = { title: 'A title', date: DATE }

  it('changes with the title, the day and the site’s name', async () => {
    const base = await previewImageInputHash(input, SITE)
    expect(base).toMatch(/^[0-9a-f]{64}$/)
    expect(await previewImageInputHash({ ...input, title: 'Another title' }, SITE)).not.toBe(base)
    expect(await previewImageInputHash({ ...input, date: '2026-04-28T09:30:00Z' }, SITE)).not.toBe(base)
    expect(await previewImageInputHash(input, { ...SITE, name: 'Other Articles' })).not.toBe(base)
  })

  it('does not change otherwise: the same input, the description, another time on the same day', async () => {
    const base = await previewImageInputHash(input, SITE)
    expect(await previewImageInputHash({ ...input }, { ...SITE })).toBe(base)
    expect(await previewImageInputHash(input, { ...SITE, description: 'Something else.' })).toBe(base)
    expect(await previewImageInputHash({ ...input, date: '2026-04-27T23:59:59Z' }, SITE)).toBe(base)
  })

  it('for the site’s image, changes with its name and description', async () => {
    const base = await siteImageInputHash(SITE)
    expect(await siteImageInputHash({ ...SITE })).toBe(base)
    expect(await siteImageInputHash({ ...SITE, name: 'Other' })).not.toBe(base)
    expect(await siteImageInputHash({ ...SITE, description: 'Other.' })).not.toBe(base)
    expect(base).not.toBe(await previewImageInputHash({ title: SITE.name, date: DATE }, SITE))
  })
})

describe('what the image shares with the pages', () => {
  it('paints with the light colours of PAGE_STYLE', () => {
    const root = /:root\{([^}]*)\}/.exec(PAGE_STYLE)![1]
    const value = (name: string) => new RegExp(`--${name}:([^;]+)`).exec(root)![1]
    expect(PALETTE).toEqual({
      background: value('bg'),
      text: value('fg'),
      muted: value('muted'),
      accent: value('link'),
      rule: value('rule'),
    })
  })

  it.each(['2026-04-27T00:00:00Z', '2026-04-27T23:59:59Z', '2012-01-01T00:30:00Z', '2025-12-31T23:00:00Z'])(
    'shows %s as the article page does',
    (timestamp) => expect(humanDate(timestamp)).toBe(pageDate(timestamp)),
  )
})
