/**
 * How a handler answers: with a body and when its content last changed. The
 * request's route (c.var.route) supplies the rest from the table: media type,
 * Cache-Control, CORS and, for HTML, the Content-Security-Policy. The answer
 * is prepared once (bytes, strong ETag, headers) and kept in the isolate cache.
 */
import type { Context, TypedResponse } from 'hono'
import type { AppEnv } from '../env'
import { READABLE_ANYWHERE } from '../http/cors'
import { type Representation, represent } from '../http/representation'
import { once, securityHeaders } from '../http/security'
import { serve } from '../http/serve'
import { CARD_SCRIPT, CARD_STYLE } from '../render/card'
import { PAGE_STYLE } from '../render/layout'
import { cacheControlOf, KINDS, mediaType, readableAnywhere, type Route } from './table'

// Each HTML kind's CSP lists by hash the inline style and script its renderer writes, and nothing else;
// framing and form targets come from the kind in the route table.
const { page, card } = KINDS
const POLICIES = {
  page: once(() => securityHeaders({ styles: [PAGE_STYLE], frameAncestors: page.frameAncestors, formAction: page.formAction })),
  card: once(() =>
    securityHeaders({ styles: [CARD_STYLE], scripts: [CARD_SCRIPT], frameAncestors: card.frameAncestors, formAction: card.formAction }),
  ),
}

/** The site's pages' CSP and framing headers, which its HTML error pages carry too. */
export const pageHeaders = POLICIES.page

const prepared = new WeakMap<Route, Promise<Record<string, string>>>()

/** The headers a route's kind adds to every answer, settled on first use. */
function headersOf(route: Route): Promise<Record<string, string>> {
  let headers = prepared.get(route)
  if (!headers) {
    const policy = route.kind === 'page' || route.kind === 'card' ? POLICIES[route.kind]() : Promise.resolve({})
    // CORS headers go on the representation itself: the isolate cache answers later requests before any middleware.
    headers = policy.then((csp) => ({ ...(readableAnywhere(route) ? READABLE_ANYWHERE : {}), ...csp }))
    prepared.set(route, headers)
  }
  return headers
}

export type RespondOptions = {
  /** RFC 3339: when the content last changed. None before the first seed, or for content made from code. */
  lastModified?: string
  /** For a route that answers in more than one media type (oEmbed's format=xml). */
  type?: string
  /**
   * Ms since the epoch when the content stops being true (a list, when its next embargoed article
   * is released): the isolate keeps the answer no later, and max-age never reaches past it.
   */
  freshUntil?: number
  /** The body's strong ETag, when it came with the body (an answer the seed prepared). */
  etag?: string
  /** A Link header of the answer's own (a feed's WebSub links). */
  link?: string
}

export async function respond(c: Context<AppEnv>, body: string | Uint8Array, options: RespondOptions = {}): Promise<Response> {
  // A handler runs only where the table has a route.
  return serve(c, await representFor(c.var.route!, body, options))
}

/** The representation of a body at a route: its media type, Cache-Control and the headers its kind adds. */
export async function representFor(route: Route, body: string | Uint8Array, options: RespondOptions = {}): Promise<Representation> {
  return represent(body, {
    type: options.type ?? mediaType(route),
    cacheControl: cacheControlOf(route),
    lastModified: options.lastModified,
    headers: await headersOf(route),
    freshUntil: options.freshUntil,
    etag: options.etag,
    link: options.link,
  })
}

/** A JSON answer, typed as the route's 200 so `hc` clients see the body's shape. */
export const respondJson = <T>(c: Context<AppEnv>, body: T, options?: RespondOptions) =>
  respond(c, JSON.stringify(body), options) as Promise<Response & TypedResponse<T, 200, 'json'>>
