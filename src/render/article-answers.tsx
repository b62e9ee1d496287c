/**
 * An article's JSON and HTML answers as text, and the fingerprint of what they
 * depend on besides the article: the site and these renderers. The Worker
 * renders them on a miss when the stored value holds none prepared for its
 * fingerprint; the seed prepares them with these same functions, handed to it
 * by the command line (scripts/cli/prepared-answers.ts), so a prepared answer
 * is the Worker's own, byte for byte.
 */
import type { Site } from '../env'
import { sha256Hex } from '../shared/hash'
import type { StoredArticle } from '../shared/records'
import { toArticle } from './api'
import { ArticlePage } from './article-page'

export const articleJsonText = (site: Site, article: StoredArticle): string => JSON.stringify(toArticle(site, article))

/** The article page; synchronous, as a seed's put reads its value (hono/jsx renders a tree without async components at once). */
export function articleHtmlText(site: Site, article: StoredArticle): string {
  const html: unknown = (<ArticlePage site={site} article={article} />).toString()
  if (html instanceof Promise) throw new Error('the article page rendered asynchronously')
  return `<!DOCTYPE html>${html}`
}

/**
 * An article with every part the renderers draw: several paragraphs, markup-like and non-Latin
 * text, a preview image, an edit after publication, a byline and topics (issue 24). A change to the renderers that shows in its
 * answers, or to the site, changes the fingerprint, and prepared answers made before are not used.
 */
const SAMPLE: StoredArticle = {
  id: 'fingerprint',
  slug: 'fingerprint-sample',
  title: 'A <sample> & "its" title: Montréal, 서울, القاهرة',
  summary: 'What every article page shows, once.',
  paragraphs: ['What every article page shows, once.', 'A second paragraph with <markup> & an ampersand.', 'नमस्ते'],
  published_at: '2026-01-02T03:04:05Z',
  modified_at: '2026-02-03T04:05:06Z',
  updated_at: '2026-02-03T04:05:06Z',
  authors: [
    { name: 'Jane <Doe>', slug: 'jane-doe' },
    { name: '김민준', slug: '0123456789abcdef' },
  ],
  topics: [{ name: 'Économie & co', slug: 'economie-co' }],
  word_count: 20,
  reading_time_minutes: 1,
  content_hash: '0'.repeat(64),
  preview_png: '',
}

/**
 * What prepared answers were made for: the site and the renderers' output on SAMPLE, hashed. Not the
 * WebSub hubs, which only the feeds name: turning pings on does not rewrite every article.
 */
export async function answersFingerprint(site: Site): Promise<string> {
  const { hubs: _, ...settings } = site
  return (await sha256Hex(JSON.stringify([settings, articleJsonText(site, SAMPLE), articleHtmlText(site, SAMPLE)]))).slice(0, 32)
}
