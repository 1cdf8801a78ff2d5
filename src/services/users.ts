import { AppError } from '../core/errors.js';
import { rolesFor, type Role } from '../core/roles.js';
import { newUserSchema, usernameSchema, type User } from '../core/users.js';
import { addUser, removeUser, setPassphrase } from '../store/user-admin.js';
import { requireAcceptablePassphrase } from './register.js';
import { parseInput, requirePermission, type Session } from './session.js';

export async function addStationUser(session: Session, input: unknown, passphrase: string): Promise<User> {
  requirePermission(session, 'user.manage');
  const parsed = parseInput(newUserSchema, input);
  if (!rolesFor(session.register.info.kind).includes(parsed.role as Role)) {
    throw new AppError('INVALID_INPUT', `role: not used in a ${session.register.info.kind} register`);
  }
  requireAcceptablePassphrase(passphrase);
  return addUser(session.register, session.user, {
    username: parsed.username,
    displayName: parsed.displayName ?? parsed.username,
    role: parsed.role,
    passphrase,
  });
}

/** Anyone may change their own passphrase; user managers may reset another's. */
export async function changePassphrase(session: Session, username: string, newPassphrase: string): Promise<void> {
  const target = parseInput(usernameSchema, username, 'user');
  if (target !== session.user.username) requirePermission(session, 'user.manage');
  requireAcceptablePassphrase(newPassphrase);
  await setPassphrase(session.register, session.user, target, newPassphrase);
}

export function removeStationUser(session: Session, username: string): void {
  requirePermission(session, 'user.manage');
  const target = parseInput(usernameSchema, username, 'user');
  if (target === session.user.username) throw new AppError('INVALID_INPUT', 'user: you cannot remove yourself');
  removeUser(session.register, session.user, target);
}

export function listUsers(session: Session): User[] {
  requirePermission(session, 'case.read');
  return session.register.listUsers();
}


