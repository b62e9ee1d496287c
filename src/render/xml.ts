/**
 * A small XML writer for the feeds: every text and attribute goes through
 * `escapeXml`, so no document text can become markup. Documents cannot carry
 * characters XML 1.0 forbids (the parser refuses them); stripping them here
 * as well keeps the output well-formed whatever the store holds.
 */

// XML 1.0 section 2.2 Char, as what it excludes.
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}

export type XmlNode = { name: string; attrs?: Record<string, string>; children?: Array<XmlNode | string> }

export const el = (name: string, attrs: Record<string, string> | null, ...children: Array<XmlNode | string>): XmlNode => ({
  name,
  attrs: attrs ?? undefined,
  children,
})

function write(node: XmlNode | string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeXml(node))
    return
  }
  out.push(`<${node.name}`)
  for (const [name, value] of Object.entries(node.attrs ?? {})) out.push(` ${name}="${escapeXml(value)}"`)
  if (!node.children?.length) {
    out.push('/>')
    return
  }
  out.push('>')
  for (const child of node.children) write(child, out)
  out.push(`</${node.name}>`)
}

export function renderXml(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>\n']
  write(root, out)
  out.push('\n')
  return out.join('')
}
