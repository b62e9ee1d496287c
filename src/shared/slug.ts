/**
 * Shared contract, run by both the Worker and the publisher: the one folding of
 * text into a URL slug (lowercase ASCII, accents folded, anything else a hyphen),
 * for article titles and for the names of topics and authors (issue 24). The
 * Worker folds only AUTHOR_NAME, once per isolate; every other slug is made at
 * publish time and stored.
 */

export const MAX_SLUG_LENGTH = 80

// Letters that Unicode decomposition does not reduce to ASCII.
const FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
}

/** Lowercase, compatibility-decomposed, marks dropped, the letters above spelled out. */
const fold = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłþıħŀ]/g, (ch) => FOLDS[ch])

/** Folded text as ASCII words joined by single hyphens. */
const words = (folded: string): string => folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')

/** A slug cut at a word boundary within MAX_SLUG_LENGTH. */
function cut(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const head = slug.slice(0, MAX_SLUG_LENGTH + 1)
  const boundary = head.lastIndexOf('-')
  // A single 80-letter word has no boundary to cut at; cut it hard.
  return (boundary > 0 ? head.slice(0, boundary) : head.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '')
}

/** The slug a title asks for; empty when the title has no Latin letter or digit. */
export const slugify = (title: string): string => cut(words(fold(title)))

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK_64 = (1n << 64n) - 1n
const encoder = new TextEncoder()

/**
 * FNV-1a, 64 bits (draft-eastlake-fnv), in hex: synchronous, so the Worker can fold
 * AUTHOR_NAME while it settles its settings. Two names of one site share it about
 * once in 10^9 pairs at 10^5 names; they would then be one facet, nothing worse.
 */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET
  for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64
  return hash.toString(16).padStart(16, '0')
}

/**
 * A topic's or an author's slug (issue 24): the name folded as a title is, so
 * `North Korea` is `north-korea` and `Économie` is `economie`. A name has no id to
 * make its slug unique, as an article's has, so where folding loses part of it
 * (letters or digits outside Latin, as in `Корея` or `Kim 민준`, or a cut at 80
 * characters), a hash of the folded name, spaces collapsed, is added: stable,
 * and the same for spellings that differ only in case, accents or spacing.
 * Names with the same slug are one facet.
 */
export function facetSlug(name: string): string {
  const folded = fold(name).trim().replace(/\s+/g, ' ')
  const whole = words(folded)
  const base = cut(whole)
  if (base === whole && !/[\p{L}\p{N}]/u.test(folded.replace(/[a-z0-9]/g, ''))) return base
  const hash = fnv1a64(folded)
  return base ? `${base}-${hash}` : hash
}
