/** The one way a route finds the article an address names, or answers 404. */
import type { Context } from 'hono'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { SlugSchema } from '../shared/records'
import { isReleased } from '../shared/order'
import { type ArticleValue, readArticleValue, StoreError } from '../store/read'

/**
 * What the long tail's lane (article-lane.ts) read for a request it left to the app: the article,
 * null for none, or the storage failure. The app answers from it, so no request reads its article twice.
 */
export const readByLane = new WeakMap<Request, ArticleValue | null | StoreError>()

async function lookUp(c: Context<AppEnv>, slug: string | undefined): Promise<ArticleValue | null> {
  const read = readByLane.get(c.req.raw)
  if (read instanceof StoreError) throw read
  if (read !== undefined) return read
  return slug !== undefined && SlugSchema.safeParse(slug).success ? readArticleValue(c.env.ARTICLES, slug) : null
}

/** The stored article with this slug; a slug no article can have is not even looked up. `detail` tells the client what was not found. */
export async function findArticle(c: Context<AppEnv>, slug: string | undefined, detail: string): Promise<ArticleValue> {
  const article = await lookUp(c, slug)
  // A scheduled article is stored ahead of its time and answered as if absent until then.
  if (!article || !isReleased(article, Date.now())) fail(404, detail)
  return article
}
