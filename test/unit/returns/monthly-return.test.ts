import { describe, expect, it } from 'vitest';
import {
  canonicalInstant,
  createComplianceSeries,
  createMonthlyReturn,
  karachiMonthOf,
  monthBoundsUtc,
  monthRange,
  type DistrictRow,
  type DistrictRowData,
  type MonthlyReturn,
  type ReturnFigures,
} from '../../../src/core/returns/index.js';
import { NOVEMBER_ROWS, karachi } from './fixture.js';

function november(options: { asapTargetHours?: number; stations?: string[] } = {}): MonthlyReturn {
  const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11', ...options });
  for (const row of NOVEMBER_ROWS) builder.add(row);
  return builder.result();
}

const station = (result: MonthlyReturn, code: string): ReturnFigures => {
  const found = result.stations.find((s) => s.stationCode === code);
  if (!found) throw new Error(`no station ${code}`);
  return found;
};

describe('Karachi calendar months', () => {
  it('runs from 19:00 UTC on the last day of the month before', () => {
    expect(monthBoundsUtc('2026-11')).toEqual({ from: '2026-10-31T19:00:00.000Z', to: '2026-11-30T19:00:00.000Z' });
    expect(monthBoundsUtc('2026-01')).toEqual({ from: '2025-12-31T19:00:00.000Z', to: '2026-01-31T19:00:00.000Z' });
  });

  it('puts 23:30 on the last day in that month and 00:30 on the first day in the next', () => {
    expect(karachiMonthOf(karachi('2026-11-30T23:30:00'))).toBe('2026-11');
    expect(karachiMonthOf(karachi('2026-12-01T00:30:00'))).toBe('2026-12');
    expect(karachi('2026-12-01T00:30:00')).toBe('2026-11-30T19:30:00.000Z');
  });

  it('compares instants as canonical UTC strings, converting any other offset form', () => {
    expect(canonicalInstant('2026-11-30T18:30:00.000Z')).toBe('2026-11-30T18:30:00.000Z');
    expect(canonicalInstant('2026-11-30T23:30:00+05:00')).toBe('2026-11-30T18:30:00.000Z');
    expect(canonicalInstant('2026-11-30T18:30:00Z')).toBe('2026-11-30T18:30:00.000Z');
    expect(canonicalInstant('last Tuesday')).toBeNull();
  });

  it('lists a range of months across a year end and refuses what is not a month', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(() => createMonthlyReturn({ district: 'Quetta', month: '2026-13' })).toThrow(RangeError);
    expect(() => createMonthlyReturn({ district: 'Quetta', month: '2026-11', asapTargetHours: 0 })).toThrow(RangeError);
  });
});

