/**
 * List cursors: an opaque base64url token over the offset into the newest-first
 * index, so a client cannot depend on its form and we can change it later.
 */
import { z } from '@hono/zod-openapi'

const MAX_OFFSET = 10_000_000

export const encodeCursor = (offset: number) =>
  btoa(JSON.stringify({ o: offset })).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

function decodeCursor(cursor: string): number | undefined {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    const offset = (value as { o?: unknown })?.o
    return Number.isSafeInteger(offset) && (offset as number) >= 0 && (offset as number) <= MAX_OFFSET ? (offset as number) : undefined
  } catch {
    return undefined
  }
}

export const CursorSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a cursor from this API')
  .transform((cursor, ctx) => {
    const offset = decodeCursor(cursor)
    if (offset === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from this API' })
      return z.NEVER
    }
    return offset
  })
