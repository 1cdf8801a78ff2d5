import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { newRecordId } from '../core/ids.js';
import { IN_FLIGHT_TTL_SECONDS, secondsBeforeNextAttempt, secondsUntilRetry } from '../core/login-policy.js';
import { adminRoleFor } from '../core/roles.js';
import { systemClock, type Clock } from '../core/time.js';
import type { User } from '../core/users.js';
import { AuditTrail } from './audit.js';
import { CaseRepository } from './case-repository.js';
import { ChecklistRepository } from './checklist-repository.js';
import { openEncryptedDatabase, tryBeginWrite, type OpenDatabase } from './database.js';
import { KeyRing } from './key-ring.js';
import {
  createSlot,
  keyFilePathFor,
  newDataKey,
  openSlot,
  parseRecoveryKey,
  readKeyFile,
  updateKeyFile,
  withKeyFileLock,
  writeKeyFile,
  formatRecoveryKey,
  KEY_FILE_FORMAT,
  DEFAULT_SCRYPT,
  type KeyFile,
} from './key-file.js';
import { registerInfo, users } from './schema.js';
import { SettingsRepository } from './settings-repository.js';

export type RegisterKind = 'station' | 'district';
export type RegisterInfo = {
  registerId: string;
  kind: RegisterKind;
  stationCode: string | null;
  stationName: string | null;
  district: string;
  createdAt: string;
};

export type StoreOptions = { clock?: Clock; migrationsFolder?: string; scrypt?: { N: number; r: number; p: number }; busyTimeoutMs?: number };

/** An unlocked register: the open database, its audit trail and repositories, and the data key in memory. */
export class Register {
  readonly audit: AuditTrail;
  readonly cases: CaseRepository;
  readonly settings: SettingsRepository;
  readonly checklist: ChecklistRepository;
  readonly keys: KeyRing;

  constructor(
    readonly path: string,
    readonly db: OpenDatabase,
    readonly info: RegisterInfo,
    private readonly dataKey: Buffer,
    readonly clock: Clock,
    readonly scryptParams: { N: number; r: number; p: number } = DEFAULT_SCRYPT,
  ) {
    this.audit = new AuditTrail(db.sqlite, clock);
    this.cases = new CaseRepository(db, this.audit, clock, info.stationCode ?? 'DISTRICT');
    this.settings = new SettingsRepository(db, this.audit, clock);
    this.checklist = new ChecklistRepository(db, this.audit, clock);
    this.keys = new KeyRing(db, this.audit, clock);
  }

  get keyFilePath(): string {
    return keyFilePathFor(this.path);
  }

  /** Wraps the data key for a user; the only way a new slot is made. */
  makeSlot(user: { userId: string; username: string }, passphrase: string) {
    return createSlot(this.info.registerId, user, passphrase, this.dataKey, this.scryptParams);
  }

  recoveryKey(): string {
    return formatRecoveryKey(this.dataKey);
  }

  findUser(username: string): User | null {
    return (this.db.orm.select().from(users).where(eq(users.username, username)).get() as User | undefined) ?? null;
  }

  listUsers(): User[] {
    return this.db.orm.select().from(users).all() as User[];
  }

