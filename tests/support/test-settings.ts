/**
 * Settings the workerd tests run the Worker with beyond wrangler.toml's [vars] (vitest.config.mts):
 * an IndexNow key, so its key file is a route the tests' walks find answering (tests/support/routes.ts).
 */
export const TEST_VARS = { INDEXNOW_KEY: 'walk-test-key-0123' } as const
