import type { DistrictCompletion, DistrictRow, DistrictRowData } from '../../../src/core/returns/types.js';
import { karachiLocalToIso } from '../../../src/core/time.js';

/**
 * A small district, built by hand so that every figure of the November 2026 return can be worked out on paper
 * (the expected figures in monthly-return.test.ts are that working). Times are written in Karachi time.
 */

export const karachi = (local: string) => new Date(karachiLocalToIso(local)).toISOString();
const plusHours = (local: string, hours: number) => new Date(Date.parse(karachi(local)) + hours * 3600_000).toISOString();
const done = (ruleId: string, doneAt: string, choices?: Record<string, string>): DistrictCompletion => ({ ruleId, doneAt, ...(choices ? { choices } : {}) });

type Case = Omit<DistrictRowData, 'reportedAt' | 'status' | 'referrals'> & { reportedAt: string; referrals?: DistrictRowData['referrals'] };

function row(stationCode: string, serial: number, c: Case): DistrictRow {
  const reportedAt = karachi(c.reportedAt);
  return {
    stationCode,
    caseNumber: `${stationCode}-2026-${String(serial).padStart(4, '0')}`,
    category: c.category,
    status: 'open',
    reportedAt,
    data: { ...c, reportedAt, status: 'open', referrals: c.referrals ?? [] },
  };
}

const minor = { sections: ['PPC 379'] };
const heinous = { sections: ['PPC 302'] };

/** QTA01 */
const J1_ARREST = '2026-11-10T10:00:00';
/** Arrested at 23:30 on the last day of the month (18:30 UTC): November. */
const J2_ARREST = '2026-11-30T23:30:00';
const J4_ARREST = '2026-11-05T08:00:00';
/** QTA02 */
const J5_ARREST = '2026-11-15T12:00:00';
const J6_ARREST = '2026-11-20T10:00:00';

