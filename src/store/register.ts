import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { newRecordId } from '../core/ids.js';
import { secondsUntilRetry } from '../core/login-policy.js';
import { adminRoleFor } from '../core/roles.js';
import { systemClock, type Clock } from '../core/time.js';
import type { User } from '../core/users.js';
import { AuditTrail } from './audit.js';
import { CaseRepository } from './case-repository.js';
import { ChecklistRepository } from './checklist-repository.js';
import { openEncryptedDatabase, type OpenDatabase } from './database.js';
import { KeyRing } from './key-ring.js';
import {
  createSlot,
  keyFilePathFor,
  newDataKey,
  openSlot,
  parseRecoveryKey,
  readKeyFile,
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

export type StoreOptions = { clock?: Clock; migrationsFolder?: string; scrypt?: { N: number; r: number; p: number } };

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

  close(): void {
    if (this.db.sqlite.open) this.db.sqlite.close();
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
    const keyFile: KeyFile = { format: KEY_FILE_FORMAT, registerId, slots: [slot], failures: {}, pendingFailedLogins: [] };
    writeKeyFile(keyPath, keyFile);
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

function recordFailure(keyPath: string, keyFile: KeyFile, username: string, at: Date): number {
  const count = (keyFile.failures[username]?.count ?? 0) + 1;
  writeKeyFile(keyPath, {
    ...keyFile,
    failures: { ...keyFile.failures, [username]: { count, lastAt: at.toISOString() } },
    pendingFailedLogins: [...keyFile.pendingFailedLogins, { at: at.toISOString(), username }].slice(-1000),
  });
  return count;
}

/**
 * Unlocks with a user's passphrase. A wrong passphrase opens nothing and counts towards the growing delay;
 * failed attempts are written to the audit trail at the next successful unlock.
 */
export async function unlockRegister(
  path: string,
  username: string,
  passphrase: string,
  options: StoreOptions = {},
): Promise<{ register: Register; user: User }> {
  const clock = options.clock ?? systemClock;
  const keyPath = keyFilePathFor(path);
  if (!existsSync(path)) throw new AppError('NOT_A_REGISTER', `There is no file at ${path}.`);
  const keyFile = readKeyFile(keyPath);
  const previous = keyFile.failures[username];
  if (previous) {
    const wait = secondsUntilRetry(previous.count, new Date(previous.lastAt), clock());
    if (wait > 0) throw new AppError('LOCKED_OUT', `Try again in ${wait} seconds.`);
  }
  const slot = keyFile.slots.find((s) => s.username === username);
  const dataKey = slot
    ? await openSlot(keyFile.registerId, slot, passphrase)
    : await decoySlotAttempt(keyFile.registerId, passphrase);
  if (!dataKey || !slot) {
    const count = recordFailure(keyPath, keyFile, username, clock());
    const wait = secondsUntilRetry(count, clock(), clock());
    throw new AppError('WRONG_PASSPHRASE', wait > 0 ? `Wait ${wait} seconds before the next try.` : undefined);
  }
  const db = openWithSlotKey(path, dataKey, options);
  try {
    const info = readInfo(db);
    if (info.registerId !== keyFile.registerId) throw new AppError('KEY_FILE_MISMATCH');
    const register = new Register(path, db, info, dataKey, clock, options.scrypt);
    const user = register.findUser(username);
    if (!user || user.removedAt || user.id !== slot.userId) throw new AppError('WRONG_PASSPHRASE');
    settleLoginAudit(register, keyFile, user, 'login');
    writeKeyFile(keyPath, { ...readKeyFile(keyPath), failures: withoutKey(keyFile.failures, username), pendingFailedLogins: [] });
    return { register, user };
  } catch (error) {
    db.sqlite.close();
    throw error;
  }
}

/** A key from a valid slot that does not open the file means the two files do not belong together. */
function openWithSlotKey(path: string, dataKey: Buffer, options: StoreOptions): OpenDatabase {
  try {
    return openEncryptedDatabase(path, dataKey, { migrationsFolder: options.migrationsFolder });
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
    db = openEncryptedDatabase(path, dataKey, { migrationsFolder: options.migrationsFolder });
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
  if (existsSync(keyPath)) {
    try {
      if (readKeyFile(keyPath).registerId === register.info.registerId) return;
    } catch {
      // damaged: fall through and move it aside
    }
    renameSync(keyPath, `${keyPath}.set-aside-${register.clock().toISOString().replace(/[:.]/g, '-')}`);
  }
  const fresh: KeyFile = { format: KEY_FILE_FORMAT, registerId: register.info.registerId, slots: [], failures: {}, pendingFailedLogins: [] };
  writeKeyFile(keyPath, fresh);
}

function settleLoginAudit(register: Register, keyFile: KeyFile, user: User, action: 'login'): void {
  register.db.sqlite.transaction(() => {
    for (const failed of keyFile.pendingFailedLogins) {
      register.audit.append({ action: 'login.failed', actorId: null, details: { username: failed.username }, at: failed.at });
    }
    register.audit.append({ action, actorId: user.id, entityType: 'user', entityId: user.id });
  })();
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}
