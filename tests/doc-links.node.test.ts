/**
 * Every relative link in the README and docs/*.md leads somewhere: a file or
 * folder that exists, and a #fragment names a heading of the Markdown file it
 * points into, by GitHub's rule for heading anchors (github-slugger: lower
 * case, everything but letters, marks, numbers, `_`, `-` and spaces dropped,
 * spaces made hyphens, a repeated heading numbered -1, -2…). Links in code are
 * not links; absolute URLs are not checked (no network in tests).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPOSITORY } from './support/seed-cli'

/** Markdown without its fenced code blocks and code spans, where `[a](b)` and `# x` are text. */
const withoutCode = (markdown: string) => markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '')

/** GitHub's anchor for a heading's text. */
function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link shows its text
    .replace(/<[^>]+>/g, '') // an HTML tag shows nothing
    .replace(/[`*]/g, '') // code and emphasis marks
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors of a Markdown file's headings, repeated ones numbered as GitHub numbers them. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const found = new Set<string>()
  // Code spans stay in headings (their text is shown); only fenced blocks are left out.
  const lines = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').split('\n')
  for (const line of lines) {
    const heading = line.match(/^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/)
    if (!heading) continue
    const base = slug(heading[1])
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    found.add(count === 0 ? base : `${base}-${count}`)
  }
  return found
}

/** Each relative link of `file` that leads nowhere, as "target: why". */
function brokenLinks(file: string): string[] {
  const markdown = readFileSync(file, 'utf8')
  const targets = [...withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)].map((m) => m[1])
  const broken: string[] = []
  for (const target of targets) {
    // http:, https:, mailto: and protocol-relative links point off the repository.
    if (/^([a-z][a-z\d+.-]*:|\/\/)/i.test(target)) continue
    const [path, fragment] = target.split('#', 2) as [string, string | undefined]
    const into = path === '' ? file : resolve(dirname(file), decodeURIComponent(path))
    if (!existsSync(into)) {
      broken.push(`${target}: no such file`)
      continue
    }
    if (fragment === undefined) continue
    if (statSync(into).isDirectory() || !into.endsWith('.md')) broken.push(`${target}: an anchor outside a Markdown file`)
    else if (!anchors(readFileSync(into, 'utf8')).has(decodeURIComponent(fragment))) broken.push(`${target}: no such heading`)
  }
  return broken
}

const DOCS = [
  'README.md',
  ...readdirSync(join(REPOSITORY, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

describe('links in the README and docs', () => {
  it('finds the documents and their links', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/benchmarks.md', 'docs/reliability.md']))
    const readme = readFileSync(join(REPOSITORY, 'README.md'), 'utf8')
    expect(readme).toContain('](docs/architecture.md')
    expect(readme).toContain('](docs/benchmarks.md')
  })

  it.each(DOCS)('every relative link and anchor in %s resolves', (doc) => {
    expect(brokenLinks(join(REPOSITORY, doc))).toEqual([])
  })
})

describe('the link checker', () => {
  it("makes GitHub's anchors", () => {
    expect(slug('Compressed answers and the long tail (rows added with issue 12)')).toBe(
      'compressed-answers-and-the-long-tail-rows-added-with-issue-12',
    )
    expect(slug("Where a miss's time goes")).toBe('where-a-misss-time-goes')
    expect(slug('Load: the soak')).toBe('load-the-soak')
    expect(slug('`FRESHNESS_SECONDS` and [the hot path](#x)')).toBe('freshness_seconds-and-the-hot-path')
    expect(slug('Ünïcode — 東京')).toBe('ünïcode--東京')
    expect([...anchors('# Notes\n## Notes\n```sh\n# not a heading\n```\n### Notes ##\n')]).toEqual(['notes', 'notes-1', 'notes-2'])
  })

  it('reports a missing file, a missing heading and an anchor into a non-Markdown file, and nothing in code or off-site', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doc-links-'))
    try {
      mkdirSync(join(dir, 'docs'))
      writeFileSync(join(dir, 'docs', 'other.md'), '# Other\n\n## A section\n')
      writeFileSync(join(dir, 'picture.png'), '')
      const file = join(dir, 'README.md')
      writeFileSync(
        file,
        [
          '# Title',
          '## Here',
          '[good](docs/other.md) [good](docs/other.md#a-section) [good](#here) ![good](picture.png) [good](docs/)',
          '[off site](https://example.com/nowhere.md#nothing) [mail](mailto:someone@example.com)',
          '`[in code](nowhere.md)`',
          '```md\n[in a block](nowhere.md)\n```',
          '[bad file](docs/missing.md) [bad heading](docs/other.md#no-section) [bad here](#there) [bad image anchor](picture.png#x)',
        ].join('\n'),
      )
      expect(brokenLinks(file)).toEqual([
        'docs/missing.md: no such file',
        'docs/other.md#no-section: no such heading',
        '#there: no such heading',
        'picture.png#x: an anchor outside a Markdown file',
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