  /**
   * Moves the logins and failed logins waiting in the key file into the audit trail, if the register is free to
   * write at this moment; otherwise they wait for the next chance (the next login, or a session closing), so a
   * login never waits for a writer. Exactly once even across a crash: the key file says, while it happens, after
   * which audit row the moved entries may already be.
   */
  settleLoginAudit(): void {
    const keyPath = this.keyFilePath;
    if (!existsSync(keyPath)) return;
    withKeyFileLock(keyPath, () => {
      const keyFile = readKeyFile(keyPath);
      if (keyFile.registerId !== this.info.registerId) return;
      if (keyFile.pendingLogins.length === 0 && keyFile.pendingFailedLogins.length === 0 && !keyFile.settling) return;
      const sqlite = this.db.sqlite;
      if (!tryBeginWrite(sqlite)) return;
      const done = { ...keyFile, pendingLogins: [], pendingFailedLogins: [], settling: undefined };
      try {
        const already = keyFile.settling ? this.loginEventsAfter(keyFile.settling.afterSeq) : new Set<string>();
        const logins = keyFile.pendingLogins.filter((e) => !already.has(e.id));
        const failed = keyFile.pendingFailedLogins.map((e) => ({ ...e, id: e.id ?? newRecordId() })).filter((e) => !already.has(e.id));
        const afterSeq = (sqlite.prepare('SELECT COALESCE(MAX(seq), 0) FROM audit_log').pluck().get() as number) ?? 0;
        writeKeyFile(keyPath, { ...keyFile, pendingLogins: logins, pendingFailedLogins: failed, settling: { afterSeq } });
        const events = [
          ...failed.map((e) => ({ at: e.at, entry: { action: 'login.failed' as const, actorId: null, details: { username: e.username, event: e.id }, at: e.at } })),
          ...logins.map((e) => ({ at: e.at, entry: { action: 'login' as const, actorId: e.userId, entityType: 'user', entityId: e.userId, details: { event: e.id }, at: e.at } })),
        ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
        for (const { entry } of events) this.audit.append(entry);
        sqlite.exec('COMMIT');
      } finally {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      }
      writeKeyFile(keyPath, done);
    });
  }

  /** Ids of logins already in the audit trail after `afterSeq` (an interrupted settle may have written them). */
  private loginEventsAfter(afterSeq: number): Set<string> {
    const rows = this.db.sqlite.prepare("SELECT details FROM audit_log WHERE seq > ? AND action IN ('login', 'login.failed')").pluck().all(afterSeq) as string[];
    return new Set(rows.map((d) => (JSON.parse(d) as { event?: string }).event).filter((id): id is string => typeof id === 'string'));
  }

  /** Settles waiting logins if it can (never waits, never fails), then closes and forgets the data key. */
  close(): void {
    if (this.db.sqlite.open) {
      try {
        this.settleLoginAudit();
      } catch {
        // They stay in the key file for the next chance; closing must not fail.
      }
      this.db.sqlite.close();
    }
    this.dataKey.fill(0);
  }

  /**
   * A copy of the data key for a second connection to this register in another thread of this process (a
   * long job writing while this connection keeps answering searches). It never leaves memory; the receiver
   * opens with openRegisterWithDataKey, which zeroes its copy when the register closes.
   */
  dataKeyForSecondConnection(): Buffer {
    // Buffer.alloc, not Buffer.from: a buffer of its own (never a slice of Node's shared pool), so it can be
    // handed to the other thread whole.
    const copy = Buffer.alloc(this.dataKey.length);
    this.dataKey.copy(copy);
    return copy;
  }
}

/**
 * A second connection to a register this process already unlocked (see dataKeyForSecondConnection). WAL lets
 * it write while the first connection reads the last committed state. Nothing is audited: the unlock was.
 */
export function openRegisterWithDataKey(path: string, dataKey: Buffer, options: StoreOptions = {}): Register {
  const db = openEncryptedDatabase(path, dataKey, { migrationsFolder: options.migrationsFolder });
  try {
    return new Register(path, db, readInfo(db), dataKey, options.clock ?? systemClock, options.scrypt);
  } catch (error) {
    db.sqlite.close();
    throw error;
  }
}

function readInfo(db: OpenDatabase): RegisterInfo {
  const row = db.orm.select().from(registerInfo).get();
  if (!row) throw new AppError('NOT_A_REGISTER', 'It has no register header.');
  const { singleton: _singleton, ...info } = row;
  return info;
}

export type CreateRegisterInput = {
  path: string;
  kind: RegisterKind;
  stationCode?: string;
  stationName?: string;
  district: string;
  firstUser: { username: string; displayName: string; passphrase: string };
};

/**
 * Creates a new register and its first (administering) user. Either everything is written — database, key
 * file, audit rows — or nothing is left behind.
 */
export async function createRegister(
  input: CreateRegisterInput,
  options: StoreOptions = {},
): Promise<{ register: Register; user: User; recoveryKey: string }> {
  const clock = options.clock ?? systemClock;
  const keyPath = keyFilePathFor(input.path);
  if (existsSync(input.path) || existsSync(keyPath)) throw new AppError('REGISTER_EXISTS', `${input.path}`);
  const dataKey = newDataKey();
  const registerId = newRecordId();
  const now = clock().toISOString();
  const user: User = {
    id: newRecordId(),
    username: input.firstUser.username,
    displayName: input.firstUser.displayName,
    role: adminRoleFor(input.kind),
    createdAt: now,
    removedAt: null,
  };
  let db: OpenDatabase | undefined;
  try {
    const slot = await createSlot(registerId, { userId: user.id, username: user.username }, input.firstUser.passphrase, dataKey, options.scrypt);
    db = openEncryptedDatabase(input.path, dataKey, { create: true, migrationsFolder: options.migrationsFolder });
    const info: RegisterInfo = {
      registerId,
      kind: input.kind,
      stationCode: input.stationCode ?? null,
      stationName: input.stationName ?? null,
      district: input.district,
      createdAt: now,
    };
    const register = new Register(input.path, db, info, dataKey, clock, options.scrypt);
    db.sqlite.transaction(() => {
      db!.orm.insert(registerInfo).values({ singleton: 1, ...info }).run();
      db!.orm.insert(users).values(user).run();
      register.audit.append({ action: 'register.create', actorId: user.id, details: { kind: input.kind } });
      register.audit.append({ action: 'user.add', actorId: user.id, entityType: 'user', entityId: user.id, details: { role: user.role } });
    })();
    writeKeyFile(keyPath, emptyKeyFile(registerId, [slot]));
    return { register, user, recoveryKey: formatRecoveryKey(dataKey) };
  } catch (error) {
    db?.sqlite.close();
    for (const leftover of [input.path, `${input.path}-wal`, `${input.path}-shm`, keyPath]) rmSync(leftover, { force: true });
    throw error;
  }
}

/** Costs the same as a real slot attempt, so a wrong user name is not told apart from a wrong passphrase. */
async function decoySlotAttempt(registerId: string, passphrase: string, params = DEFAULT_SCRYPT): Promise<null> {
  const decoy = await createSlot(registerId, { userId: 'decoy', username: 'decoy' }, 'decoy', randomBytes(32), params);
  return openSlot(registerId, decoy, passphrase).then(() => null);
}

/**
 * Counts an attempt before its passphrase is checked, under the key file's lock, and refuses it while the
 * user must wait. Returns the key file as read under the lock (its slots are what the attempt checks).
 */
function beginAttempt(keyPath: string, username: string, attemptId: string, now: Date): KeyFile {
  let wait = 0;
  const keyFile = updateKeyFile(keyPath, (current) => {
    wait = secondsBeforeNextAttempt({ failures: current.failures[username], inFlight: (current.attempts[username] ?? []).map((a) => a.at) }, now);
    if (wait > 0) return null;
    const running = (current.attempts[username] ?? []).filter((a) => now.getTime() - Math.min(Date.parse(a.at), now.getTime()) < IN_FLIGHT_TTL_SECONDS * 1000);
    return { ...current, attempts: { ...current.attempts, [username]: [...running, { id: attemptId, at: now.toISOString() }] } };
  });
  if (wait > 0) throw new AppError('LOCKED_OUT', `Try again in ${wait} seconds.`);
  return keyFile;
}

function withoutAttempt(keyFile: KeyFile, username: string, attemptId: string): KeyFile['attempts'] {
  const left = (keyFile.attempts[username] ?? []).filter((a) => a.id !== attemptId);
  return left.length > 0 ? { ...keyFile.attempts, [username]: left } : withoutKey(keyFile.attempts, username);
}

/** A wrong passphrase: one more failure, and a failed login waiting for the audit trail. Returns the new count. */
function recordFailure(keyPath: string, username: string, attemptId: string, at: Date): number {
  const after = updateKeyFile(keyPath, (current) => ({
    ...current,
    failures: { ...current.failures, [username]: { count: (current.failures[username]?.count ?? 0) + 1, lastAt: at.toISOString() } },
    attempts: withoutAttempt(current, username, attemptId),
    pendingFailedLogins: [...current.pendingFailedLogins, { id: attemptId, at: at.toISOString(), username }].slice(-MAX_PENDING_LOGINS),
  }));
  return after.failures[username]?.count ?? 1;
}

/** A right passphrase: the user's failures are forgiven and the login waits for the audit trail. */
function recordLogin(keyPath: string, user: User, attemptId: string, at: Date): void {
  updateKeyFile(keyPath, (current) => ({
    ...current,
    failures: withoutKey(current.failures, user.username),
    attempts: withoutAttempt(current, user.username, attemptId),
    pendingLogins: [...current.pendingLogins, { id: attemptId, at: at.toISOString(), userId: user.id }].slice(-MAX_PENDING_LOGINS),
  }));
}

/** Forgets an attempt that ended without an answer (the register would not open, the user was removed). */
function endAttempt(keyPath: string, username: string, attemptId: string): void {
  updateKeyFile(keyPath, (current) => (current.attempts[username]?.some((a) => a.id === attemptId) ? { ...current, attempts: withoutAttempt(current, username, attemptId) } : null));
}

/** Bounds the key file when the register stays too busy to take the logins for a long time. */
const MAX_PENDING_LOGINS = 1000;

/**
 * Unlocks with a user's passphrase. Every attempt is counted under the key file's lock before the passphrase is
 * checked; a wrong passphrase opens nothing and counts towards the growing delay. Logging in writes nothing to
 * the register: the login (and earlier failed ones) are moved into the audit trail when it is free to write.
 */
export async function unlockRegister(
  path: string,
  username: string,
  passphrase: string,
  options: StoreOptions = {},
): Promise<{ register: Register; user: User }> {
  const clock = options.clock ?? systemClock;
  const keyPath = keyFilePathFor(path);
  requireRegisterFile(path);
  const attemptId = newRecordId();
  const keyFile = beginAttempt(keyPath, username, attemptId, clock());
  const slot = keyFile.slots.find((s) => s.username === username);
  let dataKey: Buffer | null;
  try {
    dataKey = slot ? await openSlot(keyFile.registerId, slot, passphrase) : await decoySlotAttempt(keyFile.registerId, passphrase);
  } catch (error) {
    endAttempt(keyPath, username, attemptId);
    throw error;
  }
  if (!dataKey || !slot) {
    const count = recordFailure(keyPath, username, attemptId, clock());
    const wait = secondsUntilRetry(count, clock(), clock());
    throw new AppError('WRONG_PASSPHRASE', wait > 0 ? `Wait ${wait} seconds before the next try.` : undefined);
  }
  let db: OpenDatabase;
  try {
    db = openWithSlotKey(path, dataKey, options);
  } catch (error) {
    endAttempt(keyPath, username, attemptId);
    throw error;
  }
  try {
    const info = readInfo(db);
    if (info.registerId !== keyFile.registerId) throw new AppError('KEY_FILE_MISMATCH');
    const register = new Register(path, db, info, dataKey, clock, options.scrypt);
    const user = register.findUser(username);
    if (!user || user.removedAt || user.id !== slot.userId) throw new AppError('WRONG_PASSPHRASE');
    recordLogin(keyPath, user, attemptId, clock());
    register.settleLoginAudit();
    return { register, user };
  } catch (error) {
    db.sqlite.close();
    endAttempt(keyPath, username, attemptId);
    throw error;
  }
}

/** A key from a valid slot that does not open the file means the two files do not belong together. */
function openWithSlotKey(path: string, dataKey: Buffer, options: StoreOptions): OpenDatabase {
  try {
    return openEncryptedDatabase(path, dataKey, { migrationsFolder: options.migrationsFolder, busyTimeoutMs: options.busyTimeoutMs });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_A_REGISTER') {
      throw new AppError('NOT_A_REGISTER', 'Either the file is damaged, or the key file beside it belongs to another register.');
    }
    throw error;
  }
}

