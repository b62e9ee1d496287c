/**
 * The long tail's lane (issue 12): an article's JSON or page that no isolate
 * has answered lately, answered before routing from the answer the seed
 * prepared, as the hot path answers before routing from the isolate cache.
 * One KV read, its header checked, a slice of its bytes under the ETag made
 * with them, with the headers the route's kind gives and kept in the isolate
 * cache, as `respond` would. Crawlers and aggregators asking for articles
 * nobody asked for lately are most of an archive's misses, and routing them
 * through the app cost more than this lane does (docs/benchmarks.md, the long tail).
 *
 * Anything else goes on to the app, with what the lane read (find-article.ts),
 * so it is not read again: no such article, one not out yet, answers made for
 * another site, a request that accepts no coding we make, a failed read.
 */
import { getPath } from 'hono/utils/url'
import { siteFor } from '../env'
import { keep } from '../http/serve'
import { isReleased } from '../shared/order'
import { SlugSchema } from '../shared/records'
import { readArticleValue, StoreError } from '../store/read'
import { type AnswerKind, preparedAnswer } from './article-answer'
import { readByLane } from './find-article'
import { representFor } from './respond'
import { ROUTES, type Route } from './table'

export type Lane = { route: Route; kind: AnswerKind; slug: string }

// The table's article routes, by the prefix of their one `:slug` segment.
const LANES = [
  { route: ROUTES.articleJson, kind: 'json', prefix: ROUTES.articleJson.path.replace(':slug', '') },
  { route: ROUTES.article, kind: 'html', prefix: ROUTES.article.path.replace(':slug', '') },
] as const

/** The lane a request takes: an article's JSON or page, by a slug an article can have; none for any other. */
export function laneOf(request: Request): Lane | undefined {
  const path = getPath(request)
  for (const { route, kind, prefix } of LANES) {
    if (!path.startsWith(prefix)) continue
    const slug = path.slice(prefix.length)
    return SlugSchema.safeParse(slug).success ? { route, kind, slug } : undefined
  }
  return undefined
}

/** The prepared answer, or undefined: the app answers then, from what was read. */
export async function answerFromLane(request: Request, env: Env, lane: Lane): Promise<Response | undefined> {
  let article: Awaited<ReturnType<typeof readArticleValue>>
  try {
    article = await readArticleValue(env.ARTICLES, lane.slug)
  } catch (error) {
    if (error instanceof StoreError) readByLane.set(request, error)
    return undefined
  }
  const part = article && isReleased(article, Date.now()) ? await preparedAnswer(article, siteFor(env, request.url), lane.kind) : undefined
  const answered =
    part && keep(request, env, await representFor(lane.route, part.body, { lastModified: article!.modified_at, etag: part.etag }))
  // Only a request the app goes on to answer is remembered: the map's entries last as long as their requests.
  if (!answered) readByLane.set(request, article)
  return answered
}
