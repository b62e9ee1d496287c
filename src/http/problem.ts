/**
 * Errors as RFC 9457 problem details. Routes throw `HTTPException`; the app's
 * single `onError` turns it into a problem body on the API or a page on the site.
 */
import { HTTPException } from 'hono/http-exception'
import type { Problem } from '../api-schema'
import { BASE_HEADERS } from './representation'

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
}

export const titleOf = (status: number) => TITLES[status] ?? 'Error'

/** Throws from anywhere in a route; `detail` is shown to the client, `cause` only logged. */
export function fail(status: 400 | 404 | 405 | 406 | 501 | 503, detail: string, headers?: Record<string, string>, cause?: unknown): never {
  throw new HTTPException(status, { message: detail, cause, res: headers ? new Response(null, { headers }) : undefined })
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      ...BASE_HEADERS,
      ...Object.fromEntries(new Headers(headers)),
    },
  })
}

export function problem(status: number, detail: string, instance?: string): Problem {
  return { type: 'about:blank', title: titleOf(status), status, detail, ...(instance ? { instance } : {}) }
}
