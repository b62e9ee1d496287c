/**
 * The preview image's layout, as a node tree for the renderer: the site's name
 * over the title, the date under a rule; for the home page, the site's name
 * over its description. Pure: text in, nodes out. The text arrives prepared
 * (every grapheme drawable) and already cut to its lines (card-renderer.ts).
 */
import type { Node, TextNode } from '@takumi-rs/core'
import { PALETTE } from './palette'
import type { PreparedText } from './text'

/** 1.91:1 at the size Open Graph consumers ask for (Facebook, LinkedIn, X's summary_large_image). */
export const CARD = { width: 1200, height: 630 } as const

const PADDING = { x: 80, y: 56 } as const
const ACCENT_BAR = 16
/** The width every line of text is laid out in. */
export const TEXT_WIDTH = CARD.width - 2 * PADDING.x

export type TextStyle = { fontSize: number; fontWeight: 400 | 700; lineHeight: number; maxLines: number }

/**
 * Big enough to read in a thumbnail a quarter of the size: a short title gets
 * three lines of 80 px, a longer one four of 64 px; the space between the
 * site's name and the date holds either.
 */
export function titleStyle(title: string): TextStyle {
  return [...title].length <= 40
    ? { fontSize: 80, fontWeight: 700, lineHeight: 1.2, maxLines: 3 }
    : { fontSize: 64, fontWeight: 700, lineHeight: 1.2, maxLines: 4 }
}

export const SITE_NAME_STYLE: TextStyle = { fontSize: 34, fontWeight: 700, lineHeight: 1.3, maxLines: 1 }
export const DATE_STYLE: TextStyle = { fontSize: 32, fontWeight: 400, lineHeight: 1.3, maxLines: 1 }
export const HOME_NAME_STYLE: TextStyle = { fontSize: 88, fontWeight: 700, lineHeight: 1.15, maxLines: 2 }
export const DESCRIPTION_STYLE: TextStyle = { fontSize: 40, fontWeight: 400, lineHeight: 1.35, maxLines: 3 }

/** A block of text laid out in TEXT_WIDTH: measured alone to cut it, and placed in the card. */
export function textBlock(text: PreparedText, style: TextStyle, color: string = PALETTE.text): TextNode {
  return {
    type: 'text',
    text: text.text,
    dir: text.direction,
    style: {
      width: TEXT_WIDTH,
      color,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      lineHeight: style.lineHeight,
      textAlign: text.direction === 'rtl' ? 'right' : 'left',
      // CSS Text 3 §5.2: Korean breaks at spaces (keep-all); Chinese and Japanese between any two characters (normal).
      wordBreak: text.keepWords ? 'keep-all' : 'normal',
      // A backstop only: card-renderer.ts cuts the text at a word to fit maxLines.
      lineClamp: style.maxLines,
    },
  }
}

function frame(children: Node[]): Node {
  return {
    type: 'container',
    style: {
      width: CARD.width,
      height: CARD.height,
      display: 'flex',
      flexDirection: 'column',
      padding: `${PADDING.y}px ${PADDING.x}px`,
      borderTop: `${ACCENT_BAR}px solid ${PALETTE.accent}`,
      backgroundColor: PALETTE.background,
    },
    children,
  }
}

/** Whatever is placed in it sits in the middle of the space left between the top and bottom lines. */
const middle = (child: Node): Node => ({
  type: 'container',
  style: { flexGrow: 1, display: 'flex', alignItems: 'center' },
  children: [child],
})

export type ArticleCardText = { siteName: PreparedText; title: PreparedText; titleStyle: TextStyle; date: PreparedText }

export function articleCard({ siteName, title, titleStyle, date }: ArticleCardText): Node {
  const dateLine = textBlock(date, DATE_STYLE, PALETTE.muted)
  return frame([
    textBlock(siteName, SITE_NAME_STYLE, PALETTE.accent),
    middle(textBlock(title, titleStyle)),
    { ...dateLine, style: { ...dateLine.style, borderTop: `2px solid ${PALETTE.rule}`, paddingTop: 24 } },
  ])
}

export type SiteCardText = { name: PreparedText; description: PreparedText }

export function siteCard({ name, description }: SiteCardText): Node {
  return frame([
    middle({
      type: 'container',
      style: { display: 'flex', flexDirection: 'column', gap: 28 },
      children: [textBlock(name, HOME_NAME_STYLE, PALETTE.accent), textBlock(description, DESCRIPTION_STYLE, PALETTE.muted)],
    }),
  ])
}
