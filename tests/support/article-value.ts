/** An article's stored value read back as the Worker reads it (src/shared/article-value.ts), for tests that look at the store. */
import { ArticleHeaderSchema, splitArticleValue } from '../../src/shared/article-value'
import { type StoredArticle, StoredArticleSchema } from '../../src/shared/records'

/** The record in a stored value, validated. */
export function recordIn(value: string): StoredArticle {
  const { header, body } = splitArticleValue(new TextEncoder().encode(value))
  const bytes = header === null ? body : body.subarray(...ArticleHeaderSchema.parse(header).record)
  return StoredArticleSchema.parse(JSON.parse(new TextDecoder().decode(bytes)))
}
