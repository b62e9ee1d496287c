/**
 * An article's JSON or HTML answer. The one the seed prepared when it was
 * made for this site and these renderers: one KV read and a slice of its
 * bytes, under the ETag made with them. Otherwise (another origin in
 * development, a seed with other settings or older renderers, a value from
 * before prepared answers) rendered from the record, as every other route is.
 */
import type { Context } from 'hono'
import type { AppEnv, Site } from '../env'
import { answersFingerprint, articleHtmlText, articleJsonText } from '../render/article-answers'
import type { ArticleValue, PreparedPart } from '../store/read'
import { respond } from './respond'

// One site per isolate, or per origin in development (SITE_URL empty): the last one's fingerprint is kept.
// Keyed by the site itself (siteFor keeps the last one), not its URL: other settings on one origin
// (an AUTHOR_NAME set) are another site, whose answers name another author.
let known: { site: Site; fingerprint: Promise<string> } | undefined

function fingerprintOf(site: Site): Promise<string> {
  if (known?.site !== site) known = { site, fingerprint: answersFingerprint(site) }
  return known.fingerprint
}

const RENDER = { json: articleJsonText, html: articleHtmlText }

export type AnswerKind = keyof typeof RENDER

/**
 * The answer the seed prepared, when it was made for this site and these renderers. Its bytes are a
 * copy, not a view: the isolate cache keeps the answer a while, and a view would keep the whole value
 * (the record and the other answer too) alive with it, unseen by the cache's byte budget.
 */
export async function preparedAnswer(article: ArticleValue, site: Site, kind: AnswerKind): Promise<PreparedPart | undefined> {
  const { prepared } = article
  if (!prepared || prepared.for !== (await fingerprintOf(site))) return undefined
  return { body: prepared[kind].body.slice(), etag: prepared[kind].etag }
}

export async function articleAnswer(c: Context<AppEnv>, article: ArticleValue, kind: AnswerKind): Promise<Response> {
  const site = c.var.site
  const lastModified = article.modified_at
  const prepared = await preparedAnswer(article, site, kind)
  if (prepared) return respond(c, prepared.body, { lastModified, etag: prepared.etag })
  return respond(c, RENDER[kind](site, article.record()), { lastModified })
}
