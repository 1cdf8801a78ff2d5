import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../core/errors.js';
import { FILE_HANDLE_PATTERN, FILE_PURPOSES, safeFileName, type FilePurpose, type PickedFile, type SaveTarget } from '../core/files.js';

/**
 * The host's file registry (TEAM contract 2): handles for files the officer picked or chose to save, kept in
 * the services thread. Only the shell registers files (Electron main after a native dialog; the dev server
 * after an upload), over the client's own messages, never through `call`: the page can hand a service a
 * handle, never a path. Services resolve handles here; an unknown, expired or mismatched handle is
 * FILE_HANDLE_UNKNOWN.
 *
 * A file is either a path (the officer's own file on the desktop, or the dev server's private copy of an
 * upload, which the registry `owns` and deletes when the handle expires) or bytes held in memory (uploads that
 * may hold a child's data in the clear, see FILE_PURPOSES).
 */
export type FileSource = { kind: 'path'; path: string; owned: boolean } | { kind: 'bytes'; bytes: Uint8Array };
export type FileRegistration = { purpose: FilePurpose; name: string; source: FileSource };
export type TargetRegistration = { purpose: FilePurpose; name: string; where: { kind: 'path'; path: string; owned: boolean } | { kind: 'memory' } };
/** What a written save target holds, for the shell to deliver (the dev server's download). */
export type WrittenOutput = { name: string; purpose: FilePurpose } & ({ kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array });

type Entry = {
  handle: string;
  purpose: FilePurpose;
  name: string;
  size: number;
  role: 'picked' | 'target';
  source: FileSource | { kind: 'memory'; bytes: Uint8Array | null };
  expiresAt: number;
};

/** A picked file is kept for an hour: long enough to confirm a fingerprint, short enough not to linger. */
export const FILE_HANDLE_TTL_MS = 60 * 60_000;

