/**
 * How a generated article is filed (issue 24): the `By:`, `Topics:`, `Summary:`
 * and `Updated:` lines above its `Published:` line, distributed as a newsroom's
 * are. A few prolific authors write a large share and a long tail of topics
 * follows a handful of sections (Zipf laws over newsroom-names.ts's ranks); most
 * articles have one author, some two or three; a few have no byline (the site's
 * AUTHOR_NAME stands) or no topic. The lines come in any order, as the format
 * allows. Pure: everything is drawn from the article's own random stream.
 */
import { type Document, LINE_LIMITS } from '../../src/shared/records'
import { facetSlug } from '../../src/shared/slug'
import { toTimestamp } from '../../src/shared/timestamp'
import { AUTHORS, TOPICS } from './newsroom-names'
import { type ZipfSampler, zipfSampler } from './zipf'

/** What an article's lines say, as the parser reads them back. */
export type Filing = Pick<Document, 'authors' | 'topics' | 'summary' | 'updated_at'>

type Random = () => number

// Cumulative shares of how many names an article carries, from none: 5 % no byline, 78 % one author,
// 14 % two, 3 % three ("A, B and C"); 4 % no topic, then one to four.
const AUTHOR_COUNTS = [0.05, 0.83, 0.97, 1]
const TOPIC_COUNTS = [0.04, 0.4, 0.75, 0.92, 1]
const SUMMARY_SHARE = 1 / 3
const UPDATED_SHARE = 0.15
/** A correction comes an hour to four days after publication. */
const UPDATE_DELAY_MINUTES = { min: 60, max: 4 * 24 * 60 }

/**
 * A pool of names, each with its facet's slug (made once), drawn by rank. It grows with the corpus as a
 * newsroom hires and opens topics: document i draws among the first √((i + 1) / WHOLE_POOL_AT) of it,
 * at least `least` (Heaps' law), so 1,000 documents name fewer authors than 100,000, and the same
 * document always draws among the same names whatever the count.
 */
type Pool = { names: readonly string[]; slugs: readonly string[]; rank: ZipfSampler; least: number }
const WHOLE_POOL_AT = 100_000
const pool = (names: readonly string[], exponent: number, least: number): Pool => ({
  names,
  slugs: names.map(facetSlug),
  rank: zipfSampler(names.length, exponent),
  least,
})
const grown = ({ names, least }: Pool, index: number) =>
  Math.max(least, Math.ceil(names.length * Math.min(1, Math.sqrt((index + 1) / WHOLE_POOL_AT))))
// Measured over 100,000 documents: 0.75 gives the 10 most prolific of ~500 authors about 30 % of
// bylines (more in a smaller corpus, whose pool is smaller), and 1 gives Politics, the biggest
// section, about 13 % of topic names (a quarter of articles) while nearly all ~1,000 topics appear.
const BYLINES = pool(AUTHORS, 0.75, 20)
const SUBJECTS = pool(TOPICS, 1, 40)

/** The index of the first cumulative share above one uniform draw. */
function countOf(random: Random, cumulative: readonly number[]): number {
  const draw = random()
  let count = 0
  while (draw >= cumulative[count]) count++
  return count
}

/** `count` names of distinct facets for document `index`: a name, or another spelling of it, is not repeated in one line. */
function names(random: Random, from: Pool, index: number, count: number): string[] {
  const among = grown(from, index)
  const chosen: string[] = []
  const slugs: string[] = []
  while (chosen.length < count) {
    const rank = from.rank(random(), among)
    if (slugs.includes(from.slugs[rank])) continue
    slugs.push(from.slugs[rank])
    chosen.push(from.names[rank])
  }
  return chosen
}

/** "A", "A and B", "A, B and C", now and then with the serial comma ("A, B, and C"). */
function byline(random: Random, authors: readonly string[]): string {
  if (authors.length < 3) return authors.join(' and ')
  const serial = random() < 0.25 ? ',' : ''
  return `${authors.slice(0, -1).join(', ')}${serial} and ${authors[authors.length - 1]}`
}

/** Cut at a word within `max` characters (UTF-16 units, never fewer than code points), ending in an ellipsis. */
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, text.lastIndexOf(' ', max - 1))}…`)

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j], items[i]]
  }
  return items
}

export type FilingOptions = {
  /** The document's index in the corpus: the pools it draws from grow with it. */
  index: number
  /** When the article was published, to the minute: an update comes strictly after it. */
  published: Date
  /** No update is dated later (ms): the end of the corpus's span, so a seed's clock never refuses one. */
  latest: number
  /** A one-line standfirst, made only for the articles that carry one. */
  summarise: () => string
}

/** An article's filing and the lines that say it, in a drawn order. */
export function fileArticle(random: Random, { index, published, latest, summarise }: FilingOptions): { lines: string[]; filing: Filing } {
  const filing: Filing = {}
  const lines: string[] = []
  const authors = names(random, BYLINES, index, countOf(random, AUTHOR_COUNTS))
  if (authors.length > 0) {
    filing.authors = authors
    lines.push(`By: ${byline(random, authors)}`)
  }
  const topics = names(random, SUBJECTS, index, countOf(random, TOPIC_COUNTS))
  if (topics.length > 0) {
    filing.topics = topics
    lines.push(`Topics: ${topics.join(', ')}`)
  }
  if (random() < SUMMARY_SHARE) {
    filing.summary = clip(summarise(), LINE_LIMITS.summary)
    lines.push(`Summary: ${filing.summary}`)
  }
  if (random() < UPDATED_SHARE) {
    const delay = UPDATE_DELAY_MINUTES.min + Math.floor(random() * (UPDATE_DELAY_MINUTES.max - UPDATE_DELAY_MINUTES.min + 1))
    filing.updated_at = toTimestamp(new Date(Math.min(published.getTime() + delay * 60_000, latest)))
    lines.push(`Updated: ${filing.updated_at}`)
  }
  return { lines: shuffle(random, lines), filing }
}
