/**
 * The README's route table is the route table: its "## Routes" section lists
 * exactly the routes of src/routes/table.ts, in order, each with the query
 * parameters it reads, its kind and its cache lifetime.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cacheControlOf, routeAt, TABLE } from '../src/routes/table'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const section = readme.slice(readme.indexOf('\n## Routes\n')).split(/\n#{2,} /)[1]

/** A row's cells; `\|` is a pipe inside a cell. */
const cells = (line: string) =>
  line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'))

/** Each address in the table: `GET /embed/:slug?theme=…` is the path /embed/:slug reading theme. */
const listed = section
  .split('\n')
  .filter((line) => line.startsWith('| `'))
  .flatMap((line) => {
    const [addresses, kind, , cache] = cells(line)
    return [...addresses.matchAll(/`(?:GET )?([^`]+)`/g)].map(([, address]) => {
      const [path, query] = address.split('?')
      // A path the route answers at: any slug (eight letters, as short as an IndexNow key may be), the first sitemap file.
      const route = routeAt(path.replace(/:\w+/g, 'abcdefgh').replace(/\bN\b/g, '1'))
      return { address, route, query: query ? query.split('&').map((pair) => pair.split('=')[0]) : [], kind, cache }
    })
  })

/** Cache-Control's max-age as the README writes it. */
function lifetime(cacheControl: string): string {
  if (cacheControl === 'no-store') return 'none'
  const seconds = Number(cacheControl.match(/\bmax-age=(\d+)/)![1])
  return seconds % 3600 === 0 ? `${seconds / 3600} h` : `${seconds} s`
}

describe("the README's route table", () => {
  it('lists every route of the table once, in its order, and nothing else', () => {
    expect(listed.map(({ route }) => route?.path)).toEqual(TABLE.map((route) => route.path))
  })

  it.each(listed)(
    '$address names the query parameters its route reads, its kind and its cache lifetime',
    ({ route, query, kind, cache }) => {
      expect({ query, kind, cache }).toEqual({ query: route!.query ?? [], kind: route!.kind, cache: lifetime(cacheControlOf(route!)) })
    },
  )
})
