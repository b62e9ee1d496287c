/** An article's body as an HTML fragment, for feeds that carry the full text. */
import { escapeToBuffer } from 'hono/utils/html'
import type { StoredArticle } from '../shared/records'

export async function articleBodyHtml(article: StoredArticle): Promise<string> {
  const fragment = (
    <>
      {article.paragraphs.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </>
  )
  return (await fragment.toString()).toString()
}

/**
 * Text as an HTML fragment, escaped by the function JSX escapes each paragraph
 * with above: for the feed fields readers take as HTML (RSS description, Atom
 * type="html"), so they decode to exactly the text, as the body does.
 */
export function textAsHtml(text: string): string {
  const buffer: [string] = ['']
  escapeToBuffer(text, buffer)
  return buffer[0]
}
