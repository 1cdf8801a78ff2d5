import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_ID_PATTERN } from '../../src/core/errors.js';
import { describeUnexpected, RotatingLog } from '../../src/services/diagnostics.js';
import { login } from '../../src/services/register.js';
import { ServicesClient } from '../../src/services/services-client.js';
import { FAST_SCRYPT, juvenileCase, PASSPHRASE, tempDir } from '../support/register.js';

/**
 * The diagnostics log: a failure nobody foresaw is logged with its cause under an id the officer sees, and the
 * log never holds a child's name, a passphrase or case content, even when the error's own message quotes one.
 */
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('an unexpected error', () => {
  it('reaches the officer as INTERNAL with an error id in both languages, and the log holds its cause under that id, not the name it quoted', async () => {
    const logFile = join(dir, 'logs', 'childdesk.log');
    const registerPath = join(dir, 'station.db');
    const client = await ServicesClient.start({ registerPath, storeOptions: { scrypt: FAST_SCRYPT }, logFile });
    try {
      await client.call('session.setupStation', { stationCode: 'QTA01', stationName: 'Civil Lines', district: 'Quetta', username: 'incharge', passphrase: PASSPHRASE });
      const created = (await client.call('case.create', juvenileCase())) as { ok: true; result: { id: string } };
      // A damaged row whose text starts with the child's name: JSON.parse's own message quotes it
      // ("Unexpected token 'Z', "Zainab Bib"... is not valid JSON").
      const other = await login(registerPath, 'incharge', PASSPHRASE, { scrypt: FAST_SCRYPT });
      other.register.db.sqlite.prepare('UPDATE cases SET data = ? WHERE id = ?').run('Zainab Bibi زینب بی بی {', created.result.id);
      other.register.close();

      const failed = await client.call('case.get', { id: created.result.id });
      expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL', errorId: expect.stringMatching(ERROR_ID_PATTERN) } });
      const { error } = failed as { ok: false; error: { errorId: string; message: string; messageUr: string } };
      expect(error.message).toContain(`(error ${error.errorId})`);
      expect(error.messageUr).toContain(error.errorId);
      expect(JSON.stringify(error)).not.toMatch(/Zainab|زینب/);

      const text = readFileSync(logFile, 'utf8');
      const entry = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.errorId === error.errorId);
      expect(entry).toMatchObject({ level: 'error', event: 'call.unexpected', method: 'case.get', cause: { errorClass: 'SyntaxError', frames: expect.arrayContaining([expect.stringContaining('src/store/case-repository.ts')]) } });
      expect(text).not.toMatch(/Zainab|زینب|Bibi|Muhammad Ali|0300-1234567/);
      expect(text).not.toContain(PASSPHRASE);
      expect(text).not.toContain(dir); // no folder names either
      expect(statSync(logFile).mode & 0o777).toBe(0o600);
    } finally {
      await client.close();
    }
  });

  it('is reduced to its class, system code and stack frames; messages, including those of its causes, are dropped', () => {
    const sqlite = Object.assign(new Error('UNIQUE constraint failed: Amina'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const wrapped = new TypeError('while saving Amina', { cause: sqlite });
    const described = describeUnexpected(wrapped);
    expect(described).toMatchObject({ errorClass: 'TypeError', cause: { errorClass: 'Error', code: 'SQLITE_CONSTRAINT_UNIQUE' } });
    expect(JSON.stringify(described)).not.toContain('Amina');
    expect(describeUnexpected(Object.assign(new Error('x'), { code: 'Amina Bibi' })).code).toBeUndefined();
    expect(describeUnexpected('a thrown string naming Amina')).toEqual({ errorClass: 'string', frames: [] });
  });
});

describe('the log file', () => {
  it('rotates at its size cap, keeps a few generations, and every file is owner-only', () => {
    const path = join(dir, 'rotating', 'childdesk.log');
    const log = new RotatingLog(path, { maxBytes: 400, generations: 2 });
    for (let i = 0; i < 40; i++) log.write('info', 'call.slow', { method: 'case.list', ms: i });
    const files = readdirSync(join(dir, 'rotating')).sort();
    expect(files).toEqual(['childdesk.log', 'childdesk.log.1', 'childdesk.log.2']);
    for (const file of files) {
      expect(statSync(join(dir, 'rotating', file)).size).toBeLessThanOrEqual(400);
      expect(statSync(join(dir, 'rotating', file)).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(dir, 'rotating')).mode & 0o777).toBe(0o700);
    // The newest line is in the current file.
    expect(readFileSync(path, 'utf8')).toContain('"ms":39');
  });
});
