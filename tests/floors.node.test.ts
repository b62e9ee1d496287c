/**
 * The tree's floors, read from its imports: command lines → publisher →
 * shared contract ← Worker. The Worker (src/) never imports the publisher or
 * the scripts; the contract (src/shared/) imports nothing of either side; the
 * publisher (scripts/publish/) reaches the Worker's tree only through the
 * contract; and no module imports itself round a circle.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPOSITORY } from './support/seed-cli'

const SOURCE = /\.(ts|tsx)$/

function sources(dir: string): string[] {
  return readdirSync(join(REPOSITORY, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => relative(REPOSITORY, join(entry.parentPath, entry.name)))
}

/** Relative imports of a file (static, dynamic and re-exports), as repository paths without extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(REPOSITORY, file), 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import\(|new URL\()\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1])
  return specifiers.map((spec) => normalize(join(dirname(file), spec)).replace(SOURCE, ''))
}

const files = [...sources('src'), ...sources('scripts')]
const graph = new Map(files.map((file) => [file.replace(SOURCE, ''), importsOf(file)]))

const under = (path: string, folder: string) => path.startsWith(`${folder}/`)
const floorOf = (path: string) =>
  under(path, 'src/shared') ? 'contract' : under(path, 'src') ? 'worker' : under(path, 'scripts/publish') ? 'publisher' : 'scripts'

/** Which floors each floor may import from. */
const ALLOWED: Record<string, readonly string[]> = {
  contract: ['contract'],
  worker: ['worker', 'contract'],
  publisher: ['publisher', 'contract'],
  // Command lines and the benchmark stand on top: they run the publisher and measure the Worker.
  scripts: ['scripts', 'publisher', 'contract', 'worker'],
}

describe('the floors of the tree', () => {
  it('finds the modules it reads', () => {
    expect(graph.size).toBeGreaterThan(50)
    expect([...graph.keys()].filter((m) => floorOf(m) === 'contract').length).toBeGreaterThan(2)
    expect([...graph.keys()].filter((m) => floorOf(m) === 'publisher').length).toBeGreaterThan(5)
  })

  it('has no arrow back up', () => {
    const upward = [...graph].flatMap(([module, imports]) =>
      imports.filter((target) => !ALLOWED[floorOf(module)].includes(floorOf(target))).map((target) => `${module} → ${target}`),
    )
    expect(upward).toEqual([])
  })

  it('has no circle', () => {
    const cycles: string[] = []
    const state = new Map<string, 'open' | 'done'>()
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return
      if (state.get(module) === 'open') {
        cycles.push([...path.slice(path.indexOf(module)), module].join(' → '))
        return
      }
      state.set(module, 'open')
      for (const target of graph.get(module) ?? []) if (graph.has(target)) visit(target, [...path, module])
      state.set(module, 'done')
    }
    for (const module of graph.keys()) visit(module, [])
    expect(cycles).toEqual([])
  })
})
