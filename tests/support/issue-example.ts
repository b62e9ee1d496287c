/** Issue 24's own example document: a byline of two, three topics, a summary and an update. */
export const EXAMPLE_TITLE = 'Pyongyang opens museum honoring soldiers killed fighting for Russia in Ukraine'

/** Its `By:` and `Topics:` lines as a parsed document holds them. */
export const EXAMPLE_FACETS = { authors: ['Jane Doe', 'Kim Min-jun'], topics: ['North Korea', 'Russia', 'Museums'] } as const

export const EXAMPLE_DOCUMENT = [
  EXAMPLE_TITLE,
  'On 27 April 2026, the North Korean capital opened a museum honouring the soldiers it sent to fight for Russia.',
  'The ceremony, attended by officials and the soldiers’ families, was broadcast on state television.',
  `By: ${EXAMPLE_FACETS.authors.join(' and ')}`,
  `Topics: ${EXAMPLE_FACETS.topics.join(', ')}`,
  'Summary: A new museum in Pyongyang honours soldiers who died fighting for Russia.',
  'Updated: 2026-04-28T09:30:00Z',
  'Published: April 27, 2026',
].join('\n')
