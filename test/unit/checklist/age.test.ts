import { describe, expect, it } from 'vitest';
import { ageAt, ageBand, ageInYears } from '../../../src/core/age.js';
import { addKarachiMonths } from '../../../src/core/checklist/evaluate.js';

describe('age by the Pakistan calendar', () => {
  it.each([
    [9, 'under_10'], [10, '10_13'], [13, '10_13'], [14, '14_15'], [15, '14_15'], [16, '16_17'], [17, '16_17'], [18, 'adult_18_plus'],
  ] as const)('%i years is band %s', (years, band) => {
    expect(ageBand(years)).toBe(band);
  });

  it('turns a year older at midnight in Quetta, not in Greenwich', () => {
    expect(ageInYears('2010-11-21', '2026-11-20T18:59:00Z')).toBe(15); // 23:59 on the 20th in Quetta
    expect(ageInYears('2010-11-21', '2026-11-20T19:00:00Z')).toBe(16); // 00:00 on the 21st in Quetta
  });

  it('prefers the date of birth and falls back to the claimed age', () => {
    expect(ageAt({ dateOfBirth: '2012-01-01', claimedAge: 17 }, '2026-11-20T05:00:00Z')).toEqual({ years: 14, band: '14_15', source: 'date_of_birth' });
    expect(ageAt({ claimedAge: 17 }, '2026-11-20T05:00:00Z')).toEqual({ years: 17, band: '16_17', source: 'claimed_age' });
    expect(ageAt({}, '2026-11-20T05:00:00Z')).toBeNull();
  });

  it('gives no age, never the band "under 10", for a date of birth after the instant', () => {
    expect(ageInYears('2026-12-01', '2026-11-20T05:00:00Z')).toBe(-1);
    expect(ageAt({ dateOfBirth: '2026-12-01' }, '2026-11-20T05:00:00Z')).toBeNull();
    // The document contradicts the claim; the claimed age does not quietly stand in for it.
    expect(ageAt({ dateOfBirth: '2026-12-01', claimedAge: 9 }, '2026-11-20T05:00:00Z')).toBeNull();
    // Born on the day: 0 years, a possible age. Born the next day in Quetta (19:00Z is already tomorrow there): none.
    expect(ageAt({ dateOfBirth: '2026-11-20' }, '2026-11-20T05:00:00Z')).toEqual({ years: 0, band: 'under_10', source: 'date_of_birth' });
    expect(ageAt({ dateOfBirth: '2026-11-21' }, '2026-11-20T18:59:00Z')).toBeNull();
    expect(ageAt({ dateOfBirth: '2026-11-21' }, '2026-11-20T19:00:00Z')).toMatchObject({ years: 0 });
  });

  it('gives no age for an impossible claimed age', () => {
    expect(ageAt({ claimedAge: -1 }, '2026-11-20T05:00:00Z')).toBeNull();
    expect(ageAt({ dateOfBirth: '1890-01-01' }, '2026-11-20T05:00:00Z')).toBeNull();
  });
});

describe('calendar months in Pakistan', () => {
  it('keeps the local time and clamps to the end of a shorter month', () => {
    expect(addKarachiMonths('2026-11-20T05:00:00.000Z', 6)).toBe('2027-05-20T05:00:00.000Z');
    expect(addKarachiMonths('2026-08-31T18:30:00.000Z', 6)).toBe('2027-02-28T18:30:00.000Z');
    expect(addKarachiMonths('2027-08-31T18:30:00.000Z', 6)).toBe('2028-02-29T18:30:00.000Z');
  });
});
