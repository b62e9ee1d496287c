/**
 * List cursors: a position in the index's order (an article's published time
 * and id), not an offset, so paging on while articles are added, edited and
 * deleted neither repeats nor skips one; and a hint of where to read next.
 * Opaque base64url over JSON, so a client cannot depend on its form.
 */
import { z } from 'zod'
import { fromBase64Url, toBase64Url } from '../shared/hash'
import type { Position } from '../shared/order'
import { DocumentIdSchema, TimestampSchema } from '../shared/records'

export type Cursor = {
  /** Everything after this position comes next; none: from the newest. */
  position?: Position
  /** The newest sealed page that may hold what comes next; in head mode, how many pages were sealed then. */
  page: number
  /** The position was in the head: what comes next may since have been sealed into pages from `page` on. */
  head: boolean
}

const MAX_PAGE = 10_000_000

const CursorJsonSchema = z.object({
  t: TimestampSchema.optional(),
  i: DocumentIdSchema.optional(),
  k: z.number().int().min(0).max(MAX_PAGE),
  h: z.literal(1).optional(),
})

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function encodeCursor({ position, page, head }: Cursor): string {
  const json = { ...(position && { t: position.published_at, i: position.id }), k: page, ...(head && { h: 1 }) }
  return toBase64Url(encoder.encode(JSON.stringify(json)))
}

function decodeCursor(cursor: string): Cursor | undefined {
  try {
    const parsed = CursorJsonSchema.safeParse(JSON.parse(decoder.decode(fromBase64Url(cursor))))
    if (!parsed.success || (parsed.data.t === undefined) !== (parsed.data.i === undefined)) return undefined
    const { t, i, k, h } = parsed.data
    return { ...(t !== undefined && i !== undefined && { position: { published_at: t, id: i } }), page: k, head: h === 1 }
  } catch {
    return undefined
  }
}

/** What any cursor of this API is written in: base64url, or a facet's slug (the directory's keyset). */
export const CURSOR_TEXT = /^[A-Za-z0-9_-]{1,200}$/

export const CursorSchema = z
  .string()
  .regex(CURSOR_TEXT, 'not a cursor from this API')
  .transform((text, ctx) => {
    const cursor = decodeCursor(text)
    if (cursor === undefined) {
      ctx.addIssue({ code: 'custom', message: 'not a cursor from this API (start again without one)' })
      return z.NEVER
    }
    return cursor
  })
