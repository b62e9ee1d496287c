/**
 * <meta> and <link> written as the strings they are. hono/jsx gives these tags
 * React 19's document-metadata behaviour (hoisting into <head>, de-duplication),
 * which searches and rewrites the whole rendered document once per tag: work an
 * article page's render did for every tag of its head, on every cache miss.
 * Ours are written inside <head> already and never twice, so they need none of it.
 * Attribute values are escaped by the function JSX escapes them with.
 */
import { raw } from 'hono/html'
import { escapeToBuffer } from 'hono/utils/html'

type Attributes = Record<string, string | undefined>

function voidElement(name: string, attributes: Attributes) {
  const buffer: [string] = [`<${name}`]
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue
    buffer[0] += ` ${key}="`
    escapeToBuffer(value, buffer)
    buffer[0] += '"'
  }
  return raw(`${buffer[0]}/>`)
}

export const Meta = (attributes: { charset?: string; name?: string; property?: string; content?: string }) =>
  voidElement('meta', attributes)

export const Link = (attributes: { rel: string; href: string; type?: string; title?: string; sizes?: string }) =>
  voidElement('link', attributes)
