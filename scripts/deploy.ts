/**
 * npm run deploy -- [--env NAME]
 *
 * `wrangler deploy`, once wrangler.toml gives the environment a SITE_URL. The
 * Worker moves every request on another host to SITE_URL (src/index.ts); left
 * empty, a deployed site would take each request's Host for its canonical
 * links and feed ids, which only development may do.
 */
import { parseCommandLine, runCommand } from './cli/command-line'
import { runWrangler } from './cli/wrangler'
import { WRANGLER_CONFIG, wranglerSettings } from './publish/wrangler-config'

const COMMAND = {
  name: 'deploy',
  usage: 'npm run deploy -- [options]',
  about: [
    'Runs `wrangler deploy` for an environment of wrangler.toml, after checking that its [vars] SITE_URL',
    'is an absolute http or https URL: the one host the site answers on. Empty, it refuses: exit code 1.',
  ].join('\n'),
  options: {
    env: { type: 'string', value: 'NAME', help: 'a wrangler environment of wrangler.toml, e.g. preview (default: the top level)' },
  },
} as const

/** Why `value` cannot be the site's URL, or undefined when it can. */
function siteUrlProblem(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : ''
  if (!text) return 'is empty'
  try {
    if (/^https?:$/.test(new URL(text).protocol)) return undefined
  } catch {}
  return `${JSON.stringify(value)} is not an absolute http or https URL`
}

async function main(): Promise<number> {
  const { env } = parseCommandLine(COMMAND)
  const { vars } = wranglerSettings(env)
  const problem = siteUrlProblem(vars.SITE_URL)
  if (problem)
    throw new Error(
      `SITE_URL in ${WRANGLER_CONFIG} ${env ? `[env.${env}.vars]` : '[vars]'} ${problem}; set it to the site's URL, e.g. "https://news.example.com", before deploying`,
    )
  return runWrangler(['deploy', ...(env ? ['--env', env] : [])])
}

runCommand(COMMAND.name, main)
