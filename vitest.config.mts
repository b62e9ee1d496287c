import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

// Two kinds of tests: the Worker and everything it imports run inside workerd
// against real local KV; the command-line tools and the browser run in Node.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workers',
          // Projects with different worker counts run as ordered groups: workerd first, then Node.
          sequence: { groupOrder: 0 },
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/**/*.node.test.ts'],
        },
      },
      {
        test: {
          name: 'node',
          sequence: { groupOrder: 1 },
          include: ['tests/**/*.node.test.ts'],
          environment: 'node',
          // Vitest's default is one worker fewer than the cores, one here; these files mostly wait on child processes.
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
