import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, type Page } from '@playwright/test';
import { isoToKarachiLocal } from '../../src/core/time.js';
import { startDevServer, type DevServer } from '../../src/devserver/server.js';

export const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
const FAST_SCRYPT = { N: 2 ** 14, r: 8, p: 1 };

async function freshServer(use: (server: DevServer) => Promise<void>, name: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'childdesk-e2e-'));
  const server = await startDevServer({ registerPath: join(dir, `${name}.db`), staticDir: RENDERER, storeOptions: { scrypt: FAST_SCRYPT } });
  await use(server);
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Dev servers over fresh registers in temporary folders: one for the station tests, one for the district's. */
export const test = base.extend<Record<never, never>, { server: DevServer; districtServer: DevServer }>({
  // Playwright reads a fixture's parameter list from its source, so the empty patterns must stay.
  // eslint-disable-next-line no-empty-pattern
  server: [async ({}, use) => freshServer(use, 'station'), { scope: 'worker' }],
  // eslint-disable-next-line no-empty-pattern
  districtServer: [async ({}, use) => freshServer(use, 'district'), { scope: 'worker' }],
});

export const FAST_TEST_SCRYPT = FAST_SCRYPT;

export { expect } from '@playwright/test';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** datetime-local value for an instant, in Karachi time. */
export function karachiLocal(at: Date): string {
  return isoToKarachiLocal(at.toISOString());
}
