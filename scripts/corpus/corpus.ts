/**
 * A synthetic news corpus in the seed format, for benchmarks and load tests.
 * Pure and seeded: document `i` of seed `s` is always the same bytes, whatever
 * the count asked for and in whatever order documents are made, so a corpus of
 * 1,000 is the first 1,000 documents of the corpus of 10,000 with the same seed.
 * Each is filed as a newsroom files it (newsroom.ts): bylines, topics, a
 * standfirst now and then, and a correction's date.
 */
import { type Filing, fileArticle } from './newsroom'

export const PARAGRAPHS = { min: 4, max: 10 } as const
export const PARAGRAPH_WORDS = { min: 40, max: 100 } as const
const TITLE_WORDS = { min: 6, max: 14 } as const
const SENTENCE_WORDS = { min: 8, max: 22 } as const
const SUMMARY_WORDS = { min: 12, max: 28 } as const
/** Publication dates spread uniformly over these years. */
export const YEARS = { first: 2012, last: 2025 } as const

/** `filing` is what the document's optional lines say, as the parser reads them back. */
export type GeneratedDocument = { fileName: string; text: string; filing: Filing }

type Random = () => number

/** Mulberry32: small, fast and good enough to vary text; not for anything secret. */
function mulberry32(state: number): Random {
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** MurmurHash3's finaliser: a bijection on 32-bit integers, so distinct inputs stay distinct. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** Any seed (a number or a word) as 32 bits. */
export function seedHash(seed: string | number): number {
  let hash = 0x811c9dc5
  for (const ch of String(seed)) hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193)
  return mix32(hash)
}

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1))
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]
const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0')
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)

// Enough variety that titles rarely collide and text compresses like prose, not like a loop;
// a few accents, curly quotes and ampersands so every escaping path is exercised.
const PLACES = [
  'Berlin',
  'Lagos',
  'São Paulo',
  'Zürich',
  'Jakarta',
  'Montréal',
  'Nairobi',
  'Osaka',
  'Kraków',
  'Lima',
  'Reykjavík',
  'Seoul',
  'Marseille',
  'Dhaka',
  'Auckland',
  'Bogotá',
  'Tbilisi',
  'Accra',
  'Hanoi',
  'Oslo',
]
const ACTORS = [
  'the ministry',
  'regulators',
  'the central bank',
  'city officials',
  'the opposition',
  'researchers',
  'unions',
  'the committee',
  'investors',
  'local residents',
  'the court',
  'health authorities',
  'the coalition',
  'R&D teams',
  'the port authority',
  'farmers’ groups',
  'the regional council',
  'analysts',
  'the parliament',
  'engineers',
]
const VERBS = [
  'announced',
  'rejected',
  'approved',
  'questioned',
  'delayed',
  'expanded',
  'reviewed',
  'defended',
  'proposed',
  'criticised',
  'welcomed',
  'postponed',
  'confirmed',
  'challenged',
  'funded',
  'revised',
  'outlined',
  'suspended',
]
const SUBJECTS = [
  'budget',
  'rail link',
  'water reform',
  'housing plan',
  'trade deal',
  'energy tariff',
  'school programme',
  'climate target',
  'tax proposal',
  'election timetable',
  'bridge project',
  'data law',
  'pension scheme',
  'vaccine rollout',
  'fishing quota',
  'transit strike',
  'wage agreement',
  'flood defence',
  'grain export',
  'airport expansion',
  'broadband tender',
  'mining licence',
  'river clean-up',
  'ceasefire talks',
]
const WORDS = [
  'after',
  'months',
  'of',
  'negotiation',
  'the',
  'plan',
  'would',
  'cost',
  'more',
  'than',
  'expected',
  'according',
  'to',
  'documents',
  'seen',
  'by',
  'reporters',
  'while',
  'critics',
  'said',
  'it',
  'left',
  'key',
  'questions',
  'unanswered',
  'officials',
  'insisted',
  'that',
  'timeline',
  'remained',
  'realistic',
  'despite',
  'rising',
  'costs',
  'and',
  'a',
  'shortage',
  'skilled',
  'workers',
  'in',
  'region',
  'supporters',
  'argued',
  'measure',
  'will',
  'create',
  'jobs',
  'reduce',
  'emissions',
  'over',
  'next',
  'decade',
  'whereas',
  'opponents',
  'warned',
  'about',
  'its',
  'impact',
  'on',
  'small',
  'businesses',
  'households',
  'already',
  'struggling',
  'with',
  'inflation',
  'spokesperson',
  'declined',
  'comment',
  'further',
  'details',
  'are',
  'due',
  'later',
  'this',
  'week',
  'when',
  'report',
  'is',
  'published',
  'independent',
  'experts',
  'called',
  'for',
  'greater',
  'transparency',
  'as',
  'well',
  'clear',
  'targets',
  'measurable',
  'results',
  'several',
  'districts',
  'have',
  'reported',
  'delays',
  'since',
  'spring',
  'vote',
  'expected',
  'before',
  'end',
  'year',
  'although',
  'turnout',
  'could',
  'be',
  'low',
  'previous',
  'attempt',
  'collapsed',
  'amid',
  'disagreement',
  'over',
  'funding',
  'new',
  'figures',
  'show',
  'steady',
  'increase',
  'demand',
  'across',
  'sector',
  'which',
  'has',
  'grown',
  'quickly',
  'recent',
  'years',
  'national',
  'agency',
  'estimates',
  'million',
  'people',
  'affected',
  'but',
  'numbers',
  'vary',
  'widely',
  'between',
  'sources',
  'public',
  'hearing',
  'drew',
  'hundreds',
  'participants',
  'many',
  'whom',
  'asked',
  'why',
  'consultation',
  'had',
  'been',
  'so',
  'short',
  'government',
  'says',
  'changes',
  'take',
  'effect',
  'gradually',
  'giving',
  'companies',
  'time',
  'adapt',
  'lawmakers',
  'from',
  'both',
  'sides',
  'signalled',
  'support',
  'amendments',
  'protect',
  'rural',
  'communities',
  'prices',
  'fell',
  'slightly',
  'during',
  'first',
  'quarter',
  'were',
  'still',
  'well',
  'above',
  'average',
  'meanwhile',
  'neighbouring',
  'countries',
  'watching',
  'closely',
  'similar',
  'policies',
  'discussion',
  'their',
  'own',
  'capitals',
]

