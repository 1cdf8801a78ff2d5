import { formatKarachi } from './time.js';

/**
 * Age in whole years by Pakistan's calendar (a child born on 1 December is 16 from 00:00 Asia/Karachi on that
 * day, whatever UTC says), and the bands the law and the returns use.
 */
export const AGE_BANDS = ['under_10', '10_13', '14_15', '16_17', 'adult_18_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function karachiDate(at: string | Date): string {
  return formatKarachi(at).slice(0, 10);
}

/** Whole years from a birth date (YYYY-MM-DD) to an instant. */
export function ageInYears(dateOfBirth: string, at: string | Date): number {
  const local = karachiDate(at);
  const years = Number(local.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return local.slice(5, 10) < dateOfBirth.slice(5, 10) ? years - 1 : years;
}

export function ageBand(years: number): AgeBand {
  if (years < 10) return 'under_10';
  if (years < 14) return '10_13';
  if (years < 16) return '14_15';
  if (years < 18) return '16_17';
  return 'adult_18_plus';
}

export type AgeFinding = { years: number; band: AgeBand; source: 'date_of_birth' | 'claimed_age' };

/** Age at an instant from the date of birth, else from the claimed age (taken as at the report: approximate). */
export function ageAt(child: { dateOfBirth?: string; claimedAge?: number }, at: string | undefined): AgeFinding | null {
  if (!at) return null;
  if (child.dateOfBirth) {
    const years = ageInYears(child.dateOfBirth, at);
    return { years, band: ageBand(years), source: 'date_of_birth' };
  }
  if (child.claimedAge !== undefined) return { years: child.claimedAge, band: ageBand(child.claimedAge), source: 'claimed_age' };
  return null;
}
