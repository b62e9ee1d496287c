/**
 * Whether a response body is well-formed for the content type it declares:
 * HTML with no parse error at all (the WHATWG algorithm, as parse5 runs it),
 * JSON that parses, XML that is well-formed XML 1.0, and any text valid UTF-8.
 */
import { parseHtml } from './html'
import { xmlProblem } from './xml'

// ignoreBOM keeps a byte order mark in the text, where it would fail the checks below.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** parse5's parse errors for a document, by code. */
export function htmlParseErrors(html: string): string[] {
  const errors: string[] = []
  parseHtml(html, { onParseError: (error) => errors.push(`${error.code} at ${error.startLine}:${error.startCol}`) })
  return errors
}

function jsonProblem(text: string): string | undefined {
  try {
    JSON.parse(text)
    return undefined
  } catch (error) {
    return String(error)
  }
}

/** What is wrong with `body` as a `contentType`; an empty list when nothing is. */
export function bodyProblems(contentType: string | null, body: Uint8Array): string[] {
  if (contentType === null) return body.byteLength === 0 ? [] : ['a body without a content type']
  let text: string
  try {
    text = utf8.decode(body)
  } catch {
    return ['not UTF-8']
  }
  const type = contentType.split(';')[0].trim().toLowerCase()
  if (type === 'text/html') return text.startsWith('<!DOCTYPE html>') ? htmlParseErrors(text) : ['HTML without a doctype']
  if (type === 'application/json' || type.endsWith('+json')) return [jsonProblem(text)].filter((p) => p !== undefined)
  if (type.endsWith('/xml') || type.endsWith('+xml')) return [xmlProblem(text)].filter((p) => p !== undefined)
  if (type === 'text/plain' || type === 'text/javascript') return []
  return [`unexpected content type ${contentType}`]
}
