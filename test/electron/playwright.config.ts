import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * The desktop shell in real Electron (Playwright `_electron`). Not part of `npm test`: Electron's binary cannot
 * be downloaded on the team's machines, and every test here skips when it is missing. Where it exists:
 *
 *     npm run build && npx playwright test --config test/electron/playwright.config.ts
 */
export default defineConfig({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  testMatch: /.*\.spec\.ts$/,
  outputDir: fileURLToPath(new URL('../../test-results/electron', import.meta.url)),
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? 'line' : 'list',
});
