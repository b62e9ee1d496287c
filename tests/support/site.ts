/** A Site for pure renderer tests, with the settings the Worker settles (src/env.ts) given plainly. */
import type { Site } from '../../src/env'

export const testSite = (changes: Partial<Site> = {}): Site => ({
  url: 'https://gazette.example',
  name: 'The Test Gazette',
  description: 'Everything, tested.',
  language: 'en-GB',
  color: '#0b57d0',
  publisher: { name: 'Gazette Media' },
  author: { type: 'Person', name: 'Ada Reporter', url: 'https://gazette.example/about/ada' },
  hubs: [],
  ...changes,
})
