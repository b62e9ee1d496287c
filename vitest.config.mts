import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { TEST_VARS } from './tests/support/test-settings.ts'

// The packages the Worker and the workerd tests import. workerd loads each module of a test file
// through Vite, one request a module, again for every file: bundled once, hono and zod are a few
// modules instead of hundreds, and a file starts in about half the time.
const WORKER_DEPENDENCIES = [
  'hono',
  'hono/client',
  'hono/cors',
  'hono/html',
  'hono/http-exception',
  'hono/jsx',
  'hono/jsx/jsx-runtime',
  'hono/router/trie-router',
  'hono/utils/html',
  'hono/utils/url',
  'zod',
  '@hono/zod-validator',
  'fast-check',
  'http-cache-semantics',
]

// Two kinds of tests: the Worker and everything it imports run inside workerd
// against real local KV; the command-line tools and the browser run in Node.
// Both share one group of two workers, one per core: Vitest's default is one
// worker fewer than the cores (one here), and a group of its own per project
// left a core idle while the other's long files ran.
const WORKERS = 2

/** Tests inside workerd, against real local KV, with wrangler.toml's vars and TEST_VARS over them. */
const workerd = (name: string, include: string[], exclude: string[]) => ({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: TEST_VARS } })],
  test: {
    name,
    include,
    exclude: ['tests/**/*.node.test.ts', ...exclude],
    maxWorkers: WORKERS,
    deps: { optimizer: { ssr: { enabled: true, include: WORKER_DEPENDENCIES } } },
  },
})

/** Tests in Node: the command lines, the browser, real clients of our output. */
const node = (name: string, include: string[], exclude: string[], timeoutMs: number) => ({
  test: { name, include, exclude, environment: 'node', maxWorkers: WORKERS, testTimeout: timeoutMs, hookTimeout: 1.5 * timeoutMs },
})

// `npm test` runs `workers` and `node`, and must stay within 4 minutes. The long tests are apart
// (`npm run test:long`, the `long` and `long-workers` projects, tests/long/): the bounds that only show
// at scale (changes priced against 100,000 planned documents, the search index over thousands of
// publishes), the publisher end to end over generated corpora of a thousand or more (remote seeding
// through wrangler, threaded reading, search ranking against a reference), and the runs that draw
// many random histories (a seed killed at every step, paging while the archive changes).
export default defineConfig({
  test: {
    projects: [
      workerd('workers', ['tests/**/*.test.{ts,tsx}'], ['tests/long/**']),
      node('node', ['tests/**/*.node.test.ts'], ['tests/long/**'], 120_000),
      workerd('long-workers', ['tests/long/**/*.test.{ts,tsx}'], []),
      node('long', ['tests/long/**/*.node.test.ts'], [], 600_000),
    ],
  },
})
