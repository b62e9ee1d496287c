/**
 * Text as a preview image can draw it: every grapheme either has real glyphs in
 * one family of the fallback chain or is left out (an emoji newer than the
 * emoji font, a script no family covers), so nothing is ever drawn as the
 * empty box of `.notdef`.
 */
import type { Fonts } from './fonts'

export type Direction = 'ltr' | 'rtl'

export type PreparedText = {
  text: string
  /** The families its graphemes are drawn with. */
  families: Set<string>
  direction: Direction
  /** Break lines only between words, not between syllables: Korean sets its words apart with spaces. */
  keepWords: boolean
}

const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
// Invisible by definition (Unicode 15.1 §5.21): the shaper consumes them (ZWJ in emoji
// sequences, variation selectors, bidi marks), so no font needs a glyph for them.
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
const SPACE = /^\s+$/u
// UAX #9 rules P2 and P3: a paragraph takes the direction of its first strong character.
// Letters stand in for the strong classes; these are the scripts whose letters are R or AL.
const FIRST_LETTER = /\p{L}/u
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u

export function prepareText(text: string, fonts: Fonts): PreparedText {
  const families = new Set<string>()
  let kept = ''
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (SPACE.test(segment)) {
      kept += ' '
      continue
    }
    const visible = [...segment].filter((ch) => !IGNORABLE.test(ch)).map((ch) => ch.codePointAt(0)!)
    const family = visible.length === 0 ? undefined : fonts.familyFor(visible)
    if (!family) continue
    families.add(family)
    kept += segment
  }
  const cleaned = withThaiWordBreaks(kept.replace(/ {2,}/g, ' ').trim())
  return { text: cleaned, families, direction: directionOf(cleaned), keepWords: HANGUL.test(cleaned) }
}

function directionOf(text: string): Direction {
  const first = FIRST_LETTER.exec(text)?.[0]
  return first && RIGHT_TO_LEFT.test(first) ? 'rtl' : 'ltr'
}

const HANGUL = /\p{Script=Hangul}/u
const THAI = /\p{Script=Thai}/u
const THAI_WORDS = new Intl.Segmenter('th', { granularity: 'word' })

/**
 * Thai is written without spaces between words, and the layout engine does not
 * find its word boundaries (they take a dictionary), so a long Thai title would
 * never wrap. ICU's segmenter finds them; a zero width space (UAX #14 class ZW)
 * marks each as a break opportunity.
 */
function withThaiWordBreaks(text: string): string {
  if (!THAI.test(text)) return text
  let out = ''
  for (const { segment } of THAI_WORDS.segment(text)) {
    if (out && THAI.test(out.at(-1)!) && THAI.test(segment[0])) out += '\u200b'
    out += segment
  }
  return out
}

const WORDS = new Intl.Segmenter(undefined, { granularity: 'word' })

/** Where the text may be cut at a word's end. */
export const wordEnds = (text: string): number[] =>
  [...WORDS.segment(text)].filter((s) => s.isWordLike).map((s) => s.index + s.segment.length)

/** Where it may be cut at all: after any grapheme (for a word too long for its lines). */
export const graphemeEnds = (text: string): number[] => [...GRAPHEMES.segment(text)].map((s) => s.index + s.segment.length)

/** The text up to a cut point, without the spaces and punctuation that would stand before an ellipsis. */
export const ellipsised = (text: string, cut: number): string => `${text.slice(0, cut).replace(/[\s\p{P}\u200b]+$/u, '')}…`
