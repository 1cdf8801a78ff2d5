/**
 * Who may do what: the one table. Services call `can(role, action)` before acting; the UI uses the same table
 * to hide what a role cannot do.
 */

export const ROLES = ['desk_officer', 'station_incharge', 'district_officer'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'case.read',
  'case.create',
  'case.update',
  'checklist.complete',
  'form.print',
  'user.manage',
  'settings.change',
  'audit.read',
  'bundle.export',
  'receipt.import',
  'district.import',
  'district.annotate',
  'keys.manage',
] as const;
export type Action = (typeof ACTIONS)[number];

const D = 'desk_officer';
const S = 'station_incharge';
const C = 'district_officer';

export const PERMISSIONS: Record<Action, readonly Role[]> = {
  'case.read': [D, S, C],
  'case.create': [D, S],
  'case.update': [D, S],
  'checklist.complete': [D, S],
  'form.print': [D, S, C],
  'user.manage': [S, C],
  'settings.change': [S],
  'audit.read': [S, C],
  'bundle.export': [S],
  'receipt.import': [S],
  'district.import': [C],
  'district.annotate': [C],
  'keys.manage': [S, C],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

/** The role that manages users in a register of each kind: the first user gets it. */
export function adminRoleFor(kind: 'station' | 'district'): Role {
  return kind === 'station' ? S : C;
}

/** Roles that may be given to users of a register of each kind. */
export function rolesFor(kind: 'station' | 'district'): readonly Role[] {
  return kind === 'station' ? [D, S] : [C];
}
