import { describe, expect, it } from 'vitest';
import { ACTIONS, adminRoleFor, can, PERMISSIONS, ROLES, rolesFor } from '../../../src/core/roles.js';

describe('who may do what', () => {
  it('gives every action to at least one role, and only known roles', () => {
    for (const action of ACTIONS) {
      expect(PERMISSIONS[action].length).toBeGreaterThan(0);
      for (const role of PERMISSIONS[action]) expect(ROLES).toContain(role);
    }
  });

  it.each([
    ['desk_officer', 'case.create', true],
    ['desk_officer', 'case.update', true],
    ['desk_officer', 'user.manage', false],
    ['desk_officer', 'bundle.export', false],
    ['desk_officer', 'settings.change', false],
    ['station_incharge', 'user.manage', true],
    ['station_incharge', 'bundle.export', true],
    ['station_incharge', 'district.import', false],
    ['district_officer', 'district.import', true],
    ['district_officer', 'case.create', false],
    ['district_officer', 'case.update', false],
    ['district_officer', 'case.read', true],
  ] as const)('%s may %s: %s', (role, action, allowed) => {
    expect(can(role, action)).toBe(allowed);
  });

  it('makes the first user of a station its in-charge and of a district a CPU officer', () => {
    expect(adminRoleFor('station')).toBe('station_incharge');
    expect(adminRoleFor('district')).toBe('district_officer');
    expect(rolesFor('station')).toEqual(['desk_officer', 'station_incharge']);
  });
});
