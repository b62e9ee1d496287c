/**
 * The long tail: requests spread uniformly over every article, none of them
 * answered from the isolate cache, against a Worker that only reads the same
 * KV key (bare-read-entry.ts). Ours runs with FRESHNESS_SECONDS=0 (the
 * `misses` Worker), so every request is a miss, as for the crawlers and
 * aggregators that ask for articles no isolate has answered recently: that is
 * the path measured, and the bare read is what it cannot go below.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LONG_TAIL_PATHS, type LongTailPath } from './paths'

export type LongTailScript = LongTailPath & { script: string }

/** wrk's Lua: each request takes one of the paths at random, seeded so every Worker compared sees the same sequence. */
const luaScript = (paths: readonly string[]) =>
  [
    `local paths = { ${paths.map((p) => JSON.stringify(p)).join(', ')} }`,
    'math.randomseed(12)',
    'request = function() return wrk.format(nil, paths[math.random(#paths)]) end',
  ].join('\n')

/** One script per long-tail path, written to `dir`. */
export async function longTailScripts(dir: string, slugs: readonly string[]): Promise<LongTailScript[]> {
  return Promise.all(
    LONG_TAIL_PATHS.map(async (path, i) => {
      const script = join(dir, `long-tail-${i}.lua`)
      await writeFile(script, luaScript(slugs.map((slug) => `${path.prefix}${slug}`)))
      return { ...path, script }
    }),
  )
}
