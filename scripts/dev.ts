/**
 * npm run dev -- [--dir seeds] [--persist-to DIR] [--no-images]
 *
 * `npm start` kept in step with the folder while it is edited: seeds it, serves
 * it, and seeds again after every change (watch-folder.ts). The Worker runs with
 * FRESHNESS_SECONDS 0, so a reload after a seed shows the store as it now is.
 * A bad document is reported in one line and nothing is written: the server
 * keeps the last good content until the file is fixed.
 */
import { parseCommandLine, runCommand } from './cli/command-line'
import { FOLDER_OPTIONS, seedBeforeServing, seedFolderLocally, summaryText } from './cli/seeding'
import { onFolderChange } from './cli/watch-folder'
import { wranglerDev } from './cli/wrangler'

const COMMAND = {
  name: 'dev',
  usage: 'npm run dev -- [options]',
  about: [
    'Seeds a folder into the local store, serves it with wrangler dev on http://127.0.0.1:$PORT (8787',
    'when PORT is unset), and seeds it again on every change: a reload shows an edit within 2 s. A bad',
    'document is one line and writes nothing; the server keeps the last good content. A bad document',
    'at the start: nothing served, exit code 1.',
  ].join('\n'),
  options: FOLDER_OPTIONS,
} as const

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

async function main(): Promise<number> {
  const { dir, 'persist-to': persistTo, 'no-images': noImages } = parseCommandLine(COMMAND)
  const folder = { dir, persistTo, noImages }
  if (!(await seedBeforeServing(COMMAND.name, folder))) return 1

  const reseed = async () => {
    const result = await seedFolderLocally(folder)
    if ('errors' in result) for (const line of result.errors) console.error(`${COMMAND.name}: ${line}; nothing written`)
    else console.log(`${COMMAND.name}: seeded ${dir}: ${summaryText(result.plan.summary)}`)
  }
  const watching = onFolderChange(dir, reseed, (error) => console.error(`${COMMAND.name}: ${message(error)}`))
  try {
    // Every answer made afresh: the isolate cache would otherwise hide a seed for 30 s.
    return await wranglerDev({ persistTo, vars: { FRESHNESS_SECONDS: '0' } })
  } finally {
    await watching.close()
  }
}

runCommand(COMMAND.name, main)
