import { describe, expect, it } from 'vitest';
import { caseInputSchema, type CaseRecord } from '../../../src/core/case-model.js';
import { districtView } from '../../../src/core/district-view.js';
import { juvenileCase } from '../../support/register.js';

function record(overrides: object): CaseRecord {
  return {
    ...caseInputSchema.parse({ ...juvenileCase(), ...overrides }),
    id: 'id-1', caseNumber: 'QTA01-2026-0001', stationCode: 'QTA01', revision: 3,
    createdAt: 'x', createdBy: 'u', updatedAt: 'y', updatedBy: 'u',
  };
}

describe('what the district receives (JJSA s.13)', () => {
  it('strips every identifying field of a juvenile accused, keeping what the returns need', () => {
    const juvenile = record({
      child: { name: 'Secret Name', altName: 'خفیہ', fatherName: 'Father Name', gender: 'male', dateOfBirth: '2010-12-01', bForm: '54400-1234567-1', address: 'House 1', district: 'Quetta' },
      notes: 'Mentions Secret Name',
    });
    const view = districtView(juvenile);
    const text = JSON.stringify(view);
    for (const secret of ['Secret Name', 'خفیہ', 'Father Name', '54400', 'House 1', 'Muhammad Ali', '0300-1234567', 'Mentions']) expect(text).not.toContain(secret);
    expect(view.child).toEqual({ gender: 'male', ageYearsAtReport: 15, district: 'Quetta' });
    expect(view.guardian).toEqual({ relation: 'father' });
    expect(view.custody).toEqual(juvenile.custody);
    expect(view.offence).toEqual(juvenile.offence);
    expect(view.revision).toBe(3);
  });

  it('computes age at report in Pakistan time, on the birthday edge', () => {
    const onBirthday = record({ reportedAt: '2026-12-01T00:30:00+05:00', child: { name: 'A', gender: 'female', dateOfBirth: '2010-12-01' } });
    expect(districtView(onBirthday).child.ageYearsAtReport).toBe(16);
    // 03:00 in Quetta on the birthday is still the eve in UTC: Pakistan's calendar decides.
    const early = record({ reportedAt: '2026-12-01T03:00:00+05:00', child: { name: 'A', gender: 'female', dateOfBirth: '2010-12-01' } });
    expect(districtView(early).child.ageYearsAtReport).toBe(16);
    const eve = record({ reportedAt: '2026-11-30T23:00:00+05:00', child: { name: 'A', gender: 'female', dateOfBirth: '2010-12-01' } });
    expect(districtView(eve).child.ageYearsAtReport).toBe(15);
  });

  it('keeps names and contact for missing and found children, who must be matched and handed over', () => {
    const missing = record({ category: 'missing', child: { name: 'Zainab Bibi', fatherName: 'Ali', gender: 'female', address: 'House 9' }, notes: 'private' });
    const view = districtView(missing);
    expect(view.child).toMatchObject({ name: 'Zainab Bibi', fatherName: 'Ali' });
    expect(view.child).not.toHaveProperty('address');
    expect(view.guardian).toEqual({ name: 'Muhammad Ali', relation: 'father', phone: '0300-1234567' });
    expect(view).not.toHaveProperty('notes');
  });
});
