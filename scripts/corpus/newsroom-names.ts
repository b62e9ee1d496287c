/**
 * The names a generated newsroom files its articles under (issue 24): about 500
 * authors and 1,000 topics, most prolific first, since newsroom.ts draws them by
 * rank. Accents, an ampersand, and names in Hangul, Han, Arabic, Cyrillic and
 * Greek exercise the slug's folding and its hash fallback; a few pairs differ
 * only in case or accents, so they fold to one facet as an editor's slips do.
 */

const FIRST_NAMES = [
  'Ana',
  'José',
  'Søren',
  'Chiara',
  'Kwame',
  'Ingrid',
  'Mateo',
  'Aoife',
  'Priya',
  'Tomás',
  'Élodie',
  'Jürgen',
  'Nnamdi',
  'Hana',
  'Rafael',
  'Siobhán',
  'Dmitri',
  'Leilani',
  'Björn',
  'Camille',
  'Yusuf',
  'Marta',
  'Łukasz',
  'Amara',
  'Noah',
]
const LAST_NAMES = [
  'Okafor',
  'Álvarez',
  'Nakamura',
  'Müller',
  'Kowalczyk',
  'Haddad',
  'Rossi',
  'Ó Briain',
  'Lindqvist',
  'Mensah',
  'Dubois',
  'Petrović',
  'Sánchez',
  'Kaur',
  'Novak',
  'O’Neill',
  'Fernández',
  'Nguyen',
  'Andersen',
  'Costa',
]

const SECTIONS = [
  'Politics',
  'Business',
  'Sport',
  'World',
  'Opinion',
  'Science',
  'Health',
  'Technology',
  'Climate',
  'Education',
  'Europe',
  'Africa',
  'Asia',
  'Americas',
  'Obituaries',
  'Travel',
]
const CITIES = [
  'Paris',
  'Lisbon',
  'Cairo',
  'Mumbai',
  'Toronto',
  'Mexico City',
  'Istanbul',
  'Warsaw',
  'Manila',
  'Lagos',
  'Nairobi',
  'Sydney',
  'Bangkok',
  'Dublin',
  'Athens',
  'Santiago',
  'Kyiv',
  'Vienna',
  'Brussels',
  'Karachi',
]
const THEMES = [
  'housing',
  'transport',
  'elections',
  'energy',
  'football',
  'schools',
  'courts',
  'health care',
  'start-ups',
  'banking',
  'tourism',
  'farming',
  'weather',
  'crime',
  'music',
  'film',
  'art',
  'books',
  'tennis',
  'cycling',
  'rugby',
  'jobs',
  'budget',
  'water',
  'air quality',
  'ports',
  'rail',
  'aviation',
  'universities',
  'hospitals',
  'police',
  'protests',
  'migration',
  'trade',
  'taxes',
  'fisheries',
  'mining',
  'wildlife',
  'floods',
  'heatwaves',
  'festivals',
  'food',
  'fashion',
  'architecture',
  'research',
  'media',
  'theatre',
  'markets',
  'libraries',
  'parks',
]

/**
 * Every pairing of two lists, in an order where neighbouring ranks share neither part:
 * rank k pairs a[k mod |a|] with b[(⌊k / |a|⌋ + k mod |a|) mod |b|], a bijection when |b| ≤ |a|.
 */
function pairings(a: readonly string[], b: readonly string[], join: (x: string, y: string) => string): string[] {
  return Array.from({ length: a.length * b.length }, (_, k) => {
    const i = k % a.length
    return join(a[i], b[(Math.floor(k / a.length) + i) % b.length])
  })
}

/** `list` with each extra inserted at its rank (ranks ascending): a name a small corpus must show is drawn often. */
function withRanks(list: readonly string[], extras: ReadonlyArray<readonly [number, string]>): string[] {
  const pool = [...list]
  for (const [rank, name] of extras) pool.splice(rank, 0, name)
  return pool
}

export const AUTHORS: readonly string[] = withRanks(
  pairings(FIRST_NAMES, LAST_NAMES, (first, last) => `${first} ${last}`),
  [
    [2, '김민준'],
    [6, 'Zoë Lefèvre'],
    [14, 'فاطمة الزهراء'],
    [21, 'Zoe Lefevre'],
    [33, '王芳'],
    [58, 'Kim 민준'],
    [97, 'Ольга Смирнова'],
    [130, '佐藤 花子'],
    [170, 'Νίκος Παπαδόπουλος'],
    [210, 'محمد العلي'],
  ],
)

export const TOPICS: readonly string[] = withRanks(
  [...SECTIONS, ...pairings(THEMES, CITIES, (theme, city) => `${city} ${theme}`)],
  [
    [8, 'Middle East'],
    [11, 'Économie'],
    [19, 'Arts & Culture'],
    [23, '북한'],
    [27, 'Economie'],
    [40, 'Middle east'],
    [50, 'Россия'],
    [75, '東京'],
    [120, 'الشرق الأوسط'],
  ],
)