export class FileRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = FILE_HANDLE_TTL_MS,
  ) {}

  /** Files the officer picked. Refuses a file over its purpose's size limit (nothing is kept of it). */
  register(registration: FileRegistration): PickedFile {
    this.sweep();
    const { purpose, source } = registration;
    const size = source.kind === 'bytes' ? source.bytes.byteLength : sizeOf(source.path);
    if (size > FILE_PURPOSES[purpose].maxBytes) {
      if (source.kind === 'path' && source.owned) removeOwned(source.path);
      throw new AppError('FILE_TOO_LARGE', `(${safeFileName(registration.name)}: at most ${megabytes(FILE_PURPOSES[purpose].maxBytes)} for this)`);
    }
    const entry = this.add({ purpose, name: safeFileName(registration.name), size, role: 'picked', source });
    return { handle: entry.handle, name: entry.name, size };
  }

  /** A place a service will write what the officer saves. */
  target(registration: TargetRegistration): SaveTarget {
    this.sweep();
    const { purpose, where } = registration;
    const source: Entry['source'] = where.kind === 'path' ? { kind: 'path', path: where.path, owned: where.owned } : { kind: 'memory', bytes: null };
    const entry = this.add({ purpose, name: safeFileName(registration.name, 'download'), size: 0, role: 'target', source });
    return { handle: entry.handle, name: entry.name };
  }

  /** A picked file as a path on disk (bundles, backups: read by streaming code). */
  pathOf(handle: string, purpose: FilePurpose): { path: string; name: string; size: number } {
    const entry = this.lookup(handle, purpose, 'picked');
    if (entry.source.kind !== 'path') throw new AppError('FILE_HANDLE_UNKNOWN', '(this file is kept in memory only)');
    return { path: entry.source.path, name: entry.name, size: entry.size };
  }

  /** A picked file's bytes, wherever it is kept. */
  async read(handle: string, purpose: FilePurpose): Promise<{ name: string; bytes: Uint8Array }> {
    const entry = this.lookup(handle, purpose, 'picked');
    if (entry.source.kind === 'bytes') return { name: entry.name, bytes: entry.source.bytes };
    if (entry.source.kind !== 'path') throw new AppError('FILE_HANDLE_UNKNOWN');
    try {
      return { name: entry.name, bytes: await readFile(entry.source.path) };
    } catch {
      throw new AppError('FILE_UNREADABLE', entry.name);
    }
  }

  /** Writes a save target whole: to the officer's chosen path (owner-only), or into memory for a download. */
  async write(handle: string, purpose: FilePurpose, data: Uint8Array | string): Promise<{ name: string; bytes: number }> {
    const entry = this.lookup(handle, purpose, 'target');
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.byteLength > FILE_PURPOSES[purpose].maxBytes) throw new AppError('FILE_TOO_LARGE', `(at most ${megabytes(FILE_PURPOSES[purpose].maxBytes)})`);
    if (entry.source.kind === 'path') {
      try {
        await writeFile(entry.source.path, bytes, { mode: 0o600 });
      } catch {
        throw new AppError('FILE_UNREADABLE', entry.name);
      }
    } else if (entry.source.kind === 'memory') {
      entry.source.bytes = bytes;
    }
    entry.size = bytes.byteLength;
    return { name: entry.name, bytes: bytes.byteLength };
  }

  /** A save target's path, for code that streams a large encrypted file there itself (bundle export, backup). */
  targetPath(handle: string, purpose: FilePurpose): { path: string; name: string } {
    const entry = this.lookup(handle, purpose, 'target');
    if (entry.source.kind !== 'path') throw new AppError('FILE_HANDLE_UNKNOWN', '(this save target is kept in memory only)');
    return { path: entry.source.path, name: entry.name };
  }

  /** What a service wrote to a save target, for the dev server to send as a download. */
  output(handle: string): WrittenOutput {
    const entry = this.lookup(handle, null, 'target');
    const { name, purpose, source } = entry;
    if (source.kind === 'memory') {
      if (!source.bytes) throw new AppError('FILE_HANDLE_UNKNOWN', '(nothing has been written to it yet)');
      return { name, purpose, kind: 'bytes', bytes: source.bytes };
    }
    if (source.kind !== 'path' || !exists(source.path)) throw new AppError('FILE_HANDLE_UNKNOWN', '(nothing has been written to it yet)');
    return { name, purpose, kind: 'path', path: source.path };
  }

  /** Forgets every handle and deletes the copies it owns (the register closes, the app quits). */
  clear(): void {
    for (const entry of this.entries.values()) forget(entry);
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private add(fields: Omit<Entry, 'handle' | 'expiresAt'>): Entry {
    const entry: Entry = { ...fields, handle: `f_${randomBytes(16).toString('base64url')}`, expiresAt: this.now() + this.ttlMs };
    this.entries.set(entry.handle, entry);
    return entry;
  }

  private lookup(handle: string, purpose: FilePurpose | null, role: Entry['role']): Entry {
    this.sweep();
    const entry = FILE_HANDLE_PATTERN.test(handle) ? this.entries.get(handle) : undefined;
    if (!entry) throw new AppError('FILE_HANDLE_UNKNOWN');
    if (entry.role !== role) throw new AppError('FILE_HANDLE_UNKNOWN', role === 'picked' ? '(it is a place to save, not a picked file)' : '(it is a picked file, not a place to save)');
    if (purpose && entry.purpose !== purpose) throw new AppError('FILE_HANDLE_UNKNOWN', `(it was picked as ${entry.purpose}, not ${purpose})`);
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [handle, entry] of this.entries) {
      if (entry.expiresAt > now) continue;
      forget(entry);
      this.entries.delete(handle);
    }
  }
}

function forget(entry: Entry): void {
  if (entry.source.kind === 'path' && entry.source.owned) removeOwned(entry.source.path);
  if (entry.source.kind === 'bytes') entry.source.bytes.fill(0);
  if (entry.source.kind === 'memory' && entry.source.bytes) entry.source.bytes.fill(0);
}

/** An uploaded copy sits alone in its own folder inside the dev server's private folder: remove both. */
function removeOwned(path: string): void {
  rmSync(path, { force: true });
  try {
    rmdirSync(dirname(path));
  } catch {
    // Not empty or already gone: the private folder itself is removed at close.
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    throw new AppError('FILE_UNREADABLE', safeFileName(path));
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 * 1024 ? `${Math.round(bytes / 1024 ** 3)} GB` : bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.round(bytes / 1024)} KB`;
}
