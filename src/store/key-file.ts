import { randomBytes, scrypt as scryptCallback, createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { base32 } from '@scure/base';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { withExclusiveLock } from './file-lock.js';

/**
 * Key slots (LUKS-like). The register is encrypted with one random 32-byte data key. Each user has a slot in
 * the key file beside the register (`<db>.keys.json`): the data key wrapped with AES-256-GCM under a key
 * derived from the user's passphrase with scrypt. Changing a passphrase rewraps one slot; removing a user
 * deletes one slot.
 *
 * The recovery key is the data key itself, printed once, rather than another slot (DESIGN.md said a slot):
 * a slot would live in the key file, and a station that loses the key file with a dead PC would lose the
 * register too. The printed data key opens the register file alone, with this app or standard SQLCipher 4
 * tools.
 */

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

export const KEY_FILE_FORMAT = 'childdesk-keys/1';
/** N=2^16, r=8: about 0.3 s and 64 MiB on the target PCs, so unlock stays inside 150-600 ms. */
export const DEFAULT_SCRYPT = { N: 2 ** 16, r: 8, p: 1 } as const;

/**
 * The key file is read before anything is authenticated, so its scrypt settings are bounded before use: an
 * edited N or r would otherwise cost every login seconds and gigabytes. Up to 4x the default work (memory
 * 128*N*r bytes, at most 256 MiB), never below the cheapest setting the tests use.
 */
export const MAX_SCRYPT_WORK = 4 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r * DEFAULT_SCRYPT.p;
const kdfSchema = z
  .object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 14).max(2 ** 18).refine((n) => (n & (n - 1)) === 0, 'must be a power of two'),
    r: z.number().int().min(8).max(16),
    p: z.number().int().min(1).max(4),
    salt: z.base64(),
  })
  .refine((k) => k.N * k.r * k.p <= MAX_SCRYPT_WORK, 'costs more than a login may');

const b64 = z.base64();
const slotSchema = z.object({
  userId: z.string(),
  username: z.string(),
  kdf: kdfSchema,
  iv: b64,
  tag: b64,
  wrappedKey: b64,
});
const keyFileSchema = z.object({
  format: z.literal(KEY_FILE_FORMAT),
  registerId: z.string(),
  slots: z.array(slotSchema),
  /** Consecutive wrong passphrases per user name, for the growing delay. */
  failures: z.record(z.string(), z.object({ count: z.number().int(), lastAt: z.string() })).default({}),
  /**
   * Login attempts still being checked, per user name: each attempt is counted under the lock before its
   * passphrase is checked, so guesses sent in parallel cannot all slip past the delay.
   */
  attempts: z.record(z.string(), z.array(z.object({ id: z.string(), at: z.string() }))).default({}),
  /**
   * Logins and failed logins are written here (under the key file's lock, never the register's write lock) and
   * moved into the audit trail when the register is next free to write: logging in never waits for a writer.
   */
  pendingFailedLogins: z.array(z.object({ id: z.string().optional(), at: z.string(), username: z.string() })).default([]),
  pendingLogins: z.array(z.object({ id: z.string(), at: z.string(), userId: z.string() })).default([]),
  /** Set while pending logins are being moved into the audit trail: rows after `afterSeq` may already hold some. */
  settling: z.object({ afterSeq: z.number().int() }).optional(),
});

export type KeySlot = z.infer<typeof slotSchema>;
export type KeyFile = z.infer<typeof keyFileSchema>;
type ScryptParams = { N: number; r: number; p: number };

export function keyFilePathFor(dbPath: string): string {
  return `${dbPath}.keys.json`;
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** Binds a slot to its register and user, so a slot copied to another user or register does not open. */
function slotAad(registerId: string, slot: Pick<KeySlot, 'userId' | 'username'>): Buffer {
  return Buffer.from(`${KEY_FILE_FORMAT}|${registerId}|${slot.userId}|${slot.username}`, 'utf8');
}

async function deriveSlotKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = 256 * params.N * params.r + 16 * 1024 * 1024;
  return scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem });
}

export async function createSlot(
  registerId: string,
  user: { userId: string; username: string },
  passphrase: string,
  dataKey: Buffer,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<KeySlot> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const slotKey = await deriveSlotKey(passphrase, salt, params);
  const cipher = createCipheriv('aes-256-gcm', slotKey, iv);
  cipher.setAAD(slotAad(registerId, user));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    ...user,
    kdf: { name: 'scrypt', ...params, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
  };
}

