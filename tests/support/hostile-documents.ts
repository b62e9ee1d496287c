/**
 * Hostile documents as fast-check arbitraries: drafts of a title, paragraphs
 * and a real date whose lines are hostile text (tests/support/hostile-input.ts),
 * now and then a line of 100,000 characters, and most with one piece that may
 * hold characters XML or HTML forbid. tests/hostile-documents.test.ts seeds
 * them through the Worker; tests/feed-validator.node.test.ts validates their feeds.
 */
import fc from 'fast-check'
import { toTimestamp } from '../../src/shared/timestamp'
import { controlPiece, hostileText, textPiece } from './hostile-input'

export const LONG_LINE = 100_000

/** A line of about 100,000 characters: one unit repeated, hostile text either side. */
export const longLine = fc
  .tuple(hostileText(3, textPiece), fc.constantFrom('a', 'é', '& ', '<script>', '\u202E', '\u{1D49C}', ' '), hostileText(3, textPiece))
  .map(([head, unit, tail]) => head + unit.repeat(Math.ceil(LONG_LINE / unit.length)) + tail)

const line = fc.oneof({ arbitrary: hostileText(12, textPiece), weight: 24 }, { arbitrary: longLine, weight: 1 })

const EARLIEST = Date.UTC(1990, 0, 1) / 1000
// Dated up to a day ago: a document dated later is scheduled, and served nowhere until then (tests/scheduled.test.ts).
const LATEST = Math.floor(Date.now() / 1000) - 86_400

export type Draft = { title: string; paragraphs: string[]; published: string }

/** Most drafts (fc.option: four in five) get one piece that may hold forbidden characters, somewhere in one line. */
function withIntruder(lines: string[], intruder: { line: number; at: number; piece: string } | null): string[] {
  if (!intruder) return lines
  return lines.map((text, i) => {
    if (i !== intruder.line % lines.length) return text
    const chars = [...text] // never split a surrogate pair by accident
    const at = intruder.at % (chars.length + 1)
    return [...chars.slice(0, at), intruder.piece, ...chars.slice(at)].join('')
  })
}

/** The lines the format keeps of a draft: trimmed, blank ones dropped. */
export const keptLines = (draft: Draft) => [draft.title, ...draft.paragraphs].map((l) => l.trim()).filter((l) => l !== '')

/** Drafts that are documents apart from their characters: a title, a paragraph, a real date. */
export const draft = fc
  .record({
    lines: fc.array(line, { minLength: 2, maxLength: 5 }),
    intruder: fc.option(fc.record({ line: fc.nat(), at: fc.nat(), piece: controlPiece })),
    published: fc.integer({ min: EARLIEST, max: LATEST }).map((seconds) => toTimestamp(new Date(seconds * 1000))),
  })
  // CR and LF end a line in the seed format; anything else stays within it.
  .map(({ lines, intruder, published }): Draft => {
    const [title, ...paragraphs] = withIntruder(lines, intruder).map((text) => text.replace(/[\r\n]/g, ' '))
    return { title, paragraphs, published }
  })
  .filter((d) => keptLines(d).length >= 2 && !/^published:/i.test(keptLines(d)[0]))
