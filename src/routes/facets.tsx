/**
 * Topics and authors (issue 24), each the site's index with a filter: its newest page and its
 * archive pages (the site's handlers over the facet's keys), and the directory of each, A–Z.
 * Their feeds are in feeds.ts, their list API in api.ts. Paths: the facets' routes in table.ts.
 */
import { type Context, Hono } from 'hono'
import type { Facet } from '../api-schema'
import type { AppEnv } from '../env'
import { fail } from '../http/problem'
import { FacetDirectoryPage } from '../render/facet-directory-page'
import { renderDocument } from '../render/html'
import type { FacetKind } from '../shared/keys'
import { readFacetDirectory } from '../store/read'
import { CURSOR_TEXT } from './cursor'
import { facetOut, facetSlugOf, facetView } from './facet-view'
import { archivePage, newestPage } from './index-pages'
import { respond } from './respond'
import { ROUTES } from './table'

/** A page of the directory: the facets out now after the cursor (a slug), A–Z by slug, and the cursor after them. */
export async function facetPage(c: Context<AppEnv>, kind: FacetKind, cursor: string | undefined, limit: number) {
  const directory = await readFacetDirectory(c.env.ARTICLES)
  const now = Date.now()
  const all = (directory?.[kind] ?? [])
    .filter((facet) => cursor === undefined || facet.slug > cursor)
    .map((facet) => facetOut(c.var.site, kind, facet, now))
    .filter((facet) => facet.count > 0)
  const items: Facet[] = all.slice(0, limit)
  const next = all.length > limit ? items[items.length - 1].slug : null
  // A scheduled article's release changes a count: the answer is fresh until the next one.
  const upcoming = (directory?.[kind] ?? []).flatMap((facet) => facet.upcoming.map(Date.parse)).filter((at) => at > now)
  const freshUntil = upcoming.length > 0 ? Math.min(...upcoming) : undefined
  return { items, next, lastModified: directory?.modified_at, freshUntil }
}

/** Facets a directory page lists. */
const DIRECTORY_PAGE = 200

const slugParam = (c: Context<AppEnv>, kind: FacetKind): string => facetSlugOf(kind, c.req.param('slug'))

const directoryPage = (kind: FacetKind, path: string, heading: string) => async (c: Context<AppEnv>) => {
  const cursor = c.req.query('cursor')
  if (cursor !== undefined && !CURSOR_TEXT.test(cursor)) fail(400, 'The cursor must come from this list.')
  const { items, next, lastModified, freshUntil } = await facetPage(c, kind, cursor, DIRECTORY_PAGE)
  const canonical = `${c.var.site.url}${path}${cursor === undefined ? '' : `?cursor=${cursor}`}`
  const nextUrl = next === null ? undefined : `${c.var.site.url}${path}?cursor=${next}`
  const page = <FacetDirectoryPage site={c.var.site} heading={heading} canonical={canonical} facets={items} next={nextUrl} />
  return respond(c, await renderDocument(page), { lastModified, freshUntil })
}

export const facets = new Hono<AppEnv>()
  .get(ROUTES.topics.path, directoryPage('topic', ROUTES.topics.path, 'Topics'))
  .get(ROUTES.authors.path, directoryPage('author', ROUTES.authors.path, 'Authors'))
  .get(ROUTES.topic.path, (c) => newestPage(c, facetView(c.var.site, 'topic', slugParam(c, 'topic'))))
  .get(ROUTES.author.path, (c) => newestPage(c, facetView(c.var.site, 'author', slugParam(c, 'author'))))
  .get(ROUTES.topicArchive.path, (c) => archivePage(c, facetView(c.var.site, 'topic', slugParam(c, 'topic')), Number(c.req.param('n'))))
  .get(ROUTES.authorArchive.path, (c) => archivePage(c, facetView(c.var.site, 'author', slugParam(c, 'author')), Number(c.req.param('n'))))
