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

/** Whole years below 0 (born after the instant) or above this are not an age but a mistake in the record. */
export const MAX_PLAUSIBLE_AGE = 120;

export function isPossibleAge(years: number): boolean {
  return Number.isInteger(years) && years >= 0 && years <= MAX_PLAUSIBLE_AGE;
}

/**
 * Age at an instant from the date of birth, else from the claimed age (taken as at the report: approximate).
 * An impossible age (a date of birth after the instant) gives no age at all, never a band: the checklist then
 * names the problem and says what it cannot compute. It does not fall back to the claimed age, because the
 * document the officer entered contradicts it and only the officer can say which is wrong.
 */
export function ageAt(child: { dateOfBirth?: string; claimedAge?: number }, at: string | undefined): AgeFinding | null {
  if (!at) return null;
  if (child.dateOfBirth) {
    const years = ageInYears(child.dateOfBirth, at);
    return isPossibleAge(years) ? { years, band: ageBand(years), source: 'date_of_birth' } : null;
  }
  if (child.claimedAge !== undefined) {
    return isPossibleAge(child.claimedAge) ? { years: child.claimedAge, band: ageBand(child.claimedAge), source: 'claimed_age' } : null;
  }
  return null;
}
