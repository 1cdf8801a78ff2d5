import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createCase, listCases } from '../../src/services/cases.js';
import { login } from '../../src/services/register.js';
import type { Session } from '../../src/services/session.js';
import { addStationUser, changePassphrase } from '../../src/services/users.js';
import { keyFileLockPath, keyFilePathFor, readKeyFile, updateKeyFile } from '../../src/store/key-file.js';
import { withExclusiveLock } from '../../src/store/file-lock.js';
import { juvenileCase, newStation, PASSPHRASE, tempDir, testOptions } from '../support/register.js';

/**
 * The key file's races, reproduced (issue 13, first finding). Each test failed before the key file was changed
 * only under its lock, re-read inside it: a failed login wrote back the copy it had read before its passphrase
 * check, parallel guesses all slipped past the delay, and failed logins went missing from the audit trail.
 */

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

function auditCount(session: Session, action: string): number {
  return session.register.db.sqlite.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action) as number;
}

describe('the key file under concurrent use', () => {
  it('a wrong login running while the passphrase changes does not undo the change', async () => {
    const { path, session } = await newStation(dir);
    // A wrong user name checks a decoy slot at full cost (slower than the change): before the lock, it read the
    // key file first, then wrote its stale copy back over the new slot.
    const wrong = codeOf(login(path, 'nobody', 'not the passphrase', testOptions()));
    const change = changePassphrase(session, 'incharge', 'the new passphrase here');
    await change;
    expect(await wrong).toBe('WRONG_PASSPHRASE');
    session.register.close();
    expect(await codeOf(login(path, 'incharge', PASSPHRASE, testOptions()))).toBe('WRONG_PASSPHRASE');
    const again = await login(path, 'incharge', 'the new passphrase here', testOptions());
    again.register.close();
  });

  it("a wrong login running while a user is added does not drop the new user's slot", async () => {
    const { path, session } = await newStation(dir);
    const wrong = Promise.all([1, 2].map((i) => codeOf(login(path, `nobody${i}`, 'not the passphrase', testOptions()))));
    await addStationUser(session, { username: 'asif.desk', role: 'desk_officer' }, 'desk officer passphrase');
    expect(await wrong).toEqual(['WRONG_PASSPHRASE', 'WRONG_PASSPHRASE']);
    session.register.close();
    expect(readKeyFile(keyFilePathFor(path)).slots.map((s) => s.username).sort()).toEqual(['asif.desk', 'incharge']);
    (await login(path, 'asif.desk', 'desk officer passphrase', testOptions())).register.close();
  });

  it('counts guesses sent in parallel one by one: the fourth waits, and every failure reaches the audit trail', async () => {
    let now = new Date('2026-11-21T10:00:00Z');
    const options = testOptions(() => new Date(now));
    const { path, session } = await newStation(dir, options);
    session.register.close();
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => codeOf(login(path, 'incharge', `wrong guess ${i}!!`, options))));
    expect(outcomes.filter((c) => c === 'WRONG_PASSPHRASE')).toHaveLength(3);
    expect(outcomes.filter((c) => c === 'LOCKED_OUT')).toHaveLength(7);
    expect(readKeyFile(keyFilePathFor(path)).failures.incharge?.count).toBe(3);
    expect(readKeyFile(keyFilePathFor(path)).attempts).toEqual({});
    expect(await codeOf(login(path, 'incharge', PASSPHRASE, options))).toBe('LOCKED_OUT');
    now = new Date(now.getTime() + 6_000);
    const ok = await login(path, 'incharge', PASSPHRASE, options);
    expect(auditCount(ok, 'login.failed')).toBe(3);
    expect(ok.register.audit.verify().ok).toBe(true);
    ok.register.close();
  });

  it('keeps failed logins that happen while another user logs in (none is dropped from the audit trail)', async () => {
    const { path, session } = await newStation(dir);
    session.register.close();
    const results = await Promise.all([
      codeOf(login(path, 'ghost1', 'not the passphrase', testOptions())),
      login(path, 'incharge', PASSPHRASE, testOptions()).then((s) => (s.register.close(), 'ok')),
      codeOf(login(path, 'ghost2', 'not the passphrase', testOptions())),
    ]);
    expect(results).toEqual(['WRONG_PASSPHRASE', 'ok', 'WRONG_PASSPHRASE']);
    const later = await login(path, 'incharge', PASSPHRASE, testOptions());
    later.register.close();
    const audit = (await login(path, 'incharge', PASSPHRASE, testOptions())).register;
    const failed = audit.db.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'login.failed'").pluck().all() as string[];
    expect(failed.map((d) => JSON.parse(d).username).sort()).toEqual(['ghost1', 'ghost2']);
    // Three logins: the one beside the failures, `later`, and this one.
    expect(audit.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'login'").pluck().get()).toBe(3);
    audit.close();
    expect(readKeyFile(keyFilePathFor(path))).toMatchObject({ pendingLogins: [], pendingFailedLogins: [] });
  });

  it('a failure time in the future (the clock was ahead) costs at most the usual delay, not days', async () => {
    const now = new Date('2026-11-21T10:00:00Z');
    const options = testOptions(() => new Date(now));
    const { path, session } = await newStation(dir, options);
    session.register.close();
    updateKeyFile(keyFilePathFor(path), (k) => ({ ...k, failures: { incharge: { count: 40, lastAt: '2026-11-26T10:00:00.000Z' } } }));
    const error = await login(path, 'incharge', PASSPHRASE, options).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('LOCKED_OUT');
    expect((error as AppError).message).toMatch(/in 300 seconds/);
  });

  it('refuses an edited scrypt cost before spending it (a login must not cost seconds and gigabytes)', async () => {
    const { path, session } = await newStation(dir);
    session.register.close();
    const keyPath = keyFilePathFor(path);
    const edited = JSON.parse(readFileSync(keyPath, 'utf8'));
    edited.slots[0].kdf.N = 2 ** 22;
    writeFileSync(keyPath, JSON.stringify(edited));
    const started = Date.now();
    const error = await login(path, 'incharge', PASSPHRASE, testOptions()).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('NOT_A_REGISTER');
    expect((error as AppError).message).toMatch(/damaged/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('waits for the lock rather than writing over a change in progress, and says "busy" if it is never freed', async () => {
    const { path, session } = await newStation(dir);
    const keyPath = keyFilePathFor(path);
    const busy = (() => {
      try {
        withExclusiveLock(keyFileLockPath(keyPath), () => withExclusiveLock(keyFileLockPath(keyPath), () => 'nested', 100));
        return 'ok';
      } catch (error) {
        return (error as AppError).code;
      }
    })();
    // One thread holding the lock and asking again waits for itself: the timeout turns that into "busy".
    expect(busy).toBe('REGISTER_BUSY');
    session.register.close();
  });
});

describe('logging in needs no write lock', () => {
  it('logs in and reads while another connection holds the write lock; the login reaches the audit trail later', async () => {
    const { path, session } = await newStation(dir);
    createCase(session, juvenileCase());
    const writer = session.register.db.sqlite;
    writer.exec('BEGIN IMMEDIATE');
    try {
      const reader = await login(path, 'incharge', PASSPHRASE, { ...testOptions(), busyTimeoutMs: 100 });
      expect(listCases(reader)).toHaveLength(1);
      reader.register.close();
      expect(readKeyFile(keyFilePathFor(path)).pendingLogins).toHaveLength(1);
    } finally {
      writer.exec('COMMIT');
    }
    session.register.close();
    expect(readKeyFile(keyFilePathFor(path)).pendingLogins).toHaveLength(0);
    const check = await login(path, 'incharge', PASSPHRASE, testOptions());
    expect(check.register.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'login'").pluck().get()).toBe(2);
    expect(check.register.audit.verify().ok).toBe(true);
    check.register.close();
  });

  it('moves each waiting login into the audit trail exactly once, even when a move was cut short after its commit', async () => {
    const { path, session } = await newStation(dir);
    session.register.close();
    const keyPath = keyFilePathFor(path);
    // Two logins waiting in the key file (the register was busy when they happened); the holder's own went in.
    const holder = await login(path, 'incharge', PASSPHRASE, testOptions());
    holder.register.db.sqlite.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 2; i++) {
      const s = await login(path, 'incharge', PASSPHRASE, testOptions());
      s.register.db.sqlite.close(); // closed without the settling close(): as if the process had ended
    }
    holder.register.db.sqlite.exec('COMMIT');
    const waiting = readKeyFile(keyPath);
    expect(waiting.pendingLogins).toHaveLength(2);
    const seqBefore = holder.register.db.sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    holder.register.settleLoginAudit();
    // Now put back the key file as a crash right after the commit would have left it.
    writeFileSync(keyPath, JSON.stringify({ ...waiting, settling: { afterSeq: seqBefore } }));
    holder.register.settleLoginAudit();
    const logins = holder.register.db.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'login'").pluck().get();
    expect(logins).toBe(3);
    const after = readKeyFile(keyPath);
    expect(after.pendingLogins).toEqual([]);
    expect(after.settling).toBeUndefined();
    holder.register.close();
  });
});
