/**
 * The code points a TrueType or OpenType font maps to a real glyph, read from
 * its `cmap` table (OpenType 1.9, "cmap — Character to Glyph Index Mapping
 * Table"): Unicode subtables of format 4 (the Basic Multilingual Plane) and 12
 * (every plane). A code point mapped to glyph 0, `.notdef`, is not covered:
 * that glyph is the empty box.
 */

const UNICODE_PLATFORMS = new Set([0, 3])

export function coveredCodePoints(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength)
  const cmap = tableOffset(view, 'cmap')
  const covered = new Set<number>()
  const subtables = view.getUint16(cmap + 2)
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8
    if (!UNICODE_PLATFORMS.has(view.getUint16(record))) continue
    const subtable = cmap + view.getUint32(record + 4)
    const format = view.getUint16(subtable)
    if (format === 4) readFormat4(view, subtable, covered)
    else if (format === 12) readFormat12(view, subtable, covered)
  }
  return covered
}

function tableOffset(view: DataView, tag: string): number {
  const tables = view.getUint16(4)
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16
    const name = String.fromCharCode(...[0, 1, 2, 3].map((k) => view.getUint8(record + k)))
    if (name === tag) return view.getUint32(record + 8)
  }
  throw new Error(`the font has no ${tag} table`)
}

/** Format 4, segment mapping to delta values: segments of the BMP, each with a delta or an index into glyphIdArray. */
function readFormat4(view: DataView, subtable: number, covered: Set<number>): void {
  const segments = view.getUint16(subtable + 6) / 2
  const ends = subtable + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const rangeOffsets = deltas + segments * 2
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + s * 2)
    const end = view.getUint16(ends + s * 2)
    const delta = view.getUint16(deltas + s * 2)
    const rangeOffset = view.getUint16(rangeOffsets + s * 2)
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff
      else {
        // The spec's idRangeOffset is relative to its own place in the idRangeOffset array.
        const index = view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2)
        glyph = index === 0 ? 0 : (index + delta) & 0xffff
      }
      if (glyph !== 0) covered.add(c)
    }
  }
}

/** Format 12, segmented coverage: groups of consecutive code points mapped to consecutive glyphs. */
function readFormat12(view: DataView, subtable: number, covered: Set<number>): void {
  const groups = view.getUint32(subtable + 12)
  for (let g = 0; g < groups; g++) {
    const group = subtable + 16 + g * 12
    const start = view.getUint32(group)
    const end = view.getUint32(group + 4)
    const firstGlyph = view.getUint32(group + 8)
    for (let c = start; c <= end; c++) if (firstGlyph + (c - start) !== 0) covered.add(c)
  }
}
