import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatErrorId, isAppError } from '../core/errors.js';

/**
 * The diagnostics log: what the district IT cell reads when an officer reports an error id. One JSON object a
 * line, in a file that rotates at a size cap and keeps a few generations, owner-only (0600 in a folder that is
 * created 0700).
 *
 * What goes in: method names, error codes, durations, counts, job states, and for failures nobody foresaw the
 * error's class, its system code and the stack frames. What never goes in: inputs, results, messages of
 * unexpected errors (a SQLite or library message can quote a value, and a value can be a child's name), names,
 * passphrases, keys. Callers pass only such fields; describeUnexpected() is how an unknown error is reduced.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined | string[] | UnexpectedError>;

export interface Logger {
  write(level: LogLevel, event: string, fields?: LogFields): void;
}

export const silentLog: Logger = { write: () => {} };

export const LOG_FILE_NAME = 'childdesk.log';
const LIMITS = { maxBytes: 1024 * 1024, generations: 3 };

export class RotatingLog implements Logger {
  constructor(
    readonly path: string,
    private readonly limits: { maxBytes: number; generations: number } = LIMITS,
  ) {}

  /** Never throws: a full disk or a locked file must not turn a good answer into an error. */
  write(level: LogLevel, event: string, fields: LogFields = {}): void {
    const line = `${JSON.stringify({ at: new Date().toISOString(), level, event, ...fields })}\n`;
    try {
      this.rotateIfFull(Buffer.byteLength(line));
      appendFileSync(this.path, line, { mode: 0o600 });
    } catch {
      try {
        mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
        appendFileSync(this.path, line, { mode: 0o600 });
        chmodSync(this.path, 0o600);
      } catch {
        // Nowhere to write: the answer to the officer still carries the error id.
      }
    }
  }

  private rotateIfFull(adding: number): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return;
    }
    if (size + adding <= this.limits.maxBytes) return;
    // Oldest first, so each rename lands on a free name. Two threads may race here (the services thread and
    // main both write); the loser's rename fails harmlessly and its line goes into the fresh file.
    for (let generation = this.limits.generations - 1; generation >= 1; generation--) {
      tryRename(`${this.path}.${generation}`, `${this.path}.${generation + 1}`);
    }
    tryRename(this.path, `${this.path}.1`);
  }
}

function tryRename(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Not there yet, or another thread moved it first.
  }
}

/** A short id the officer can read out by phone; the same id is in the log entry. */
export function newErrorId(): string {
  return formatErrorId(randomBytes(6));
}

export type UnexpectedError = { errorClass: string; code?: string; frames: string[]; cause?: UnexpectedError };

/** System and SQLite codes (`ENOSPC`, `SQLITE_BUSY`): fixed words, never data. Anything else is left out. */
const SAFE_CODE = /^[A-Z][A-Z0-9_]{1,47}$/;
const MAX_FRAMES = 12;

/**
 * An error nobody foresaw, reduced to what is safe to keep: its class, its system code, and the stack frames
 * (the message line is dropped: it may quote a value). Paths are cut to the part inside the app, so the log
 * does not carry the PC's folder names either.
 */
export function describeUnexpected(error: unknown, depth = 0): UnexpectedError {
  if (!(error instanceof Error)) return { errorClass: error === null ? 'null' : typeof error, frames: [] };
  const described: UnexpectedError = { errorClass: isAppError(error) ? `AppError ${error.code}` : safeClassName(error), frames: framesOf(error.stack) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SAFE_CODE.test(code)) described.code = code;
  if (error.cause !== undefined && depth < 3) described.cause = describeUnexpected(error.cause, depth + 1);
  return described;
}

function safeClassName(error: Error): string {
  const name = error.constructor?.name ?? 'Error';
  return /^[A-Za-z_$][\w$]{0,60}$/.test(name) ? name : 'Error';
}

function framesOf(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => shortenPaths(line.trim()))
    .slice(0, MAX_FRAMES);
}

/**
 * `at fn (file:///home/x/app/src/services/cases.ts:12:3)` -> `at fn (src/services/cases.ts:12:3)`: the
 * location is cut to the part inside the app (src/, out/ or node_modules/), else to its file name, so the log
 * does not carry the PC's folder or account names.
 */
function shortenPaths(frame: string): string {
  const match = /^at (?:(.*) \()?(.*?)\)?$/.exec(frame);
  if (!match) return 'at ?';
  const [, fn, location = ''] = match;
  const where = location.startsWith('node:') ? location : insideApp(location);
  return fn ? `at ${fn} (${where})` : `at ${where}`;
}

function insideApp(location: string): string {
  const plain = location.replace(/^file:\/\//, '').replace(/\\/g, '/');
  const marks = ['/src/', '/out/', '/node_modules/'].map((mark) => plain.lastIndexOf(mark)).filter((at) => at >= 0);
  if (marks.length > 0) return plain.slice(Math.min(...marks) + 1);
  return plain.split('/').pop() ?? '?';
}
