import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, test as base, type ElectronApplication, type Page } from '@playwright/test';

/** Electron's binary, or null where it could not be installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export const MAIN_BUNDLE = fileURLToPath(new URL('../../out/main/index.js', import.meta.url));
export const PRELOAD_BUNDLE = fileURLToPath(new URL('../../out/preload/index.cjs', import.meta.url));
const binary = electronBinary();
export const SKIP_REASON = !binary
  ? 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1): the desktop shell is tested where it exists'
  : !existsSync(MAIN_BUNDLE)
    ? 'out/main/index.js missing: run npm run build first'
    : null;

type Fixtures = { app: ElectronApplication; page: Page; registerDir: string };

/** The built app over a fresh register in a temporary folder (--db), one app per test. */
export const test = base.extend<Fixtures>({
  // Playwright reads the fixture's parameter list from its source, so the empty pattern must stay.
  // eslint-disable-next-line no-empty-pattern
  registerDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'childdesk-electron-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ registerDir }, use) => {
    const app = await _electron.launch({
      executablePath: binary!,
      args: [MAIN_BUNDLE, '--db', join(registerDir, 'station.db')],
      env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' },
    });
    await use(app);
    await app.close().catch(() => undefined);
  },
  page: async ({ app }, use) => {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

test.skip(() => SKIP_REASON !== null, SKIP_REASON ?? '');

export { expect } from '@playwright/test';
