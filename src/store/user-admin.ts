import { eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { newRecordId } from '../core/ids.js';
import type { Role } from '../core/roles.js';
import type { User } from '../core/users.js';
import { updateKeyFile, type KeyFile } from './key-file.js';
import type { Register } from './register.js';
import { users } from './schema.js';

/**
 * Users and their key slots. The database is the authority on who is a user; the key file holds only wrapped
 * keys. Writes are ordered so a crash between the two files can only leave a slot nobody can use (unlock checks
 * the user row), never a user who cannot log in. Every key-file change goes through updateKeyFile: under the
 * lock, applied to the file as it is then, so a login failing at the same moment cannot undo it.
 */

function replaceSlot(keyFile: KeyFile, slot: KeyFile['slots'][number]): KeyFile {
  return { ...keyFile, slots: [...keyFile.slots.filter((s) => s.username !== slot.username), slot] };
}

export async function addUser(
  register: Register,
  actor: User,
  input: { username: string; displayName: string; role: Role; passphrase: string },
): Promise<User> {
  if (register.findUser(input.username)) throw new AppError('USER_EXISTS');
  const user: User = {
    id: newRecordId(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    createdAt: register.clock().toISOString(),
    removedAt: null,
  };
  const slot = await register.makeSlot({ userId: user.id, username: user.username }, input.passphrase);
  updateKeyFile(register.keyFilePath, (current) => replaceSlot(current, slot));
  register.db.sqlite.transaction(() => {
    register.db.orm.insert(users).values(user).run();
    register.audit.append({ action: 'user.add', actorId: actor.id, entityType: 'user', entityId: user.id, details: { role: user.role } });
  })();
  return user;
}

/** Rewraps one user's slot under a new passphrase; clears that user's failure count. */
export async function setPassphrase(register: Register, actor: User | null, username: string, passphrase: string): Promise<void> {
  const user = register.findUser(username);
  if (!user || user.removedAt) throw new AppError('NOT_FOUND', 'No active user by that name.');
  const slot = await register.makeSlot({ userId: user.id, username: user.username }, passphrase);
  updateKeyFile(register.keyFilePath, (current) => {
    const { [username]: _cleared, ...failures } = current.failures;
    return { ...replaceSlot(current, slot), failures };
  });
  register.audit.append({ action: 'user.passphrase', actorId: actor?.id ?? null, entityType: 'user', entityId: user.id });
}

export function removeUser(register: Register, actor: User, username: string): void {
  const user = register.findUser(username);
  if (!user || user.removedAt) throw new AppError('NOT_FOUND', 'No active user by that name.');
  const admins = register.listUsers().filter((u) => !u.removedAt && u.role === user.role && u.role !== 'desk_officer');
  if (user.role !== 'desk_officer' && admins.length <= 1) throw new AppError('LAST_INCHARGE');
  register.db.sqlite.transaction(() => {
    register.db.orm.update(users).set({ removedAt: register.clock().toISOString() }).where(eq(users.id, user.id)).run();
    register.audit.append({ action: 'user.remove', actorId: actor.id, entityType: 'user', entityId: user.id });
  })();
  updateKeyFile(register.keyFilePath, (current) => ({ ...current, slots: current.slots.filter((s) => s.username !== username) }));
}
