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

/** An element as a schema sees it: its name as written (prefix included), attributes, child elements in order, text. */
export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlElement[]; text: string }

const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: false,
})

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> }

function elementOf(node: OrderedNode): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ':@')!
  if (name === '#text' || name.startsWith('?')) return undefined
  const content = node[name] as OrderedNode[]
  return {
    name,
    attributes: node[':@'] ?? {},
    children: content.map(elementOf).filter((child) => child !== undefined),
    text: content.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join(''),
  }
}

/** The document element, with every child in document order (which `parseXml`'s objects lose). */
export const parseXmlInOrder = (text: string): XmlElement =>
  (ordered.parse(text) as OrderedNode[]).map(elementOf).find((element) => element !== undefined)!
