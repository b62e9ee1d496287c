/** Issue 24's own example document: a byline of two, three topics, a summary and an update. */
export const EXAMPLE_TITLE = 'Pyongyang opens museum honoring soldiers killed fighting for Russia in Ukraine'

export const EXAMPLE_DOCUMENT = [
  EXAMPLE_TITLE,
  'On 27 April 2026, the North Korean capital opened a museum honouring the soldiers it sent to fight for Russia.',
  'The ceremony, attended by officials and the soldiers’ families, was broadcast on state television.',
  'By: Jane Doe and Kim Min-jun',
  'Topics: North Korea, Russia, Museums',
  'Summary: A new museum in Pyongyang honours soldiers who died fighting for Russia.',
  'Updated: 2026-04-28T09:30:00Z',
  'Published: April 27, 2026',
].join('\n')
