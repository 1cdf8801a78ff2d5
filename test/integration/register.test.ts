import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32nopad } from '@scure/base';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { fixedClock } from '../../src/core/time.js';
import { createCase } from '../../src/services/cases.js';
import { initStation, login, recoverAccess } from '../../src/services/register.js';
import { addStationUser, changePassphrase, removeStationUser } from '../../src/services/users.js';
import { keyFilePathFor, readKeyFile } from '../../src/store/key-file.js';
import { juvenileCase, newStation, PASSPHRASE, tempDir, testOptions } from '../support/register.js';

async function expectCode(promise: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('the encrypted register', () => {
  it('holds no readable plaintext: the child name is not in the database, WAL or key file bytes', async () => {
    const { path, session } = await newStation(dir);
    const marker = 'Qandeelbibi Unmistakable';
    createCase(session, juvenileCase({ child: { name: marker, altName: 'قندیل بی بی', gender: 'female', claimedAge: 12 } }));
    // Inspect while the WAL still holds the write, and again after a checkpoint into the main file.
    const files = () => readdirSync(dir).map((f) => readFileSync(join(dir, f)));
    const needles = [marker, 'Qandeel', 'قندیل', 'QTA01-2026-0001'].map((s) => Buffer.from(s, 'utf8'));
    for (const bytes of files()) for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
    session.register.close();
    for (const bytes of files()) for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('unlocks with the right passphrase and refuses a wrong one without opening anything', async () => {
    const { path, session } = await newStation(dir);
    session.register.close();
    const ok = await login(path, 'incharge', PASSPHRASE, testOptions());
    expect(ok.user.role).toBe('station_incharge');
    ok.register.close();
    const error = await expectCode(login(path, 'incharge', 'not the passphrase', testOptions()), 'WRONG_PASSPHRASE');
    expect(error.message).not.toContain('not the passphrase');
    await expectCode(login(path, 'nobody', PASSPHRASE, testOptions()), 'WRONG_PASSPHRASE');
  });

  it('makes a person wait longer after repeated wrong passphrases, then lets the right one in', async () => {
    let now = new Date('2026-11-21T10:00:00Z');
    const options = testOptions(() => new Date(now));
    const { path, session } = await newStation(dir, options);
    session.register.close();
    for (let i = 0; i < 3; i++) await expectCode(login(path, 'incharge', 'wrong passphrase', options), 'WRONG_PASSPHRASE');
    const locked = await expectCode(login(path, 'incharge', PASSPHRASE, options), 'LOCKED_OUT');
    expect(locked.message).toMatch(/5 seconds/);
    now = new Date(now.getTime() + 6_000);
    await expectCode(login(path, 'incharge', 'wrong again!!', options), 'WRONG_PASSPHRASE');
    const longer = await expectCode(login(path, 'incharge', PASSPHRASE, options), 'LOCKED_OUT');
    expect(longer.message).toMatch(/10 seconds/);
    now = new Date(now.getTime() + 11_000);
    const { register } = await login(path, 'incharge', PASSPHRASE, options);
    // The failed attempts were recorded while locked and land in the audit trail now.
    const actions = register.audit.recent(10).map((r) => r.action);
    expect(actions.filter((a) => a === 'login.failed')).toHaveLength(4);
    expect(register.audit.verify().ok).toBe(true);
    register.close();
    expect(readKeyFile(keyFilePathFor(path)).failures).toEqual({});
  });

  it('adds a user with their own slot, changes a passphrase by rewrapping one slot, and removes a user', async () => {
    const { path, session } = await newStation(dir);
    await addStationUser(session, { username: 'asif.desk', role: 'desk_officer' }, 'desk officer passphrase');
    const slotsBefore = readKeyFile(keyFilePathFor(path)).slots;
    expect(slotsBefore.map((s) => s.username).sort()).toEqual(['asif.desk', 'incharge']);
    await changePassphrase(session, 'asif.desk', 'a brand new passphrase');
    const slotsAfter = readKeyFile(keyFilePathFor(path)).slots;
    expect(slotsAfter.find((s) => s.username === 'incharge')).toEqual(slotsBefore.find((s) => s.username === 'incharge'));
    session.register.close();

    await expectCode(login(path, 'asif.desk', 'desk officer passphrase', testOptions()), 'WRONG_PASSPHRASE');
    const desk = await login(path, 'asif.desk', 'a brand new passphrase', testOptions());
    await expectCode(() => removeStationUser(desk, 'incharge'), 'FORBIDDEN');
    desk.register.close();

    const admin = await login(path, 'incharge', PASSPHRASE, testOptions());
    removeStationUser(admin, 'asif.desk');
    await expectCode(() => removeStationUser(admin, 'incharge'), 'INVALID_INPUT');
    admin.register.close();
    expect(readKeyFile(keyFilePathFor(path)).slots.map((s) => s.username)).toEqual(['incharge']);
    await expectCode(login(path, 'asif.desk', 'a brand new passphrase', testOptions()), 'WRONG_PASSPHRASE');
  });

  it('refuses weak passphrases and duplicate users', async () => {
    const { session } = await newStation(dir);
    await expectCode(addStationUser(session, { username: 'new.user', role: 'desk_officer' }, 'short'), 'PASSPHRASE_TOO_WEAK');
    await expectCode(addStationUser(session, { username: 'incharge', role: 'desk_officer' }, 'long enough passphrase'), 'USER_EXISTS');
    await expectCode(addStationUser(session, { username: 'cpu', role: 'district_officer' }, 'long enough passphrase'), 'INVALID_INPUT');
    session.register.close();
  });

  it('opens as a plain SQLCipher 4 file with the recovery key decoded as the README says, in WAL with synchronous=FULL', async () => {
    const { path, session, recoveryKey } = await newStation(dir);
    createCase(session, juvenileCase());
    session.register.close();
    // README: remove the dashes, decode as RFC 4648 base32 (unpadded) to 34 bytes, use the first 32 in hex.
    const bytes = base32nopad.decode(recoveryKey.replace(/-/g, ''));
    expect(bytes).toHaveLength(34);
    const hex = Buffer.from(bytes.subarray(0, 32)).toString('hex');
    const raw = new Database(path, { fileMustExist: true });
    try {
      // SQLCipher 4 defaults (what `PRAGMA cipher_compatibility = 4` selects in the sqlcipher tool).
      raw.pragma("cipher = 'sqlcipher'");
      raw.pragma('legacy = 4');
      raw.pragma(`key = "x'${hex}'"`);
      expect(raw.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
    const again = await login(path, 'incharge', PASSPHRASE, testOptions());
    expect(again.register.db.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    again.register.close();
  });

  it('opens with the printed recovery key even when the key file is lost, and restores a login', async () => {
    const { path, session, recoveryKey } = await newStation(dir);
    const { caseNumber } = createCase(session, juvenileCase());
    session.register.close();
    rmSync(keyFilePathFor(path));
    await expectCode(login(path, 'incharge', PASSPHRASE, testOptions()), 'NOT_A_REGISTER');
    // Lower case, spaces instead of dashes: as a person would type it from paper.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const recovered = await recoverAccess(path, typed, 'incharge', 'recovered passphrase', testOptions());
    recovered.register.close();
    const again = await login(path, 'incharge', 'recovered passphrase', testOptions());
    expect(again.register.cases.get(caseNumber)?.caseNumber).toBe(caseNumber);
    again.register.close();
    expect(readKeyFile(keyFilePathFor(path)).slots.map((s) => s.username)).toEqual(['incharge']);
  });

  it('sets aside, never deletes, a key file that belongs to another register', async () => {
    const { path, session, recoveryKey } = await newStation(dir);
    session.register.close();
    const other = tempDir();
    const second = await newStation(other.dir);
    second.session.register.close();
    const foreignKeyFile = readFileSync(keyFilePathFor(second.path));
    writeFileSync(keyFilePathFor(path), foreignKeyFile);
    const mismatch = await expectCode(login(path, 'incharge', PASSPHRASE, testOptions()), 'NOT_A_REGISTER');
    expect(mismatch.message).toMatch(/belongs to another register/);
    const recovered = await recoverAccess(path, recoveryKey, 'incharge', 'recovered passphrase', testOptions());
    recovered.register.close();
    const setAside = readdirSync(dir).filter((f) => f.includes('.set-aside-'));
    expect(setAside).toHaveLength(1);
    expect(readFileSync(join(dir, setAside[0]!)).equals(foreignKeyFile)).toBe(true);
    other.cleanup();
  });

  it('recovers a forgotten passphrase with the recovery key', async () => {
    const { path, session, recoveryKey } = await newStation(dir);
    const { caseNumber } = createCase(session, juvenileCase());
    session.register.close();
    const recovered = await recoverAccess(path, recoveryKey, 'incharge', 'recovered passphrase', testOptions());
    recovered.register.close();
    const again = await login(path, 'incharge', 'recovered passphrase', testOptions());
    expect(again.register.cases.get(caseNumber)?.child.name).toBe('زینب بی بی');
    expect(again.register.audit.recent(50).some((r) => r.action === 'login.recovery')).toBe(true);
    again.register.close();
  });

  it('tells a typo in the recovery key apart from a key of another register', async () => {
    const { path, session, recoveryKey } = await newStation(dir);
    session.register.close();
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await expectCode(recoverAccess(path, typo, 'incharge', 'recovered passphrase', testOptions()), 'WRONG_RECOVERY_KEY')).message).toMatch(/typo/);
    const other = tempDir();
    const second = await newStation(other.dir);
    second.session.register.close();
    expect((await expectCode(recoverAccess(path, second.recoveryKey, 'incharge', 'recovered passphrase', testOptions()), 'WRONG_RECOVERY_KEY')).message).toMatch(/another register/);
    other.cleanup();
  });

  it('says "not a Child Help Desk register" for a file that is not one, and for a missing file', async () => {
    const junk = join(dir, 'notes.db');
    writeFileSync(junk, 'these are not the droids');
    await expectCode(login(junk, 'incharge', PASSPHRASE, testOptions()), 'NOT_A_REGISTER');
    await expectCode(login(join(dir, 'absent.db'), 'incharge', PASSPHRASE, testOptions()), 'NOT_A_REGISTER');
    // A real key file beside a damaged database.
    const { path, session } = await newStation(dir);
    session.register.close();
    writeFileSync(path, Buffer.alloc(8192, 7));
    await expectCode(login(path, 'incharge', PASSPHRASE, testOptions()), 'NOT_A_REGISTER');
  });

  it('never overwrites an existing register and leaves nothing behind when creation fails', async () => {
    const { path, session } = await newStation(dir);
    session.register.close();
    const before = readFileSync(path);
    await expectCode(newStation(dir), 'REGISTER_EXISTS');
    expect(readFileSync(path).equals(before)).toBe(true);

    const bad = join(dir, 'bad.db');
    await expectCode(
      initStation({ path: bad, stationCode: 'QTA02', stationName: 'X', district: 'Quetta', username: 'boss', passphrase: 'long enough passphrase' }, { ...testOptions(), migrationsFolder: join(dir, 'no-such-folder') }),
      'NOT_A_REGISTER',
    );
    expect(existsSync(bad)).toBe(false);
    expect(existsSync(keyFilePathFor(bad))).toBe(false);
  });

  it('rejects bad station details with the field named', async () => {
    const error = await expectCode(
      initStation({ path: join(dir, 'x.db'), stationCode: 'q', stationName: '', district: 'Quetta', username: 'boss', passphrase: 'long enough passphrase' }, testOptions()),
      'INVALID_INPUT',
    );
    expect(error.message).toMatch(/stationCode/);
    expect(error.message).toMatch(/stationName/);
  });

  it('keeps time from the injected clock', async () => {
    const { session } = await newStation(dir, testOptions(fixedClock('2026-01-02T03:04:05Z')));
    const { id } = createCase(session, juvenileCase());
    expect(session.register.cases.get(id)?.createdAt).toBe('2026-01-02T03:04:05.000Z');
    session.register.close();
  });
});
