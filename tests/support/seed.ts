/**
 * Seeds the real local KV binding inside workerd through the same planner and
 * batching the seed script uses; only the target differs.
 */
import { env } from 'cloudflare:test'
import { parseDocument } from '../../src/document/parse'
import type { Document } from '../../src/schema'
import { seed, type RunOptions } from '../../scripts/lib/seed-run'
import { bindingTarget } from '../../scripts/lib/target'
import { isolateCache } from '../../src/http/serve'

export const kv = () => env.ARTICLES

/** A document's text in the seed format. */
export function documentText(title: string, paragraphs: string[], published: string): string {
  return [title, ...paragraphs, `Published: ${published}`].join('\n')
}

export async function parsed(fileName: string, text: string): Promise<Document> {
  const result = await parseDocument(fileName, new TextEncoder().encode(text))
  if (!result.ok) throw new Error(`${fileName}: ${result.reason}`)
  return result.document
}

/** Seeds documents into the binding and forgets what the isolate had cached. */
export async function seedDocuments(documents: Document[], options: RunOptions = {}) {
  const plan = await seed(documents, bindingTarget(env.ARTICLES), { backoffMs: 1, ...options })
  isolateCache.clear()
  return plan
}
