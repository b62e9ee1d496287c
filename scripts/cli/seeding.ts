/**
 * What the command lines that seed share (seed, start, dev): the folder and
 * store options, a seed's outcome in lines, and the seed that comes before
 * serving a folder.
 */
import type { Summary } from '../publish/plan'
import type { SeedFolderResult } from '../publish/seed-folder'
import { seedLocalStore } from '../publish/seed-local'
import type { OptionSpec } from './command-line'
import { previewImages } from './image-site'
import { answersFor } from './prepared-answers'
import { siteAuthorOf } from '../publish/facets'
import { configuredSite } from './site-config'
import { localOrigin } from './wrangler'

export const FOLDER_OPTIONS = {
  dir: { type: 'string', value: 'DIR', default: 'seeds', help: 'the folder of .txt documents' },
  'persist-to': {
    type: 'string',
    value: 'DIR',
    help: "the local store's folder, as wrangler dev --persist-to takes it (default: .wrangler/state)",
  },
  'no-images': {
    type: 'boolean',
    default: false,
    help: 'draw no link-preview images: articles written are stored without one, the others keep theirs',
  },
} as const satisfies Record<string, OptionSpec>

/**
 * "1 added, 0 updated, 3 unchanged, 0 deleted; 4 articles, version 259e124513af", and, when some are
 * scheduled, "; 2 scheduled, the next out at 2026-12-01T09:00:00Z".
 */
export function summaryText(summary: Summary, now = Date.now()): string {
  const upcoming = summary.upcoming.filter((at) => Date.parse(at) > now)
  return (
    `${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.deleted} deleted; ` +
    `${summary.total} articles, version ${summary.version.slice(0, 12)}` +
    (upcoming.length > 0 ? `; ${upcoming.length} scheduled, the next out at ${upcoming[0]}` : '')
  )
}

/** One line per bad file (`file: reason`), then the count: what a seed that wrote nothing prints. */
export function printInvalid(name: string, errors: readonly string[]): void {
  for (const line of errors) console.error(line)
  console.error(`${name}: ${errors.length} invalid document(s); nothing written`)
}

/** What `npm start` and `npm run dev` seed: a folder into a local store, with or without preview images. */
export type LocalFolder = { dir: string; persistTo: string | undefined; noImages: boolean }

/**
 * The folder seeded into the local store that `wrangler dev --persist-to` reads, its run
 * recorded under the name `npm run seed` gives it, so either finds the other's run unchanged.
 */
export async function seedFolderLocally(folder: LocalFolder, progress?: NodeJS.WriteStream): Promise<SeedFolderResult> {
  const { dir, persistTo } = folder
  const images = await previewImages(folder.noImages)
  // Where `npm start` serves the site when SITE_URL is empty.
  const site = configuredSite(localOrigin())
  const answers = await answersFor(site)
  const siteAuthor = siteAuthorOf(site)
  return seedLocalStore({ persistTo }, { dir, record: { remote: false, persistTo }, progress, images, answers, siteAuthor })
}

/** The seed before a folder is served, its progress shown; false when a document is bad: printed, nothing written, nothing to serve. */
export async function seedBeforeServing(name: string, folder: LocalFolder): Promise<boolean> {
  const { dir } = folder
  const result = await seedFolderLocally(folder, process.stderr)
  if ('errors' in result) {
    printInvalid(name, result.errors)
    return false
  }
  console.log(`${name}: seeded ${dir}: ${summaryText(result.plan.summary)}`)
  return true
}
