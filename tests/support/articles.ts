/** The articles a running Worker serves, newest first, as its own API lists them. */
import type { ArticleList, ArticleSummary } from '../../src/api-schema'

export async function fetchArticles(origin: string, limit = 100): Promise<ArticleSummary[]> {
  const response = await fetch(`${origin}/api/articles?limit=${limit}`)
  if (!response.ok) throw new Error(`GET /api/articles: ${response.status}`)
  return ((await response.json()) as ArticleList).items
}
