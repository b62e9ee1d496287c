/**
 * What attackers and careless publishers send, as fast-check arbitraries:
 * markup that carries a probe (so an echo that stayed markup can be found in
 * any output), broken percent-encoding, NUL and other control characters,
 * lone surrogates, bidi controls, and arbitrary Unicode around them.
 */
import fc from 'fast-check'

/** Names no template uses: finding one in a response means input became markup. */
export const PROBE = { element: 'x-probe', attribute: 'onprobe', scheme: 'probe:' } as const

/** Text that is legal everywhere and dangerous where it is not escaped. */
export const MARKUP_FRAGMENTS = [
  `<${PROBE.element} ${PROBE.attribute}="1">`,
  `"><${PROBE.element}>`,
  `' ${PROBE.attribute}='x`,
  `${PROBE.scheme}alert(1)`,
  '<script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!--',
  '-->',
  ']]>',
  '<![CDATA[',
  '&#x0;',
  '&#0;',
  '&amp',
  '&lt;',
  '&',
  '"',
  "'",
  '<',
  '>',
  '\u202E',
  '\u2066',
  '\u200F',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '%',
  '%zz',
  '%0',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  '%2e%2e',
  '..',
  '%2F',
  '\\',
  '//',
  '?',
  '#',
  '{{x}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, sent literally as hostile input
  '${x}',
] as const

/** Characters XML 1.0 or HTML forbid in text: C0 and C1 controls, DEL, noncharacters, lone surrogates. */
export const CONTROL_FRAGMENTS = [
  '\u0000',
  '\u0007',
  '\u000B',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\uFDD0',
  '\uFFFE',
  '\uFFFF',
  '\u{1FFFF}',
  '\uD800',
  '\uDFFF',
] as const

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))

/** A piece of text no standard forbids: markup, entity look-alikes, bidi controls, any printable grapheme. */
export const textPiece = fc.oneof(fc.constantFrom(...MARKUP_FRAGMENTS), fc.string({ unit: 'grapheme', maxLength: 8 }))

/** A piece that may hold forbidden characters: a known one, a lone surrogate, or any code points at all. */
export const controlPiece = fc.oneof(
  fc.constantFrom(...CONTROL_FRAGMENTS),
  loneSurrogate,
  fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
)

export const hostilePiece = fc.oneof({ arbitrary: textPiece, weight: 3 }, { arbitrary: controlPiece, weight: 1 })

export const hostileText = (maxPieces: number, piece: fc.Arbitrary<string> = hostilePiece) =>
  fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''))
