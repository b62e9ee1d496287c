/** An article's body as an HTML fragment, for feeds that carry the full text. */
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
