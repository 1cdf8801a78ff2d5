import { z } from 'zod';
import { ROLES } from './roles.js';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9._-]{1,31}$/, 'must be 2-32 letters, digits, dots, dashes or underscores, starting with a letter');

export const newUserSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(80).optional(),
  role: z.enum(ROLES),
});

export type User = {
  id: string;
  username: string;
  displayName: string;
  role: (typeof ROLES)[number];
  createdAt: string;
  removedAt: string | null;
};
