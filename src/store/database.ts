import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../core/errors.js';
import * as schema from './schema.js';

export type Orm = BetterSQLite3Database<typeof schema>;
export type SqliteDatabase = Database.Database;
export type OpenDatabase = { sqlite: SqliteDatabase; orm: Orm };

export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

type OpenOptions = {
  /** Create the file if it does not exist (station init). Otherwise a missing file is an error. */
  create?: boolean;
  /** Where the drizzle-kit migrations are; the packaged app passes its resources path. */
  migrationsFolder?: string;
  /** How long a write waits for another writer before "the register is busy" (tests shorten it). */
  busyTimeoutMs?: number;
};

/**
 * A writer waits this long for another one (a bulk entry, an import in another window) before the person is
 * told the register is busy. Writes are short transactions, so three at once all get their turn well inside it.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/** SQLite's "another connection holds the lock" codes, as better-sqlite3 reports them. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The person-facing error for a failure of the store, when there is one ("the register is busy"). */
export function storeErrorFor(error: unknown): AppError | null {
  return isBusyError(error) ? new AppError('REGISTER_BUSY') : null;
}

/** Starts a write transaction only if no one else is writing at this moment; false (and nothing begun) if busy. */
export function tryBeginWrite(sqlite: SqliteDatabase): boolean {
  const previous = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma('busy_timeout = 0');
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    return true;
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  } finally {
    sqlite.pragma(`busy_timeout = ${previous}`);
  }
}

/**
 * Opens the register with the raw data key in SQLCipher 4 format (readable by standard SQLCipher tools for
 * recovery), then brings its schema up to date in one transaction. Refuses, without writing, a register from a
 * newer app version. Any failure closes the file and says what the person can do; no stack trace escapes.
 */
export function openEncryptedDatabase(path: string, dataKey: Buffer, options: OpenOptions = {}): OpenDatabase {
  if (!options.create && !existsSync(path)) throw new AppError('NOT_A_REGISTER', `There is no file at ${path}.`);
  const sqlite = new Database(path, { fileMustExist: !options.create });
  try {
    applyKey(sqlite, dataKey);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
    const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
    refuseNewerSchema(sqlite, migrationsFolder);
    const orm = drizzle(sqlite, { schema });
    migrate(orm, { migrationsFolder });
    return { sqlite, orm };
  } catch (error) {
    sqlite.close();
    throw error instanceof AppError ? error : (storeErrorFor(error) ?? new AppError('NOT_A_REGISTER', `The file at ${path} could not be read.`));
  }
}

function applyKey(sqlite: SqliteDatabase, dataKey: Buffer): void {
  if (dataKey.length !== 32) throw new AppError('INTERNAL', 'The data key has the wrong length.');
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`key = "x'${dataKey.toString('hex')}'"`);
  // The key is only checked when a page is read: a wrong key or a file that is not a database fails here.
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
}

function refuseNewerSchema(sqlite: SqliteDatabase, migrationsFolder: string): void {
  const hasJournal = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!hasJournal) return;
  const row = sqlite.prepare('SELECT max(created_at) AS latest FROM __drizzle_migrations').get() as {
    latest: number | null;
  };
  const known = Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis));
  if (row.latest !== null && Number(row.latest) > known) {
    throw new AppError('NEWER_SCHEMA', 'Nothing was changed.');
  }
}

/** The schema version a register is at: how many migrations it has applied. */
export function appliedMigrationCount(sqlite: SqliteDatabase): number {
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}
