/**
 * wrangler's own entry script, to run with this Node (`node <entry> …`): npx
 * would add a second or more to every run. The remote target, `npm start`,
 * `npm run dev` and `npm run deploy` all start wrangler through it.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export const WRANGLER_ENTRY = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js')
