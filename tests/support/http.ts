/** Requests to the Worker under test, through its real fetch handler. */
import { SELF } from 'cloudflare:test'
import { expect } from 'vitest'

/** Where test requests go. SITE_URL is empty, so this is also the site's own URL. */
export const ORIGIN = 'https://news.example'

export const fetchPath = (path: string, init?: RequestInit, origin = ORIGIN) => SELF.fetch(new URL(path, origin), init)

/** An RFC 9457 problem with this status: the API's only error shape. */
export async function expectProblem(response: Response, status: number): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const body = (await response.json()) as Record<string, unknown>
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) })
  expect(body.detail).not.toBe('')
}
