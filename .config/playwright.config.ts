import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

/**
 * The real UI in Debian's Chromium (never a downloaded browser build), served by the dev server over the
 * real services and a fresh encrypted register per test file.
 */
export default defineConfig({
  testDir: fileURLToPath(new URL('../test/e2e', import.meta.url)),
  outputDir: fileURLToPath(new URL('../test-results', import.meta.url)),
  timeout: 60_000,
  workers: 1,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1280, height: 860 },
  },
});
