/**
 * A text cut to a number of lines: as it is when it fits, else its first words
 * and an ellipsis, as many words as fit (or, for one word longer than the
 * lines, as many graphemes). How many lines a candidate takes is asked of the
 * layout engine, which alone knows the fonts' widths and where lines break.
 */
import { ellipsised, graphemeEnds, wordEnds } from './text'

/** How many lines a text takes when laid out. */
export type LineCounter = (text: string) => Promise<number>

export async function fitText(text: string, maxLines: number, linesOf: LineCounter): Promise<string> {
  const fits = async (candidate: string) => (await linesOf(candidate)) <= maxLines
  if (await fits(text)) return text
  for (const cuts of [wordEnds(text), graphemeEnds(text)]) {
    // More words never take fewer lines, so the last cut that fits is found by bisection.
    let [low, high, best] = [0, cuts.length - 1, -1]
    while (low <= high) {
      const middle = (low + high) >> 1
      if (await fits(ellipsised(text, cuts[middle]))) [best, low] = [middle, middle + 1]
      else high = middle - 1
    }
    if (best >= 0) return ellipsised(text, cuts[best])
  }
  return '…'
}