const wordsIn = (phrase: string) => phrase.split(' ').length
// Places mixed into the running text; one draw per word keeps the hot loop cheap.
const VOCABULARY = [...WORDS, ...PLACES]
const VOCABULARY_WORDS = VOCABULARY.map(wordsIn)
const OPENINGS = { actors: ACTORS.map(wordsIn), subjects: SUBJECTS.map(wordsIn) }

/** Exactly `words` words (at least 8), opening like a news sentence. */
function sentence(random: Random, words: number): string {
  const actor = Math.floor(random() * ACTORS.length)
  const subject = Math.floor(random() * SUBJECTS.length)
  let text = `${capitalise(ACTORS[actor])} ${pick(random, VERBS)} the ${SUBJECTS[subject]}`
  let count = OPENINGS.actors[actor] + 2 + OPENINGS.subjects[subject]
  // One string, appended to: this loop writes most of the corpus and arrays of words made it slow.
  while (count < words) {
    const word = Math.floor(random() * VOCABULARY.length)
    if (count + VOCABULARY_WORDS[word] > words) continue
    text += ` ${VOCABULARY[word]}`
    count += VOCABULARY_WORDS[word]
  }
  return text
}

/** A paragraph of exactly `words` words, in sentences. */
function paragraph(random: Random, words: number): string {
  const sentences: string[] = []
  for (let left = words; left > 0; ) {
    // Never leave a stub shorter than a sentence's opening for the next one.
    const length = left - SENTENCE_WORDS.max < SENTENCE_WORDS.min ? left : between(random, SENTENCE_WORDS.min, SENTENCE_WORDS.max)
    sentences.push(`${sentence(random, length)}.`)
    left -= length
  }
  return sentences.join(' ')
}

function title(random: Random): string {
  const words = `${pick(random, PLACES)}: ${pick(random, ACTORS)} ${pick(random, VERBS)} ${pick(random, SUBJECTS)}`.split(' ')
  const target = between(random, TITLE_WORDS.min, TITLE_WORDS.max)
  while (words.length < target) words.push(pick(random, WORDS))
  return words.slice(0, target).join(' ')
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const pad = (n: number) => String(n).padStart(2, '0')

const FIRST_DAY = Date.UTC(YEARS.first, 0, 1)
const END = Date.UTC(YEARS.last + 1, 0, 1)

/** A date in one of the forms people write and the parser accepts (a date alone is its midnight, never later than `date`). */
function publicationDate(random: Random): { date: Date; text: string } {
  const date = new Date(FIRST_DAY + Math.floor(random() * ((END - FIRST_DAY) / 60_000)) * 60_000)
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()]
  switch (between(random, 0, 3)) {
    case 0:
      return { date, text: `${MONTHS[m]} ${d}, ${y}` }
    case 1:
      return { date, text: `${d} ${MONTHS[m]} ${y}` }
    case 2:
      return { date, text: `${y}-${pad(m + 1)}-${pad(d)}` }
    default:
      return { date, text: `${y}-${pad(m + 1)}-${pad(d)}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:00Z` }
  }
}

/**
 * Document `index` of the corpus with this seed. Its file name carries a
 * 16-hex-digit id whose first half is a bijection of the index, so ids never
 * collide within a corpus.
 */
export function generateDocument(seed: number, index: number): GeneratedDocument {
  const random = mulberry32(mix32(seed ^ mix32(index + 1)))
  const id = hex8(mix32(index ^ seed)) + hex8(random() * 4294967296)
  const paragraphs = Array.from({ length: between(random, PARAGRAPHS.min, PARAGRAPHS.max) }, () =>
    paragraph(random, between(random, PARAGRAPH_WORDS.min, PARAGRAPH_WORDS.max)),
  )
  const heading = title(random)
  const published = publicationDate(random)
  // Drawn after everything a document held before it was filed, so its title, paragraphs and date are unchanged.
  const { lines, filing } = fileArticle(random, {
    index,
    published: published.date,
    latest: END,
    summarise: () => `${sentence(random, between(random, SUMMARY_WORDS.min, SUMMARY_WORDS.max))}.`,
  })
  const text = `${[heading, ...paragraphs, ...lines, `Published: ${published.text}`].join('\n')}\n`
  return { fileName: `${String(index).padStart(6, '0')}_${id}.txt`, text, filing }
}
