import { z } from 'zod';
import { describeIssues } from '../core/case-model.js';
import { AppError } from '../core/errors.js';
import { can, type Action } from '../core/roles.js';
import type { User } from '../core/users.js';
import type { Register } from '../store/register.js';

/** Who is acting on which unlocked register: every service takes one. */
export type Session = { register: Register; user: User };

export function requirePermission(session: Session, action: Action): void {
  if (!can(session.user.role, action)) throw new AppError('FORBIDDEN', `(${action})`);
}

/** Parses service input with its zod schema; a failure names each field and problem and nothing is written. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, subject = 'input'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = describeIssues(result.error, subject).map((p) => `${p.path}: ${p.problem}`);
  throw new AppError('INVALID_INPUT', lines.join('; '));
}
