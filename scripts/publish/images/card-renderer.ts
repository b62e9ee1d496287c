/**
 * Draws preview images on the calling thread: one Takumi renderer (Rust: text
 * shaped, Arabic joined and Devanagari conjuncts formed, bidi, line breaking) with every font of the
 * chain registered once, then for each card: prepare its text, cut what is too
 * long at a word with an ellipsis, lay it out, encode a PNG.
 */
import { Renderer } from '@takumi-rs/core'
import {
  articleCard,
  CARD,
  DESCRIPTION_STYLE,
  HOME_NAME_STYLE,
  SITE_NAME_STYLE,
  siteCard,
  TEXT_WIDTH,
  type TextStyle,
  textBlock,
  titleStyle,
} from './card'
import { fitText } from './fit-text'
import { loadFonts } from './fonts'
import { humanDate } from './human-date'
import { type PreparedText, prepareText } from './text'

/** One image to draw: an article's, or the site's own (the home page's). */
export type CardJob =
  | { kind: 'article'; title: string; date: string; siteName: string }
  | { kind: 'site'; name: string; description: string }

/** `png` for use; `raw` (RGBA, row by row) for tests that look at pixels. */
export type CardFormat = 'png' | 'raw'

export type CardRenderer = { render(job: CardJob, format?: CardFormat): Promise<Uint8Array> }

export async function createCardRenderer(): Promise<CardRenderer> {
  const fonts = await loadFonts()
  const renderer = new Renderer()
  for (const { family, data, weight } of fonts.faces) await renderer.registerFont({ name: family, data, weight })

  // Only the families a card's text needs, in chain order: the ellipsis and the date are in the first.
  const familiesFor = (texts: PreparedText[]) => {
    const used = new Set(texts.flatMap(({ families }) => [...families]))
    return fonts.families.filter((family, i) => i === 0 || used.has(family))
  }

  /** The text cut to style.maxLines (fit-text.ts), measured as the card lays it out. */
  const fitted = async (text: PreparedText, style: TextStyle, fontFamilies: string[]): Promise<PreparedText> => ({
    ...text,
    text: await fitText(text.text, style.maxLines, async (candidate) => {
      // Clamped at one line more than allowed, a text that does not fit measures one line too tall.
      const node = textBlock({ ...text, text: candidate }, { ...style, maxLines: style.maxLines + 1 })
      const { height } = await renderer.measure(node, { width: TEXT_WIDTH, fontFamilies })
      return Math.round(height / (style.fontSize * style.lineHeight))
    }),
  })

  async function cardFor(job: CardJob) {
    if (job.kind === 'article') {
      const [siteName, title, date] = [
        prepareText(job.siteName, fonts),
        prepareText(job.title, fonts),
        prepareText(humanDate(job.date), fonts),
      ]
      const fontFamilies = familiesFor([siteName, title, date])
      const style = titleStyle(title.text)
      const text = {
        siteName: await fitted(siteName, SITE_NAME_STYLE, fontFamilies),
        title: await fitted(title, style, fontFamilies),
        titleStyle: style,
        date,
      }
      return { node: articleCard(text), fontFamilies }
    }
    const [name, description] = [prepareText(job.name, fonts), prepareText(job.description, fonts)]
    const fontFamilies = familiesFor([name, description])
    return {
      node: siteCard({
        name: await fitted(name, HOME_NAME_STYLE, fontFamilies),
        description: await fitted(description, DESCRIPTION_STYLE, fontFamilies),
      }),
      fontFamilies,
    }
  }

  return {
    async render(job, format = 'png') {
      const { node, fontFamilies } = await cardFor(job)
      // A copy that owns its memory, so a worker thread can transfer it.
      return new Uint8Array(await renderer.render(node, { ...CARD, format, fontFamilies }))
    },
  }
}
