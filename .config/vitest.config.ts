import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, both run by `npm test` (`vitest run`): `fast` (test/unit: pure logic, no register on disk, no
 * browser, no process) and `slow` (test/integration: encrypted registers with real scrypt work, Chromium, the
 * packaging check, the real `childdesk` process; built code is built first by test/support/build-first.ts).
 * Pick one with `--project fast` while working.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    // Encrypted-register tests do real scrypt work; two cores, so keep the pool small and timeouts roomy.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'slow', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/support/build-first.ts'] } },
    ],
  },
});