describe('the monthly return of a hand-built district (every figure worked out on paper)', () => {
  const result = november();
  const qta01 = station(result, 'QTA01');
  const qta02 = station(result, 'QTA02');
  const total = result.total;

  it('counts the rows it was given: 12 in November, 2 outside, 1 unreadable', () => {
    expect(result.rows).toEqual({ seen: 15, counted: 12, outsideMonth: 2, unreadable: 1 });
    expect(result).toMatchObject({ district: 'Quetta', month: '2026-11', from: '2026-10-31T19:00:00.000Z', to: '2026-11-30T19:00:00.000Z', asapTargetHours: 2 });
    expect(result.stations.map((s) => s.stationCode)).toEqual(['QTA01', 'QTA02']);
  });

  it('counts cases by category per station and in total', () => {
    expect(qta01.cases).toBe(7);
    expect(qta01.byCategory).toEqual({ in_conflict: 4, victim: 1, witness: 0, missing: 2, found: 0, at_risk: 0 });
    expect(qta02.cases).toBe(5);
    expect(qta02.byCategory).toEqual({ in_conflict: 2, victim: 0, witness: 1, missing: 1, found: 1, at_risk: 0 });
    expect(total.cases).toBe(12);
    expect(total.byCategory).toEqual({ in_conflict: 6, victim: 1, witness: 1, missing: 3, found: 1, at_risk: 0 });
  });

  it('puts each child in the age band at report: date of birth, else age at report, else claimed, else unknown', () => {
    const c = total.children;
    expect(c.in_conflict.male).toEqual({ under_10: 0, '10_13': 0, '14_15': 2, '16_17': 2, adult_18_plus: 0, unknown: 1 });
    // Born 1 December 2012, brought in at 23:30 on 30 November 2026: still 13.
    expect(c.in_conflict.female).toEqual({ under_10: 0, '10_13': 1, '14_15': 0, '16_17': 0, adult_18_plus: 0, unknown: 0 });
    expect(c.victim.female.under_10).toBe(1);
    expect(c.missing.male['10_13']).toBe(1);
    expect(c.missing.female['16_17']).toBe(1);
    expect(c.missing.transgender['10_13']).toBe(1);
    expect(c.found.male.under_10).toBe(1);
    expect(c.witness.female.adult_18_plus).toBe(1);
    const sum = Object.values(c).flatMap((byGender) => Object.values(byGender).flatMap((bands) => Object.values(bands))).reduce((a, n) => a + n, 0);
    expect(sum).toBe(12);
    expect(qta01.children.in_conflict.male.unknown).toBe(1);
  });

  it('counts only juveniles with an arrest time as arrested', () => {
    expect([qta01.juvenilesAccused, qta01.arrested]).toEqual([4, 3]);
    expect([qta02.juvenilesAccused, qta02.arrested]).toEqual([2, 2]);
    expect([total.juvenilesAccused, total.arrested]).toEqual([6, 5]);
  });

  it('production within 24 h: exactly 24 h is within, the A6 step counts, release and contradictory times apart', () => {
    expect(qta01.production.outcomes).toEqual({ within_24h: 2, released_within_24h: 0, after_24h: 1, inconsistent_times: 0, not_recorded: 0 });
    expect(qta01.production.within24h).toEqual({ count: 2, of: 3, percent: 66.7 });
    expect(qta02.production.outcomes).toEqual({ within_24h: 0, released_within_24h: 1, after_24h: 0, inconsistent_times: 1, not_recorded: 0 });
    expect(qta02.production.within24h).toEqual({ count: 0, of: 2, percent: 0 });
    expect(total.production.within24h).toEqual({ count: 2, of: 5, percent: 40 });
  });

  it('guardian informed within the 2 h target (exactly 2 h is within; 2 h 1 min is not)', () => {
    expect(qta01.guardianInformed.outcomes).toEqual({ within_target: 2, later: 1, not_recorded: 0 });
    expect(qta02.guardianInformed.outcomes).toEqual({ within_target: 0, later: 1, not_recorded: 1 });
    expect(total.guardianInformed).toEqual({ targetHours: 2, outcomes: { within_target: 2, later: 2, not_recorded: 1 }, withinTarget: { count: 2, of: 5, percent: 40 } });
  });

  it('takes the station target for the guardian: at 3 h the 3 h and 2 h 1 min cases are in time', () => {
    const relaxed = november({ asapTargetHours: 3 }).total.guardianInformed;
    expect(relaxed.withinTarget).toEqual({ count: 4, of: 5, percent: 80 });
  });

  it('legal practitioner within 24 h of custody (exactly 24 h is within)', () => {
    expect(qta01.legalAssistance.outcomes).toEqual({ within_target: 1, later: 1, not_recorded: 1 });
    expect(qta02.legalAssistance.outcomes).toEqual({ within_target: 1, later: 0, not_recorded: 1 });
    expect(total.legalAssistance.within24h).toEqual({ count: 2, of: 5, percent: 40 });
  });

  it('counts juveniles held in a police lock-up or jail, and how many of them for a heinous offence', () => {
    expect(qta01.lockupOrJail).toEqual({ count: 2, of: 3, heinous: 1 });
    expect(qta02.lockupOrJail).toEqual({ count: 0, of: 2, heinous: 0 });
    expect(total.lockupOrJail).toEqual({ count: 2, of: 5, heinous: 1 });
  });

  it('bail outcomes from the A10 and A11 choices, over the arrested', () => {
    expect(total.bail).toEqual({
      of: 5,
      outcomes: { released_on_bail: 1, placed_with_suitable_person: 1, placed_in_jrc: 0, bail_granted: 0, bail_refused: 1, pending: 0, not_recorded: 2 },
    });
    expect(qta01.bail.outcomes.not_recorded).toBe(1);
  });

  it('diversion from the A9 choice, heinous offences apart from the referral percentage', () => {
    expect(qta01.diversion).toEqual({
      of: 4,
      outcomes: { referred_to_jjc: 1, not_referred: 1, not_eligible_heinous: 1, not_recorded: 1 },
      referred: { count: 1, of: 3, percent: 33.3 },
    });
    expect(qta02.diversion.referred).toEqual({ count: 1, of: 2, percent: 50 });
    expect(total.diversion.outcomes).toEqual({ referred_to_jjc: 2, not_referred: 1, not_eligible_heinous: 1, not_recorded: 2 });
    expect(total.diversion.referred).toEqual({ count: 2, of: 5, percent: 40 });
  });

  it('missing children reported, recovered (a hand-over counts) and handed over', () => {
    expect(qta01.missing).toEqual({ reported: 2, sought: 2, recovered: { count: 1, of: 2, percent: 50 }, recoveredByMatch: 0, handedOver: { count: 1, of: 1, percent: 100 } });
    expect(qta02.missing).toEqual({ reported: 1, sought: 1, recovered: { count: 1, of: 1, percent: 100 }, recoveredByMatch: 0, handedOver: { count: 1, of: 1, percent: 100 } });
    expect(total.missing).toEqual({ reported: 3, sought: 3, recovered: { count: 2, of: 3, percent: 66.7 }, recoveredByMatch: 0, handedOver: { count: 2, of: 2, percent: 100 } });
  });

  it('referrals by partner', () => {
    expect(total.referrals.byPartner).toEqual({ edhi: 1, swd: 0, pcpc: 1, cpwb: 0, shelter: 1, hospital: 0, legal_aid: 0, ngo: 0, other: 0 });
    expect([total.referrals.total, total.referrals.cases]).toEqual([3, 2]);
    expect([qta01.referrals.total, qta02.referrals.total]).toEqual([2, 1]);
  });

  it('every outcome list is a partition of its denominator', () => {
    for (const f of [qta01, qta02, total]) {
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, n) => a + n, 0);
      expect(sum(f.production.outcomes)).toBe(f.arrested);
      expect(sum(f.guardianInformed.outcomes)).toBe(f.arrested);
      expect(sum(f.legalAssistance.outcomes)).toBe(f.arrested);
      expect(sum(f.bail.outcomes)).toBe(f.arrested);
      expect(sum(f.diversion.outcomes)).toBe(f.juvenilesAccused);
      expect(sum(f.byCategory)).toBe(f.cases);
    }
  });

  it('lists an enrolled station with nothing this month, with no percentages rather than 0%', () => {
    const withQuiet = november({ stations: ['QTA03'] });
    const quiet = station(withQuiet, 'QTA03');
    expect(withQuiet.stations.map((s) => s.stationCode)).toEqual(['QTA01', 'QTA02', 'QTA03']);
    expect(quiet.cases).toBe(0);
    expect(quiet.production.within24h).toEqual({ count: 0, of: 0, percent: null });
    expect(withQuiet.total).toEqual(total);
  });

  it('does not depend on the order of the rows, and can report part-way', () => {
    const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11' });
    const reversed = [...NOVEMBER_ROWS].reverse();
    reversed.slice(0, 5).forEach((row) => builder.add(row));
    const partial = builder.result();
    reversed.slice(5).forEach((row) => builder.add(row));
    expect(partial.rows.seen).toBe(5);
    expect(builder.result().total).toEqual(total);
    expect(builder.result().stations).toEqual(result.stations);
  });

  it('places a row written with a +05:00 offset by its Karachi date, and counts a row with no valid time as unreadable', () => {
    const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11' });
    const j2 = NOVEMBER_ROWS[1]!;
    expect(builder.add({ ...j2, reportedAt: '2026-11-30T23:30:00+05:00' })).toBe(true);
    expect(builder.add({ ...j2, reportedAt: '2026-12-01T00:30:00+05:00' })).toBe(false);
    expect(builder.add({ ...j2, reportedAt: 'not a time' })).toBe(false);
    expect(builder.result().rows).toEqual({ seen: 3, counted: 1, outsideMonth: 1, unreadable: 1 });
  });

  it('tells a caller which rows it would count, so it can skip parsing the rest', () => {
    const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11' });
    expect(builder.inMonth(karachi('2026-11-30T23:30:00'))).toBe(true);
    expect(builder.inMonth(karachi('2026-12-01T00:30:00'))).toBe(false);
    expect(builder.inMonth(karachi('2026-11-01T00:00:00'))).toBe(true);
    expect(builder.inMonth(karachi('2026-10-31T23:59:59'))).toBe(false);
  });
});

