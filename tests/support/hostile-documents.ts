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

/** The keys of the optional lines above `Published:` (issue 24). */
const OPTIONAL_KEY = /^(by|topics|summary|updated):/i

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
  // A last paragraph that begins with an optional line's key would be read as that line (document-lines below).
  .filter((d) => keptLines(d).length >= 2 && !/^published:/i.test(keptLines(d)[0]) && !OPTIONAL_KEY.test(keptLines(d).at(-1)!))

/**
 * Optional lines that must be refused, each holding hostile text: an empty value, a key given
 * twice in another case, eleven names, a name or topic or summary over its length (a line of
 * 100,000 characters among them), an `Updated:` that is no date or is before the publication.
 * Each is `[the lines, the line number the refusal names]`, below a title and one paragraph (lines 1–2).
 */
export const badLines = fc.oneof(
  fc.constantFrom('By:', 'Topics:', 'SUMMARY:  ', 'updated:').map((line) => [[line], 3] as const),
  fc
    .tuple(fc.constantFrom('By', 'Topics', 'Summary'), hostileText(4, textPiece))
    .map(([key, text]) => [[`${key}: x`, `${key.toUpperCase()}: ${text.replace(/[\r\n]/g, ' ')}`], 4] as const),
  fc
    .array(hostileText(3, textPiece), { minLength: 11, maxLength: 14 })
    .map((names) => [[`Topics: ${names.map((name, i) => `t${i}${name.replace(/[\r\n,]/g, ' ')}`).join(', ')}`], 3] as const),
  fc
    .tuple(fc.constantFrom('By: Jane Doe and ', 'Topics: ', 'Summary: '), longLine)
    .map(([key, text]) => [[`${key}x${text.replace(/[\r\n,]/g, ' ')}x`], 3] as const),
  hostileText(12, textPiece).map((text) => [[`Updated: ${text.replace(/[\r\n]/g, ' ')}x`], 3] as const),
  fc.constant([['Updated: 1989-12-31'], 3] as const),
)
