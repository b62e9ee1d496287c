/**
 * What the command lines need of wrangler.toml: an environment's [vars] and its
 * KV namespaces, read as wrangler reads them. Not wrangler's own
 * `unstable_readConfig`: importing wrangler costs about 1.7 s of CPU before a
 * command line can even print its --help, and the seed, `npm start`, deploy and
 * the benchmarks start one each time. tests/wrangler-config.node.test.ts holds
 * this reading to wrangler's for the top level and every environment.
 *
 * wrangler's rule (its "Environments" page): `vars` and `kv_namespaces` are
 * bindings, which an [env.NAME] section does not inherit from the top level;
 * an environment without them has none. The compatibility date and flags are
 * inherited unless the environment sets its own.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'smol-toml'

export const WRANGLER_CONFIG = 'wrangler.toml'

export type KvNamespace = { binding: string; id?: string; preview_id?: string }
export type WranglerSettings = {
  vars: Record<string, unknown>
  kv_namespaces: KvNamespace[]
  compatibility_date?: string
  compatibility_flags: string[]
}

type Section = Partial<WranglerSettings>

/** The binding the articles' namespace has in wrangler.toml (src/env.ts reads it as `ARTICLES`). */
const ARTICLES = 'ARTICLES'

/** The top level's settings, or environment `env`'s; an environment the file lacks is an error naming it. */
export function wranglerSettings(env?: string, config = WRANGLER_CONFIG): WranglerSettings {
  const file = parse(readFileSync(config, 'utf8')) as Section & { env?: Record<string, Section> }
  const section = env === undefined ? file : file.env?.[env]
  if (!section) {
    const known = Object.keys(file.env ?? {})
    throw new Error(
      `${config} has no environment "${env}" (no [env.${env}] section); its environments: ${known.length ? known.join(', ') : 'none'}`,
    )
  }
  return {
    vars: section.vars ?? {},
    kv_namespaces: section.kv_namespaces ?? [],
    compatibility_date: section.compatibility_date ?? file.compatibility_date,
    compatibility_flags: section.compatibility_flags ?? file.compatibility_flags ?? [],
  }
}

/** The id of the namespace bound as ARTICLES, which the local store's folder is named by; an error when none is. */
export function articlesNamespaceId(settings: WranglerSettings, env?: string): string {
  const id = settings.kv_namespaces.find((ns) => ns.binding === ARTICLES)?.id
  if (!id) throw new Error(`${WRANGLER_CONFIG} has no KV namespace bound as ${ARTICLES}${env ? ` in [env.${env}]` : ''}`)
  return id
}
