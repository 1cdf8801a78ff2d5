import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../core/errors.js';
import { isBusyError } from './database.js';

/**
 * An exclusive lock between processes and threads, held by the operating system: SQLite's own file locking
 * (fcntl on POSIX, LockFileEx on Windows) on a small companion file that holds nothing. The operating system
 * drops the lock when its holder dies, even by kill -9, so there is never a stale lock to break, which a lock
 * file made with O_EXCL cannot promise (its breaker can steal a live lock). Node has no flock of its own, and
 * SQLite is already here.
 *
 * The work under the lock is synchronous on purpose: nothing can await while holding it, so two holders in one
 * thread can never wait on each other, and the lock is held for milliseconds (read, change, write a file), never
 * across a passphrase check.
 */
export const LOCK_TIMEOUT_MS = 10_000;

export function withExclusiveLock<T>(lockPath: string, work: () => T, timeoutMs = LOCK_TIMEOUT_MS): T {
  // Made owner-only before SQLite opens it: it would otherwise be created with the process's umask.
  closeSync(openSync(lockPath, 'a', 0o600));
  const lock = new Database(lockPath);
  try {
    lock.pragma(`busy_timeout = ${Math.max(0, Math.floor(timeoutMs))}`);
    try {
      lock.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      if (isBusyError(error)) throw new AppError('REGISTER_BUSY', '(the key file is locked by another program)');
      throw error;
    }
    try {
      return work();
    } finally {
      lock.exec('ROLLBACK');
    }
  } finally {
    lock.close();
  }
}
