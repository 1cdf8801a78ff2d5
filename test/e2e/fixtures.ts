import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { startDevServer, type DevServer } from '../../src/devserver/server.js';

export const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

/** A dev server over a fresh register in a temporary folder, for one test file. */
export const test = base.extend<Record<never, never>, { server: DevServer }>({
  server: [
    // Playwright reads the fixture's parameter list from its source, so the empty pattern must stay.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'childdesk-e2e-'));
      const server = await startDevServer({ registerPath: join(dir, 'station.db'), staticDir: RENDERER, storeOptions: { scrypt: FAST_SCRYPT } });
      await use(server);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** datetime-local value for an instant, in Karachi time. */
export function karachiLocal(at: Date): string {
  return new Date(at.getTime() + 5 * 3600_000).toISOString().slice(0, 16);
}
