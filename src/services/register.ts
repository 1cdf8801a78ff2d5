import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { STATION_CODE_PATTERN } from '../core/ids.js';
import { isAcceptablePassphrase } from '../core/login-policy.js';
import { usernameSchema } from '../core/users.js';
import type { AuditVerification } from '../store/audit.js';
import { createRegister, unlockRegister, unlockWithRecoveryKey, type StoreOptions } from '../store/register.js';
import { addUser, setPassphrase } from '../store/user-admin.js';
import { parseInput, requirePermission, type Session } from './session.js';

export function requireAcceptablePassphrase(passphrase: string): void {
  if (!isAcceptablePassphrase(passphrase)) throw new AppError('PASSPHRASE_TOO_WEAK');
}

const name = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const stationInitSchema = z.object({
  path: z.string().min(1),
  stationCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(STATION_CODE_PATTERN, 'must be 2-12 capital letters or digits, starting with a letter, e.g. QTA01'),
  stationName: name(120),
  district: name(80),
  username: usernameSchema,
  displayName: name(80).optional(),
  passphrase: z.string(),
});

/** Creates a station register and its in-charge; returns the recovery key, to be shown once. */
export async function initStation(input: unknown, options?: StoreOptions) {
  const parsed = parseInput(stationInitSchema, input);
  requireAcceptablePassphrase(parsed.passphrase);
  const { register, user, recoveryKey } = await createRegister(
    {
      path: parsed.path,
      kind: 'station',
      stationCode: parsed.stationCode,
      stationName: parsed.stationName,
      district: parsed.district,
      firstUser: { username: parsed.username, displayName: parsed.displayName ?? parsed.username, passphrase: parsed.passphrase },
    },
    options,
  );
  return { session: { register, user } satisfies Session, recoveryKey };
}

export const districtInitSchema = z.object({
  path: z.string().min(1),
  district: name(80),
  username: usernameSchema,
  displayName: name(80).optional(),
  passphrase: z.string(),
});

/** Creates a district CPU register (it receives station bundles) and its first CPU officer. */
export async function initDistrict(input: unknown, options?: StoreOptions) {
  const parsed = parseInput(districtInitSchema, input);
  requireAcceptablePassphrase(parsed.passphrase);
  const { register, user, recoveryKey } = await createRegister(
    {
      path: parsed.path,
      kind: 'district',
      district: parsed.district,
      firstUser: { username: parsed.username, displayName: parsed.displayName ?? parsed.username, passphrase: parsed.passphrase },
    },
    options,
  );
  return { session: { register, user } satisfies Session, recoveryKey };
}

export async function login(path: string, username: string, passphrase: string, options?: StoreOptions): Promise<Session> {
  const parsedName = parseInput(usernameSchema, username, 'user');
  return unlockRegister(path, parsedName, passphrase, options);
}

/**
 * Opens with the printed recovery key and sets a new passphrase for a user; if no such user exists, they are
 * created as the register's administrator (the in-charge who lost every passphrase).
 */
export async function recoverAccess(
  path: string,
  recoveryKey: string,
  username: string,
  newPassphrase: string,
  options?: StoreOptions,
): Promise<Session> {
  const parsedName = parseInput(usernameSchema, username, 'user');
  requireAcceptablePassphrase(newPassphrase);
  const register = await unlockWithRecoveryKey(path, recoveryKey, options);
  try {
    const existing = register.findUser(parsedName);
    if (existing && !existing.removedAt) {
      await setPassphrase(register, null, parsedName, newPassphrase);
      return { register, user: existing };
    }
    const role = register.info.kind === 'station' ? 'station_incharge' : 'district_officer';
    const systemActor = { id: 'recovery', username: 'recovery', displayName: 'recovery', role, createdAt: '', removedAt: null } as const;
    const user = await addUser(register, systemActor, { username: parsedName, displayName: parsedName, role, passphrase: newPassphrase });
    return { register, user };
  } catch (error) {
    register.close();
    throw error;
  }
}

export function verifyAudit(session: Session): AuditVerification {
  requirePermission(session, 'audit.read');
  return session.register.audit.verify();
}
