/**
 * npm run seed -- [--dir seeds] [--dry-run] [--remote] [--env NAME] [--persist-to DIR] [--json] [--no-cache] [--no-images] [--no-answers] [--rebuild-search] [--ping] [--no-ping]
 *
 * Validates every document, then uploads what changed to Workers KV: the local
 * store `wrangler dev` reads (default, written from this process) or the real
 * namespace (--remote, through wrangler).
 * One bad document stops the run before anything is written. When no file has
 * changed since the last seed from this machine and the target is as that seed
 * left it, nothing is read again (see last-run.ts); --no-cache reads every file.
 * Each article written carries its link-preview image, drawn on every core into
 * this machine's cache of images (image-cache.ts) unless drawn before;
 * --no-images draws none. Each also carries its JSON and HTML answers, prepared
 * for the site the Worker serves (prepared-answers.ts); when the site's settings
 * or the renderers change, the next seed rewrites every article, and
 * --no-answers writes only what changed, leaving the Worker to render the rest.
 * Once every write has landed, a remote seed (a local one with --ping) tells the WebSub hubs and
 * IndexNow wrangler.toml names of what it changed (cli/notify.ts); a failed ping never fails the seed.
 */
import { parseCommandLine, runCommand } from './cli/command-line'
import { previewImages } from './cli/image-site'
import { answersFor } from './cli/prepared-answers'
import { siteAuthorOf } from './publish/facets'
import { configuredSite } from './cli/site-config'
import { NO_PINGS, pingChanges } from './cli/notify'
import { localOrigin } from './cli/wrangler'
import { FOLDER_OPTIONS, printInvalid, summaryText } from './cli/seeding'
import type { ImageSource, Plan } from './publish/plan'
import { type Cost, type PlanCost, planCost } from './publish/plan-cost'
import { seedFolder } from './publish/seed-folder'
import { seedLocalStore } from './publish/seed-local'
import { wranglerTarget } from './publish/wrangler-target'

const COMMAND = {
  name: 'seed',
  usage: 'npm run seed -- [options]',
  about: [
    'Validates every document of a folder, then uploads what changed to Workers KV: the local store',
    '`wrangler dev` reads, or the real namespace with --remote. One bad document stops the run before',
    'anything is written: one line per bad file, exit code 1.',
  ].join('\n'),
  options: {
    dir: FOLDER_OPTIONS.dir,
    'dry-run': { type: 'boolean', default: false, help: 'print the plan and write nothing' },
    remote: { type: 'boolean', default: false, help: 'the real namespace, through wrangler (wrangler login or CLOUDFLARE_API_TOKEN)' },
    env: { type: 'string', value: 'NAME', help: 'a wrangler environment of wrangler.toml, e.g. preview: its namespace' },
    'persist-to': FOLDER_OPTIONS['persist-to'],
    json: {
      type: 'boolean',
      default: false,
      help: "print the summary and the plan's writes, deletes and bytes as one JSON line, and no progress",
    },
    'no-cache': { type: 'boolean', default: false, help: "read every file, even when none changed since this machine's last seed" },
    'no-images': FOLDER_OPTIONS['no-images'],
    'no-answers': {
      type: 'boolean',
      default: false,
      help: 'prepare no article answers: articles written are rendered by the Worker on a miss (a new site setting then rewrites nothing)',
    },
    'rebuild-search': {
      type: 'boolean',
      default: false,
      help: 'build the search index again from every article (its merged segments grow; at 100,000 articles ~28,000 writes)',
    },
    ping: {
      type: 'boolean',
      default: false,
      help: 'after a local seed too, ping WEBSUB_HUBS with each changed feed and IndexNow with each changed article (a remote seed does)',
    },
    'no-ping': { type: 'boolean', default: false, help: 'ping no one, even after a remote seed' },
  },
} as const

const count = (n: number) => n.toLocaleString('en-US')

/** The images a dry run counts at the mean size, not drawn yet (see ESTIMATED_IMAGE_BASE64). */
function estimatedImages(plan: Plan, images: ImageSource | undefined): number {
  if (!images) return 0
  const hashes = [...plan.images.articles.map((image) => image.hash), ...(plan.images.site ? [images.site] : [])]
  return hashes.filter((hash) => images.base64Length(hash) === undefined).length
}

/**
 * Per step: "plan articles: 3 writes, 0 deletes, 12,345 bytes (article:a, article:b, article:c, …)", then the
 * totals, and how many images their bytes only estimate.
 */
function planLines(plan: Plan, cost: PlanCost, estimated: number): string[] {
  const figures = (c: Cost) => `${count(c.writes)} writes, ${count(c.deletes)} deletes, ${count(c.bytes)} bytes`
  const lines = plan.steps.map((step, i) => {
    const keys = [...step.puts.map((p) => p.key), ...step.deletes]
    const sample = keys.length ? ` (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''})` : ''
    return `plan ${step.name}: ${figures(cost.steps[i])}${sample}`
  })
  const note = estimated > 0 ? ` (bytes include ${count(estimated)} estimated images, not drawn yet, at the mean size)` : ''
  return [...lines, `plan total: ${figures(cost)}${note}`]
}

async function main(): Promise<number> {
  const values = parseCommandLine(COMMAND)
  const { remote, json } = values
  const dryRun = values['dry-run']
  const persistTo = values['persist-to']
  const images = await previewImages(values['no-images'], values.env)
  const site = configuredSite(localOrigin(), values.env)
  const options = {
    dir: values.dir,
    record: values['no-cache'] ? undefined : { remote, persistTo, env: values.env },
    dryRun,
    progress: json ? undefined : process.stderr,
    images,
    // At SITE_URL, or where `npm start` serves the site when it is empty.
    answers: values['no-answers'] ? undefined : await answersFor(site),
    rebuildSearch: values['rebuild-search'],
    siteAuthor: siteAuthorOf(site),
  }
  const result = remote
    ? await seedFolder(wranglerTarget({ env: values.env }), options)
    : await seedLocalStore({ persistTo, env: values.env }, options)
  if ('errors' in result) {
    printInvalid(COMMAND.name, result.errors)
    return 1
  }

  const { summary } = result.plan
  // After every write, never in a dry run; locally only when asked, as hubs and search engines cannot fetch this machine.
  const pings =
    !dryRun && !values['no-ping'] && (remote || values.ping)
      ? await pingChanges(site, result.plan.notices, { remote, env: values.env })
      : NO_PINGS
  if (json) {
    const { writes, deletes, bytes, steps } = planCost(result.plan)
    const estimated_images = dryRun ? estimatedImages(result.plan, images) : 0
    const ping = { sent: pings.sent, failed: pings.failed }
    console.log(JSON.stringify({ ...summary, writes, deletes, bytes, steps, dry_run: dryRun, remote, estimated_images, pings: ping }))
  } else {
    if (dryRun) for (const line of planLines(result.plan, planCost(result.plan), estimatedImages(result.plan, images))) console.log(line)
    console.log(`seed${dryRun ? ' (dry run, nothing written)' : ''}: ${summaryText(summary)}`)
    if (pings.sent + pings.failed > 0) console.log(`seed: pinged: ${pings.sent} sent, ${pings.failed} failed`)
  }
  // Beside the one JSON line, not in it: stdout stays a line a program can parse.
  for (const line of pings.failures) (json ? console.error : console.log)(`seed: ${line}`)
  return 0
}

runCommand(COMMAND.name, main)
