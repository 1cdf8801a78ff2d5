import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/**
 * Where the built pieces are, relative to this bundle (out/main/index.js, inside app.asar when packaged):
 * the renderer build, the preload bundle and the register migrations (copied beside main by the build; when
 * main runs from its sources, as in the unit tests, the store's own folder).
 */
const here = dirname(fileURLToPath(import.meta.url));
const bundledMigrations = resolve(here, 'migrations');

export const RENDERER_DIR = resolve(here, '../renderer');
export const PRELOAD_PATH = resolve(here, '../preload/index.cjs');
export const MIGRATIONS_DIR = existsSync(bundledMigrations) ? bundledMigrations : resolve(here, '../store/migrations');

/**
 * The register: `--db FILE` if given (a station keeping it on another drive), else `station.db` in the app's
 * per-user data folder. Unknown switches (Chromium's own) are ignored.
 */
export function registerPathFrom(argv: readonly string[], userData: string): string {
  const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' } }, strict: false, allowPositionals: true });
  return typeof values.db === 'string' && values.db !== '' ? resolve(values.db) : join(userData, 'station.db');
}