export const NOVEMBER_ROWS: DistrictRow[] = [
  // J1: produced exactly 24 h after arrest (within), guardian exactly 2 h (within), lawyer at 23 h.
  row('QTA01', 1, {
    category: 'in_conflict',
    reportedAt: J1_ARREST,
    child: { gender: 'male', claimedAge: 15 },
    offence: minor,
    custody: { arrestedAt: karachi(J1_ARREST), place: 'observation_home', producedAt: plusHours(J1_ARREST, 24) },
    completions: [
      done('A2', plusHours(J1_ARREST, 2), { method: 'phone' }),
      done('A4', plusHours(J1_ARREST, 23)),
      done('A10', plusHours(J1_ARREST, 3), { outcome: 'released_on_bail' }),
      done('A9', plusHours(J1_ARREST, 40), { referred: 'referred_to_jjc' }),
    ],
  }),
  // J2: 13 at report (14 on 1 December), produced after 33.5 h, guardian at 3 h, no lawyer, in the lock-up, heinous.
  row('QTA01', 2, {
    category: 'in_conflict',
    reportedAt: J2_ARREST,
    child: { gender: 'female', dateOfBirth: '2012-12-01' },
    offence: heinous,
    custody: { arrestedAt: karachi(J2_ARREST), place: 'police_lockup', producedAt: karachi('2026-12-02T09:00:00') },
    completions: [done('A2', plusHours(J2_ARREST, 3)), done('A11', plusHours(J2_ARREST, 30), { courtDecision: 'bail_refused' })],
  }),
  // J3: no arrest (not in any custody denominator), no age recorded, diversion considered and not referred.
  row('QTA01', 3, {
    category: 'in_conflict',
    reportedAt: '2026-11-12T15:00:00',
    child: { gender: 'male' },
    offence: minor,
    completions: [done('A9', karachi('2026-11-13T10:00:00'), { referred: 'not_referred' })],
  }),
  // J4: produced (the A6 step only) at 12 h, guardian at 1 h, lawyer at 30 h, held in jail, nothing on bail.
  row('QTA01', 4, {
    category: 'in_conflict',
    reportedAt: J4_ARREST,
    child: { gender: 'male', ageYearsAtReport: 16 },
    offence: minor,
    custody: { arrestedAt: karachi(J4_ARREST), place: 'jail' },
    completions: [done('A6', plusHours(J4_ARREST, 12)), done('A2', plusHours(J4_ARREST, 1)), done('A4', plusHours(J4_ARREST, 30))],
  }),
  row('QTA01', 5, {
    category: 'victim',
    reportedAt: '2026-11-03T11:00:00',
    child: { gender: 'female', claimedAge: 9 },
    referrals: [
      { to: 'edhi', referredAt: karachi('2026-11-03T15:00:00') },
      { to: 'pcpc', referredAt: karachi('2026-11-04T10:00:00') },
    ],
  }),
  row('QTA01', 6, {
    category: 'missing',
    reportedAt: '2026-11-08T09:00:00',
    child: { gender: 'male', claimedAge: 12, name: 'Ali' },
    missing: { lastSeenAt: karachi('2026-11-08T07:00:00'), recoveredAt: karachi('2026-11-09T07:00:00'), handedOverTo: 'Father', handedOverAt: karachi('2026-11-09T09:00:00') },
  }),
  row('QTA01', 7, {
    category: 'missing',
    reportedAt: '2026-11-25T18:00:00',
    child: { gender: 'female', claimedAge: 16, name: 'Zainab' },
    missing: { lastSeenAt: karachi('2026-11-25T12:00:00') },
  }),
  // 00:30 on 1 December in Karachi is still 30 November in UTC: December's, not November's.
  row('QTA01', 8, {
    category: 'in_conflict',
    reportedAt: '2026-12-01T00:30:00',
    child: { gender: 'male', claimedAge: 15 },
    offence: minor,
    custody: { arrestedAt: karachi('2026-12-01T00:30:00'), place: 'observation_home', producedAt: karachi('2026-12-01T12:00:00') },
    completions: [done('A2', karachi('2026-12-01T01:00:00'))],
  }),
  // 23:59 on 31 October: October's.
  row('QTA01', 9, { category: 'victim', reportedAt: '2026-10-31T23:59:00', child: { gender: 'male', claimedAge: 10 } }),

  // J5: produced 1 minute late, but released at 5 h; guardian 2 h 1 min (late); lawyer exactly 24 h (within).
  row('QTA02', 1, {
    category: 'in_conflict',
    reportedAt: J5_ARREST,
    child: { gender: 'male', claimedAge: 17 },
    offence: minor,
    custody: { arrestedAt: karachi(J5_ARREST), place: 'observation_home', producedAt: plusHours(J5_ARREST, 24 + 1 / 60), releasedAt: plusHours(J5_ARREST, 5) },
    completions: [
      done('A2', plusHours(J5_ARREST, 2 + 1 / 60)),
      done('A4', plusHours(J5_ARREST, 24)),
      done('A10', plusHours(J5_ARREST, 4), { outcome: 'placed_with_suitable_person' }),
      done('A9', plusHours(J5_ARREST, 50), { referred: 'referred_to_jjc' }),
    ],
  }),
  // J6: production time before the arrest time; nothing else recorded; no sections (offence class unknown).
  row('QTA02', 2, {
    category: 'in_conflict',
    reportedAt: J6_ARREST,
    child: { gender: 'male', claimedAge: 14 },
    custody: { arrestedAt: karachi(J6_ARREST), place: 'observation_home', producedAt: karachi('2026-11-20T09:00:00') },
    completions: [],
  }),
  // Handed over without a recovery time: recovered all the same.
  row('QTA02', 3, {
    category: 'missing',
    reportedAt: '2026-11-02T10:00:00',
    child: { gender: 'transgender', claimedAge: 11 },
    missing: { handedOverAt: karachi('2026-11-06T10:00:00') },
  }),
  row('QTA02', 4, {
    category: 'found',
    reportedAt: '2026-11-18T20:00:00',
    child: { gender: 'male', claimedAge: 7 },
    referrals: [{ to: 'shelter', referredAt: karachi('2026-11-18T22:00:00') }],
  }),
  row('QTA02', 5, { category: 'witness', reportedAt: '2026-11-22T10:00:00', child: { gender: 'female', claimedAge: 20 } }),
  // A row whose category this version does not know: counted nowhere, reported as unreadable.
  { ...row('QTA02', 6, { category: 'victim', reportedAt: '2026-11-23T10:00:00', child: { gender: 'male' } }), category: 'bogus' },
];
