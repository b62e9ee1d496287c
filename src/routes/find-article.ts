/** The one way a route finds the article an address names, or answers 404. */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { SlugSchema } from '../shared/records'
import { isReleased } from '../shared/order'
import { type ArticleValue, readArticleValue } from '../store/read'

/** The stored article with this slug; a slug no article can have is not even looked up. `detail` tells the client what was not found. */
export async function findArticle(c: Context<AppEnv>, slug: string | undefined, detail: string): Promise<ArticleValue> {
  const article = slug !== undefined && SlugSchema.safeParse(slug).success ? await readArticleValue(c.env.ARTICLES, slug) : null
  // A scheduled article is stored ahead of its time and answered as if absent until then.
  if (!article || !isReleased(article, Date.now())) fail(404, detail)
  return article
}
