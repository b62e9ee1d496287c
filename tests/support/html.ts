/**
 * HTML read the way browsers read it: parse5 implements the WHATWG parsing
 * algorithm, so what it calls text is what a reader sees as text.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes } from 'parse5'

export type Node = DefaultTreeAdapterTypes.Node
export type Element = DefaultTreeAdapterTypes.Element

export const parseHtml = parse
export const parseHtmlFragment = parseFragment

const childrenOf = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : [])

/** Every element with this tag name under `root`, in document order. */
export function elementsNamed(root: Node, tagName: string): Element[] {
  const found: Element[] = []
  const visit = (node: Node) => {
    if ('tagName' in node && node.tagName === tagName) found.push(node)
    childrenOf(node).forEach(visit)
  }
  visit(root)
  return found
}

export const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value

/** The text a reader sees in a node, entities decoded. */
export function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterTypes.TextNode).value
  return childrenOf(node).map(textOf).join('')
}
