/**
 * npm start -- [--dir seeds] [--persist-to DIR] [--no-images]
 *
 * Serves a folder locally: seeds it into the local store (in this process, as
 * `npm run seed` does), then runs `wrangler dev` on 127.0.0.1:$PORT (8787).
 * The folder is the whole site: what another folder seeded before is removed.
 * A bad document: one line per bad file, nothing written, nothing served, exit 1.
 */
import { parseCommandLine, runCommand } from './cli/command-line'
import { FOLDER_OPTIONS, seedBeforeServing } from './cli/seeding'
import { wranglerDev } from './cli/wrangler'

const COMMAND = {
  name: 'start',
  usage: 'npm start -- [options]',
  about: [
    'Seeds a folder into the local store, then serves it with wrangler dev on http://127.0.0.1:$PORT',
    '(8787 when PORT is unset). The folder is the whole site: articles of a folder seeded before are',
    'removed. A bad document: one line per bad file, nothing written, nothing served, exit code 1.',
  ].join('\n'),
  options: FOLDER_OPTIONS,
} as const

async function main(): Promise<number> {
  const { dir, 'persist-to': persistTo, 'no-images': noImages } = parseCommandLine(COMMAND)
  if (!(await seedBeforeServing(COMMAND.name, { dir, persistTo, noImages }))) return 1
  return wranglerDev({ persistTo })
}

runCommand(COMMAND.name, main)
