/**
 * XML read strictly: well-formedness by fast-xml-parser's validator plus the
 * XML 1.0 character rule it does not check, then a tree whose text is exactly
 * what the bytes say (nothing trimmed, nothing turned into numbers).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

// XML 1.0 section 2.2 Char, as what it excludes.
export const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

const codePoint = (ch: string) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

/** Why `text` is not a well-formed XML 1.0 document; undefined when it is. */
export function xmlProblem(text: string): string | undefined {
  const forbidden = text.match(NOT_XML_CHAR)
  if (forbidden) return `${codePoint(forbidden[0])} is not an XML 1.0 character`
  const result = XMLValidator.validate(text)
  return result === true ? undefined : `${result.err.code} at line ${result.err.line}: ${result.err.msg}`
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: false,
  // Repeated elements are arrays even when there is one of them.
  isArray: (name) => ['item', 'entry'].includes(name),
})

// The tree is as loose as XML; tests read the few paths they know.
// biome-ignore lint/suspicious/noExplicitAny: the tree is untyped by nature; tests read known paths
export const parseXml = (text: string): any => parser.parse(text)
