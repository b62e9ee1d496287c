/** The articles a running Worker serves, newest first, as its own API lists them. */
import type { ArticleList, ArticleSummary } from '../../src/api-schema'

/**
 * The newest `limit` articles, or all of them when there are fewer. One answer may hold fewer
 * than it was asked for (a page of the index holds no more, or some of it is not yet out) and
 * still name a next cursor, so the cursors are followed until the list has enough or ends.
 */
export async function fetchArticles(origin: string, limit = 100): Promise<ArticleSummary[]> {
  const articles: ArticleSummary[] = []
  let cursor: string | null = null
  do {
    const query = new URLSearchParams({ limit: String(limit - articles.length), ...(cursor && { cursor }) })
    const response = await fetch(`${origin}/api/articles?${query}`)
    if (!response.ok) throw new Error(`GET /api/articles?${query}: ${response.status}`)
    const page = (await response.json()) as ArticleList
    articles.push(...page.items)
    cursor = page.next_cursor
  } while (cursor && articles.length < limit)
  return articles
}
