import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { FILE_HANDLE_PATTERN, fitsPurpose, safeFileName } from '../../src/core/files.js';
import { FileRegistry } from '../../src/services/file-registry.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'childdesk-files-test-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
};

describe('file names and purposes (pure)', () => {
  it('keeps only a safe last part of a name the officer gave', () => {
    expect(safeFileName('C:\\Users\\x\\QTA01-000001.chd')).toBe('QTA01-000001.chd');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('a\u0000b<c>.chd')).toBe('a_b_c_.chd');
    expect(safeFileName('')).toBe('file');
  });

  it('picks the files of a purpose out of a folder', () => {
    expect(fitsPurpose('bundles', 'QTA01-000001.CHD')).toBe(true);
    expect(fitsPurpose('bundles', 'notes.txt')).toBe(false);
    expect(fitsPurpose('folder', 'anything')).toBe(true);
  });
});

describe('FileRegistry: handles for files, resolved by the services', () => {
  it('hands out random handles and resolves them for their own purpose only', async () => {
    const registry = new FileRegistry();
    writeFileSync(join(dir, 'district.pub'), '{"format":"x"}');
    const picked = registry.register({ purpose: 'districtKey', name: 'district.pub', source: { kind: 'path', path: join(dir, 'district.pub'), owned: false } });
    expect(picked.handle).toMatch(FILE_HANDLE_PATTERN);
    expect(picked).toMatchObject({ name: 'district.pub', size: 14 });
    expect(Buffer.from((await registry.read(picked.handle, 'districtKey')).bytes).toString()).toBe('{"format":"x"}');
    expect(codeOf(() => registry.pathOf(picked.handle, 'bundles'))).toBe('FILE_HANDLE_UNKNOWN');
    expect(codeOf(() => registry.pathOf('f_AAAAAAAAAAAAAAAAAAAAAA', 'districtKey'))).toBe('FILE_HANDLE_UNKNOWN');
    expect(codeOf(() => registry.pathOf('/etc/passwd', 'districtKey'))).toBe('FILE_HANDLE_UNKNOWN');
    expect(registry.register({ purpose: 'photo', name: 'p.jpg', source: { kind: 'bytes', bytes: new Uint8Array(3) } }).handle).not.toBe(picked.handle);
  });

  it('refuses a file over its purpose limit, and deletes an uploaded copy it refused', () => {
    const registry = new FileRegistry();
    mkdirSync(join(dir, 'upload'));
    const copy = join(dir, 'upload', 'big.pub');
    writeFileSync(copy, Buffer.alloc(65 * 1024));
    expect(codeOf(() => registry.register({ purpose: 'districtKey', name: 'big.pub', source: { kind: 'path', path: copy, owned: true } }))).toBe('FILE_TOO_LARGE');
    expect(existsSync(copy)).toBe(false);
  });

  it('expires handles after an hour, deleting the copies it owns but never the officer’s own files', () => {
    let now = 0;
    const registry = new FileRegistry(() => now);
    mkdirSync(join(dir, 'upload'));
    writeFileSync(join(dir, 'upload', 'b.chd'), 'x');
    writeFileSync(join(dir, 'mine.chd'), 'x');
    const owned = registry.register({ purpose: 'bundles', name: 'b.chd', source: { kind: 'path', path: join(dir, 'upload', 'b.chd'), owned: true } });
    const theirs = registry.register({ purpose: 'bundles', name: 'mine.chd', source: { kind: 'path', path: join(dir, 'mine.chd'), owned: false } });
    now = 59 * 60_000;
    expect(registry.pathOf(owned.handle, 'bundles').path).toBe(join(dir, 'upload', 'b.chd'));
    now = 61 * 60_000;
    expect(codeOf(() => registry.pathOf(theirs.handle, 'bundles'))).toBe('FILE_HANDLE_UNKNOWN');
    expect(existsSync(join(dir, 'upload'))).toBe(false);
    expect(existsSync(join(dir, 'mine.chd'))).toBe(true);
  });

  it('writes save targets owner-only on disk, or into memory for a download, and clear() forgets everything', async () => {
    const registry = new FileRegistry();
    const onDisk = registry.target({ purpose: 'report', name: 'return.csv', where: { kind: 'path', path: join(dir, 'return.csv'), owned: false } });
    const inMemory = registry.target({ purpose: 'report', name: '../return.xlsx', where: { kind: 'memory' } });
    expect(inMemory.name).toBe('return.xlsx');
    expect(codeOf(() => registry.output(inMemory.handle))).toBe('FILE_HANDLE_UNKNOWN'); // nothing written yet
    await registry.write(onDisk.handle, 'report', 'a,b\n');
    await registry.write(inMemory.handle, 'report', new Uint8Array([1, 2, 3]));
    expect(statSync(join(dir, 'return.csv')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'return.csv'), 'utf8')).toBe('a,b\n');
    expect(registry.output(inMemory.handle)).toMatchObject({ kind: 'bytes', name: 'return.xlsx', bytes: new Uint8Array([1, 2, 3]) });
    expect(codeOf(() => registry.pathOf(onDisk.handle, 'report'))).toBe('FILE_HANDLE_UNKNOWN'); // a target is not a picked file
    registry.clear();
    expect(registry.size).toBe(0);
    expect(codeOf(() => registry.output(inMemory.handle))).toBe('FILE_HANDLE_UNKNOWN');
  });
});
