import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

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

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workers',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/**/*.node.test.ts'],
          maxWorkers: WORKERS,
          deps: { optimizer: { ssr: { enabled: true, include: WORKER_DEPENDENCIES } } },
        },
      },
      {
        test: {
          name: 'node',
          include: ['tests/**/*.node.test.ts'],
          environment: 'node',
          maxWorkers: WORKERS,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
