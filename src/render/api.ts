/** The API's JSON shapes, from stored records. */
import type { Site } from '../env'
import type { ListEntry, StoredArticle } from '../shared/records'
import type { Article, ArticleSummary } from '../api-schema'
import { bylineOf, topicsOf } from './bylines'
import { articleUrl } from './urls'

export const toArticleSummary = (site: Site, entry: ListEntry): ArticleSummary => ({
  slug: entry.slug,
  title: entry.title,
  summary: entry.summary,
  published_at: entry.published_at,
  url: articleUrl(site, entry.slug),
})

export const toArticle = (site: Site, a: StoredArticle): Article => ({
  slug: a.slug,
  id: a.id,
  title: a.title,
  summary: a.summary,
  published_at: a.published_at,
  url: articleUrl(site, a.slug),
  paragraphs: a.paragraphs,
  word_count: a.word_count,
  reading_time_minutes: a.reading_time_minutes,
  authors: bylineOf(site, a.authors),
  topics: topicsOf(site, a.topics),
  updated_at: a.updated_at ?? null,
})