/** Unlocks with the printed recovery key (the data key); the key file is not needed. */
export async function unlockWithRecoveryKey(
  path: string,
  recoveryKey: string,
  options: StoreOptions = {},
): Promise<Register> {
  const clock = options.clock ?? systemClock;
  const dataKey = parseRecoveryKey(recoveryKey);
  let db: OpenDatabase;
  try {
    db = openEncryptedDatabase(path, dataKey, { migrationsFolder: options.migrationsFolder, busyTimeoutMs: options.busyTimeoutMs });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_A_REGISTER' && existsSync(path)) {
      throw new AppError('WRONG_RECOVERY_KEY', 'It belongs to another register, or the file is damaged.');
    }
    throw error;
  }
  try {
    const register = new Register(path, db, readInfo(db), dataKey, clock, options.scrypt);
    ensureOwnKeyFile(register);
    register.audit.append({ action: 'login.recovery', actorId: null });
    return register;
  } catch (error) {
    db.sqlite.close();
    throw error;
  }
}

/**
 * After a recovery the register must have a key file of its own for new slots. A missing one is created; a
 * damaged one, or one of another register, is moved aside (never deleted: it may be that register's only copy).
 */
function ensureOwnKeyFile(register: Register): void {
  const keyPath = register.keyFilePath;
  withKeyFileLock(keyPath, () => {
    if (existsSync(keyPath)) {
      try {
        if (readKeyFile(keyPath).registerId === register.info.registerId) return;
      } catch {
        // damaged: fall through and move it aside
      }
      renameSync(keyPath, `${keyPath}.set-aside-${register.clock().toISOString().replace(/[:.]/g, '-')}`);
    }
    writeKeyFile(keyPath, emptyKeyFile(register.info.registerId));
  });
}

export function emptyKeyFile(registerId: string, slots: KeyFile['slots'] = []): KeyFile {
  return { format: KEY_FILE_FORMAT, registerId, slots, failures: {}, attempts: {}, pendingFailedLogins: [], pendingLogins: [] };
}

/** A clear error for a path that cannot be a register: nothing there, or a folder. */
function requireRegisterFile(path: string): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new AppError('NOT_A_REGISTER', `There is no file at ${path}.`);
  }
  if (stats.isDirectory()) throw new AppError('NOT_A_REGISTER', `${path} is a folder: give the register's file inside it, e.g. ${join(path, 'station.db')}.`);
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
