/**
 * The shape of an HTML document apart from its text: which elements, in what
 * order, with which attributes. Text that stays text never changes it, so a
 * page whose skeleton matches a harmless page's has no markup from its input.
 */
import { CARD_SCRIPT } from '../../src/render/card'
import { attribute, elementsNamed, textOf, type Element } from './html'
import { PROBE } from './hostile-input'

type Node = Parameters<typeof elementsNamed>[0]

const childrenOf = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : [])

/** Every element as `tag[attribute names]`, in document order. */
export function skeleton(root: Node): string[] {
  const out: string[] = []
  const visit = (node: Node) => {
    if ('tagName' in node) out.push(`${node.tagName}[${node.attrs.map((a) => a.name).join(' ')}]`)
    childrenOf(node).forEach(visit)
  }
  visit(root)
  return out
}

function isDataBlock(script: Element): boolean {
  if (attribute(script, 'type') !== 'application/ld+json') return false
  try {
    JSON.parse(textOf(script))
    return true
  } catch {
    return false
  }
}

/** Scripts that are neither the card's own script, our embed.js, nor a JSON-LD data block. */
export function foreignScripts(root: Node, origin: string): string[] {
  return elementsNamed(root, 'script')
    .filter((script) => !(textOf(script) === CARD_SCRIPT || attribute(script, 'src') === `${origin}/embed.js` || isDataBlock(script)))
    .map((script) => `<script ${script.attrs.map((a) => `${a.name}="${a.value}"`).join(' ')}>${textOf(script).slice(0, 80)}`)
}

/** Traces of the probe's markup: its element, its event attribute, or its URL scheme in an attribute. */
export function probeTraces(root: Node, html: string): string[] {
  const traces: string[] = []
  if (html.includes(`<${PROBE.element}`)) traces.push(`raw <${PROBE.element}> in the bytes`)
  const visit = (node: Node) => {
    if ('tagName' in node) {
      if (node.tagName === PROBE.element) traces.push(`a <${PROBE.element}> element`)
      for (const { name, value } of node.attrs) {
        if (name === PROBE.attribute) traces.push(`an ${PROBE.attribute} attribute on <${node.tagName}>`)
        if (value.trim().toLowerCase().startsWith(PROBE.scheme)) traces.push(`${name}="${value.slice(0, 40)}" on <${node.tagName}>`)
      }
    }
    childrenOf(node).forEach(visit)
  }
  visit(root)
  return traces
}