describe('compliance over months', () => {
  const builder = createComplianceSeries({ months: ['2026-10', '2026-11', '2026-12'], stations: ['QTA03'] });
  for (const row of NOVEMBER_ROWS) builder.add(row);
  const series = builder.result();

  it('counts each row in its own month, exactly as the monthly return does', () => {
    expect(series.rows).toEqual({ seen: 15, counted: 14, outsideMonth: 0, unreadable: 1 });
    const nov = november().total;
    expect(series.district[1]).toEqual({ month: '2026-11', arrested: 5, producedWithin24h: nov.production.within24h, guardianWithinTarget: nov.guardianInformed.withinTarget });
    expect(series.district[2]).toEqual({ month: '2026-12', arrested: 1, producedWithin24h: { count: 1, of: 1, percent: 100 }, guardianWithinTarget: { count: 1, of: 1, percent: 100 } });
    expect(series.district[0]!.producedWithin24h).toEqual({ count: 0, of: 0, percent: null });
  });

  it('gives each station a point for every month, in order', () => {
    expect(series.stations.map((s) => s.stationCode)).toEqual(['QTA01', 'QTA02', 'QTA03']);
    const qta01 = series.stations[0]!;
    expect(qta01.points.map((p) => p.month)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(qta01.points.map((p) => p.producedWithin24h.percent)).toEqual([null, 66.7, 100]);
    expect(qta01.points.map((p) => p.guardianWithinTarget.percent)).toEqual([null, 66.7, 100]);
    expect(series.stations[2]!.points.every((p) => p.arrested === 0)).toBe(true);
  });

  it('gives categories and missing against recovered per month', () => {
    expect(series.categories.map((c) => c.total)).toEqual([1, 12, 1]);
    expect(series.categories[0]!.byCategory.victim).toBe(1);
    expect(series.categories[2]!.byCategory.in_conflict).toBe(1);
    expect(series.missing).toEqual([
      { month: '2026-10', reported: 0, recovered: 0, handedOver: 0 },
      { month: '2026-11', reported: 3, recovered: 2, handedOver: 2 },
      { month: '2026-12', reported: 0, recovered: 0, handedOver: 0 },
    ]);
  });

  it('counts rows outside the months as outside', () => {
    const only = createComplianceSeries({ months: ['2026-11'] });
    for (const row of NOVEMBER_ROWS) only.add(row);
    expect(only.result().rows).toEqual({ seen: 15, counted: 12, outsideMonth: 2, unreadable: 1 });
    expect(() => createComplianceSeries({ months: ['2026-11', '2026-11'] })).toThrow(RangeError);
  });
});

describe('recoveries and hand-overs count in the month they happened', () => {
  const child = { gender: 'female', claimedAge: 9 } as const;
  const rows: DistrictRow[] = [
    // Reported in October, recovered in November, handed over in December.
    { stationCode: 'QTA01', caseNumber: 'QTA01-2026-0101', category: 'missing', status: 'open', reportedAt: '2026-10-20T05:00:00.000Z', data: { child, missing: { recoveredAt: '2026-11-03T05:00:00.000Z', handedOverAt: '2026-12-02T05:00:00.000Z', handedOverTo: 'Mother' } } as DistrictRowData },
    // Reported in October, no recovery time, the district confirmed a match in November.
    { stationCode: 'QTA02', caseNumber: 'QTA02-2026-0102', category: 'missing', status: 'open', reportedAt: '2026-10-25T05:00:00.000Z', data: { child } as DistrictRowData, matchConfirmedAt: '2026-11-10T05:00:00.000Z' },
    // Reported in October and still missing.
    { stationCode: 'QTA02', caseNumber: 'QTA02-2026-0103', category: 'missing', status: 'open', reportedAt: '2026-10-26T05:00:00.000Z', data: { child } as DistrictRowData },
    // Reported in November with a recovery time: the confirmed match later does not move it.
    { stationCode: 'QTA02', caseNumber: 'QTA02-2026-0104', category: 'missing', status: 'open', reportedAt: '2026-11-05T05:00:00.000Z', data: { child, missing: { recoveredAt: '2026-11-06T05:00:00.000Z' } } as DistrictRowData, matchConfirmedAt: '2026-12-10T05:00:00.000Z' },
  ];
  const returnOf = (month: string) => {
    const builder = createMonthlyReturn({ district: 'Quetta', month });
    for (const row of rows) builder.add(row);
    return builder.result();
  };

  it('October: three reported and sought, none recovered', () => {
    expect(returnOf('2026-10').total.missing).toEqual({ reported: 3, sought: 3, recovered: { count: 0, of: 3, percent: 0 }, recoveredByMatch: 0, handedOver: { count: 0, of: 0, percent: null } });
  });

  it('November: the October child recovered, the confirmed match counted as a recovery, the cases still counted in October', () => {
    const november = returnOf('2026-11');
    expect(november.total.cases).toBe(1);
    expect(november.rows).toMatchObject({ counted: 1, outsideMonth: 3 });
    expect(november.total.missing).toEqual({ reported: 1, sought: 4, recovered: { count: 3, of: 4, percent: 75 }, recoveredByMatch: 1, handedOver: { count: 0, of: 3, percent: 0 } });
    expect(station(november, 'QTA02').missing.recoveredByMatch).toBe(1);
  });

  it('December: the hand-over of the child recovered in November', () => {
    expect(returnOf('2026-12').total.missing).toEqual({ reported: 0, sought: 1, recovered: { count: 0, of: 1, percent: 0 }, recoveredByMatch: 0, handedOver: { count: 1, of: 3, percent: 33.3 } });
  });

  it('the compliance series puts each in the same month as the return does', () => {
    const builder = createComplianceSeries({ months: ['2026-10', '2026-11', '2026-12'] });
    for (const row of rows) builder.add(row);
    expect(builder.result().missing).toEqual([
      { month: '2026-10', reported: 3, recovered: 0, handedOver: 0 },
      { month: '2026-11', reported: 1, recovered: 3, handedOver: 0 },
      { month: '2026-12', reported: 0, recovered: 0, handedOver: 1 },
    ]);
  });

  it('tells a caller it needs the missing children reported before the month, and no other earlier rows', () => {
    const builder = createMonthlyReturn({ district: 'Quetta', month: '2026-11' });
    expect(builder.needsRow('missing', '2026-10-20T05:00:00.000Z')).toBe(true);
    expect(builder.needsRow('in_conflict', '2026-10-20T05:00:00.000Z')).toBe(false);
    expect(builder.needsRow('missing', '2026-12-20T05:00:00.000Z')).toBe(false);
  });
});
