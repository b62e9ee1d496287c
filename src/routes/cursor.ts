/**
 * List cursors: an opaque base64url token over the offset into the newest-first
 * index, so a client cannot depend on its form and we can change it later.
 */
import { z } from '@hono/zod-openapi'
import { fromBase64Url, toBase64Url } from '../shared/hash'

const MAX_OFFSET = 10_000_000

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const encodeCursor = (offset: number) => toBase64Url(encoder.encode(JSON.stringify({ o: offset })))

function decodeCursor(cursor: string): number | undefined {
  try {
    const value: unknown = JSON.parse(decoder.decode(fromBase64Url(cursor)))
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
