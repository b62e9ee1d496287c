/**
 * The command lines read wrangler.toml without loading wrangler
 * (scripts/cli/wrangler-config.ts): what they read must be what wrangler reads,
 * for our wrangler.toml's top level and each of its environments, and for an
 * environment that sets no bindings of its own, which inherits none.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { unstable_readConfig } from 'wrangler'
import { articlesNamespaceId, WRANGLER_CONFIG, wranglerSettings } from '../scripts/publish/wrangler-config'

const wranglers = (config: string, env?: string) => {
  const read = unstable_readConfig({ config, env })
  return {
    vars: read.vars,
    kv_namespaces: read.kv_namespaces.map(({ binding, id }: { binding: string; id?: string }) => ({ binding, id })),
    compatibility_date: read.compatibility_date,
    compatibility_flags: read.compatibility_flags,
  }
}
const ours = (config: string, env?: string) => {
  const read = wranglerSettings(env, config)
  return { ...read, kv_namespaces: read.kv_namespaces.map(({ binding, id }) => ({ binding, id })) }
}

describe('wrangler.toml as the command lines read it, and as wrangler does', () => {
  const temporary: string[] = []
  afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))))

  it.each([
    ['the top level', undefined],
    ['[env.preview]', 'preview'],
  ])('reads %s as wrangler does', (_, env) => {
    expect(ours(WRANGLER_CONFIG, env)).toEqual(wranglers(WRANGLER_CONFIG, env))
    expect(articlesNamespaceId(wranglerSettings(env), env)).toMatch(/^[0-9a-f]{32}$/)
  })

  it('gives an environment without its own vars and namespaces none of the top level’s, and its date', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wrangler-config-'))
    temporary.push(dir)
    const config = join(dir, 'wrangler.toml')
    await writeFile(
      config,
      [
        'name = "x"',
        'compatibility_date = "2026-04-20"',
        'compatibility_flags = ["nodejs_compat"]',
        '[[kv_namespaces]]',
        'binding = "ARTICLES"',
        'id = "0123456789abcdef0123456789abcdef"',
        '[vars]',
        'SITE_NAME = "Top"',
        '[env.bare]',
        'name = "x-bare"',
      ].join('\n'),
    )
    for (const env of [undefined, 'bare']) expect(ours(config, env)).toEqual(wranglers(config, env))
    expect(wranglerSettings('bare', config).vars).toEqual({})
    expect(() => articlesNamespaceId(wranglerSettings('bare', config), 'bare')).toThrow('[env.bare]')
  })

  it('refuses an environment the file lacks, naming it and the ones it has', () => {
    expect(() => wranglerSettings('no-such-env')).toThrow(/"no-such-env".*preview/)
  })
})
