/**
 * The search routes' query parameters, validated where they enter: a query that
 * is not text (NUL and other controls, lone surrogates), too long, of too many
 * words, or of no word at all is a 400, never a 5xx and never expensive.
 */
import { z } from 'zod'
import { terms } from '../shared/search-tokens'
import type { ROUTES } from '../routes/table'

/** Characters a query may have: a long title and then some. */
export const MAX_QUERY_LENGTH = 500
/** Words a query may have; past MAX_TERMS (query.ts) they are read but not used, and the answer says it was cut. */
export const MAX_QUERY_WORDS = 64
export const MAX_LIMIT = 50
export const DEFAULT_LIMIT = 10
/** How deep paging goes: a ranking is made whole for each page, so not without end. */
export const MAX_OFFSET = 1000

/**
 * Hono leaves percent-escapes it cannot decode as they came: `%ED%A0%80`, the UTF-8 bytes of a lone
 * surrogate, arrives as those nine characters, which would be searched for as text.
 */
function undecodable(q: string): boolean {
  for (const [escapes] of q.matchAll(/(?:%[0-9A-Fa-f]{2})+/g)) {
    try {
      decodeURIComponent(escapes)
    } catch {
      return true
    }
  }
  return false
}

export const QSchema = z
  .string()
  .max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`)
  // C0 and C1 controls (NUL among them) but tab, and UTF-16 halves without their other half.
  .refine((q) => !/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/u.test(q), 'q must not hold control characters')
  .refine((q) => !/\p{Cs}/u.test(q) && !undecodable(q), 'q must be well-formed Unicode text')
  .superRefine((q, ctx) => {
    const count = terms(q).length
    if (count > MAX_QUERY_WORDS) ctx.addIssue({ code: 'custom', message: `q must have at most ${MAX_QUERY_WORDS} words` })
    else if (count === 0)
      ctx.addIssue({ code: 'custom', message: 'q has no words to search for (common words such as "the" are not indexed)' })
  })

export const SortSchema = z.enum(['relevance', 'date'], { message: 'sort must be relevance or date' })
export const CursorSchema = z
  .string()
  .regex(/^\d{1,4}$/, 'cursor must be a next_cursor this API gave')
  .transform(Number)
  .pipe(z.number().int().max(MAX_OFFSET, 'cursor must be a next_cursor this API gave'))

// Exactly the parameters the table declares: the compiler refuses one more or one fewer.
export const SearchQuerySchema = z.object({
  q: QSchema,
  limit: z
    .string()
    .regex(/^\d{1,2}$/, `limit must be a whole number from 1 to ${MAX_LIMIT}`)
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(MAX_LIMIT, `limit must be at most ${MAX_LIMIT}`))
    .optional(),
  cursor: CursorSchema.optional(),
  sort: SortSchema.optional(),
} satisfies Record<(typeof ROUTES.search.query)[number], z.ZodType>)

/** The page's: the same, but q may be absent or empty (the form alone). */
export const SearchPageQuerySchema = z.object({
  q: z.union([z.literal(''), QSchema]).optional(),
  cursor: CursorSchema.optional(),
  sort: SortSchema.optional(),
} satisfies Record<(typeof ROUTES.searchPage.query)[number], z.ZodType>)