/** The data key, or null when the passphrase is wrong (GCM authentication fails). */
export async function openSlot(registerId: string, slot: KeySlot, passphrase: string): Promise<Buffer | null> {
  const { N, r, p, salt } = slot.kdf;
  const slotKey = await deriveSlotKey(passphrase, Buffer.from(salt, 'base64'), { N, r, p });
  const decipher = createDecipheriv('aes-256-gcm', slotKey, Buffer.from(slot.iv, 'base64'));
  decipher.setAAD(slotAad(registerId, slot));
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export function readKeyFile(path: string): KeyFile {
  if (!existsSync(path)) {
    throw new AppError('NOT_A_REGISTER', `There is no key file (${path}) beside it: if it is a register, put its key file back, or unlock it with the recovery key (childdesk recover).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('NOT_A_REGISTER', `The key file ${path} is not readable.`);
  }
  const result = keyFileSchema.safeParse(parsed);
  if (!result.success) throw new AppError('NOT_A_REGISTER', `The key file ${path} is damaged.`);
  return result.data;
}

/**
 * Write-then-rename with fsync, so a crash leaves either the old key file or the new one, never half. Only for
 * a key file nobody else can see yet (a register being made) or under the lock (`updateKeyFile`).
 */
export function writeKeyFile(path: string, keyFile: KeyFile): void {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temporary, `${JSON.stringify(keyFile, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
}

export function keyFileLockPath(keyPath: string): string {
  return `${keyPath}.lock`;
}

/**
 * The one way to change a key file that others may be using: under an exclusive lock, re-read it, apply the
 * change to what is there now (never to a copy read before), and replace it atomically. `change` returns the
 * new contents, or null to leave the file as it is. Synchronous: nothing slow (no passphrase check) may run
 * while the lock is held. Returns the key file as it is after the change.
 */
export function updateKeyFile(path: string, change: (current: KeyFile) => KeyFile | null): KeyFile {
  return withKeyFileLock(path, () => {
    const current = readKeyFile(path);
    const next = change(current);
    if (next === null) return current;
    writeKeyFile(path, next);
    return next;
  });
}

/** Runs `work` holding the key file's lock, for a change that must span more than the key file (see register.ts). */
export function withKeyFileLock<T>(path: string, work: () => T): T {
  return withExclusiveLock(keyFileLockPath(path), work);
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS rename is journalled there.
  }
}

// Recovery key: the 32-byte data key plus a 2-byte checksum, in base32 groups of five that a person can copy
// from paper. The checksum tells a typo apart from a key that belongs to another register.
const RECOVERY_CHECKSUM_BYTES = 2;

function recoveryChecksum(dataKey: Buffer): Buffer {
  return createHash('sha256').update('childdesk-recovery').update(dataKey).digest().subarray(0, RECOVERY_CHECKSUM_BYTES);
}

export function formatRecoveryKey(dataKey: Buffer): string {
  const encoded = base32.encode(Buffer.concat([dataKey, recoveryChecksum(dataKey)])).replace(/=+$/, '');
  return encoded.match(/.{1,5}/g)!.join('-');
}

/** The data key from a typed recovery key; throws WRONG_RECOVERY_KEY on a typo. */
export function parseRecoveryKey(typed: string): Buffer {
  const compact = typed.toUpperCase().replace(/[^A-Z2-7]/g, '');
  let bytes: Uint8Array;
  try {
    const padded = compact + '='.repeat((8 - (compact.length % 8)) % 8);
    bytes = base32.decode(padded);
  } catch {
    throw new AppError('WRONG_RECOVERY_KEY', 'It contains characters that are not in a recovery key.');
  }
  if (bytes.length !== 32 + RECOVERY_CHECKSUM_BYTES) {
    throw new AppError('WRONG_RECOVERY_KEY', 'It has the wrong length.');
  }
  const dataKey = Buffer.from(bytes.subarray(0, 32));
  if (!recoveryChecksum(dataKey).equals(Buffer.from(bytes.subarray(32)))) {
    throw new AppError('WRONG_RECOVERY_KEY', 'It has a typo (its check digits do not match).');
  }
  return dataKey;
}
