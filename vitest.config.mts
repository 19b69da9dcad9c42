import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; e2e tests drive the built app in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
