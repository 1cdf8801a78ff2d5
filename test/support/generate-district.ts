import type { CaseData, CaseRecord } from '../../src/core/case-model.js';
import { districtView } from '../../src/core/district-view.js';
import { karachiYear } from '../../src/core/time.js';
import type { DistrictCompletion, DistrictRow, DistrictRowData } from '../../src/core/returns/types.js';
import { generateCases, seededRandom } from './generate-cases.js';

/**
 * A deterministic district for the monthly-return tests and bench: 40 stations (by default) and N cases as the
 * district register holds them (`cases` rows: station, case number, category, status, reported_at and the
 * district view of the case with the completed checklist steps). The cases come from generate-cases.ts and go
 * through districtView, so they carry exactly what a station sends.
 *
 * Each station has its own habits, drawn from the seed: how often it produces juveniles within 24 h, tells the
 * guardian in time, gets a lawyer, holds a juvenile in the lock-up, records bail and diversion, recovers
 * missing children; and a trend over the months. So the charts vary between stations and over time.
 * Same options, same rows.
 */

export type GeneratedDistrictRow = DistrictRow & { id: string };

export type DistrictOptions = {
  cases?: number;
  stations?: number;
  /** Station codes to use instead of the generated ones (their number sets `stations`). */
  stationCodes?: readonly string[];
  seed?: number;
  asapTargetHours?: number;
};

export type StationProfile = {
  code: string;
  /** Relative share of the district's cases. */
  weight: number;
  producedWithin24h: number;
  guardianInTime: number;
  lawyerInTime: number;
  lockup: number;
  recordsChoices: number;
  recovers: number;
  /** Added to the compliance rates per month since January 2024 (may be negative). */
  trendPerMonth: number;
};

const HOUR = 3600_000;
const PARTNERS = ['edhi', 'swd', 'pcpc', 'cpwb', 'shelter', 'hospital', 'legal_aid', 'ngo', 'other'] as const;
const HEINOUS_SECTIONS = new Set(['PPC 302', 'PPC 324', 'PPC 365-A', 'PPC 392', 'CNSA 9(c)']);
const DISTRICT_START = Date.parse('2024-01-01T00:00:00Z');

export function districtStationCodes(count = 40): string[] {
  const prefixes = ['QTA', 'PSN', 'MST', 'SBI', 'KHZ', 'TBT', 'KLA', 'ZOB'];
  return Array.from({ length: count }, (_, i) => `${prefixes[i % prefixes.length]}${String(Math.floor(i / prefixes.length) + 1).padStart(2, '0')}`);
}

export function stationProfiles(count = 40, seed = 7, codes: readonly string[] = districtStationCodes(count)): StationProfile[] {
  const random = seededRandom(seed * 7919 + 1);
  const between = (low: number, high: number) => low + random() * (high - low);
  return codes.map((code) => ({
    code,
    weight: between(0.3, 1.7),
    producedWithin24h: between(0.45, 0.95),
    guardianInTime: between(0.3, 0.9),
    lawyerInTime: between(0.35, 0.92),
    lockup: random() < 0.7 ? between(0, 0.01) : between(0.02, 0.12),
    recordsChoices: between(0.5, 0.95),
    recovers: between(0.3, 0.85),
    trendPerMonth: between(-0.006, 0.012),
  }));
}

const clamp = (p: number) => Math.min(0.99, Math.max(0.01, p));
const iso = (ms: number) => new Date(ms).toISOString();

/** The rows, generated in slices so a 250k-case district streams without holding every case twice. */
export function* generateDistrict(options: DistrictOptions = {}): Generator<GeneratedDistrictRow> {
  const total = options.cases ?? 250_000;
  const seed = options.seed ?? 2018;
  const target = (options.asapTargetHours ?? 2) * HOUR;
  const profiles = stationProfiles(options.stationCodes?.length ?? options.stations ?? 40, seed, options.stationCodes);
  const weights = profiles.reduce<number[]>((acc, p) => [...acc, (acc[acc.length - 1] ?? 0) + p.weight], []);
  const weightTotal = weights[weights.length - 1]!;
  const random = seededRandom(seed + 99);
  const chance = (p: number) => random() < p;
  const between = (low: number, high: number) => low + random() * (high - low);
  const pickStation = () => {
    const r = random() * weightTotal;
    let i = 0;
    while (weights[i]! < r) i++;
    return profiles[i]!;
  };
  const serials = new Map<string, number>();
  const SLICE = 5_000;
  let made = 0;
  for (let slice = 0; made < total; slice++) {
    for (const generated of generateCases(Math.min(SLICE, total - made), seed * 1000 + slice)) {
      const station = pickStation();
      const reportedMs = Date.parse(generated.reportedAt);
      const months = (reportedMs - DISTRICT_START) / (30.44 * 24 * HOUR);
      const rate = (p: number) => clamp(p + station.trendPerMonth * months);
      const data: CaseData = generated; // generateCases made it for us alone: changed in place.
      const completions: DistrictCompletion[] = [];

      // Age: most claimed, some from a document, a few unknown, a rare adult found in a juvenile case.
      const roll = random();
      if (roll < 0.05) delete data.child.claimedAge;
      else if (roll < 0.15) {
        const years = 8 + Math.floor(random() * 10);
        const birth = new Date(reportedMs - years * 365.25 * 24 * HOUR - random() * 300 * 24 * HOUR);
        data.child.dateOfBirth = birth.toISOString().slice(0, 10);
        delete data.child.claimedAge;
      } else if (roll < 0.16) data.child.claimedAge = 18;

      if (data.category === 'in_conflict' && data.custody?.arrestedAt) {
        const arrest = Date.parse(data.custody.arrestedAt);
        const heinous = (data.offence?.sections ?? []).some((s) => HEINOUS_SECTIONS.has(s));
        data.custody.place = chance(station.lockup) ? (chance(0.8) ? 'police_lockup' : 'jail') : chance(0.85) ? 'observation_home' : 'juvenile_rehabilitation_centre';
        const produced = chance(rate(station.producedWithin24h)) ? arrest + between(2, 24) * HOUR : chance(0.75) ? arrest + between(24.5, 72) * HOUR : null;
        if (produced !== null) {
          // Most stations fill in the custody field; some only tick the A6 step.
          if (chance(0.85)) data.custody.producedAt = iso(produced);
          else completions.push({ ruleId: 'A6', doneAt: iso(produced) });
        }
        if (chance(0.08)) data.custody.releasedAt = iso(arrest + between(3, 20) * HOUR);
        if (chance(0.93)) {
          const inTime = chance(rate(station.guardianInTime));
          completions.push({ ruleId: 'A2', doneAt: iso(arrest + (inTime ? random() * target : target + between(0.2, 30) * HOUR)), choices: { method: chance(0.7) ? 'phone' : 'in_person' } });
        }
        if (chance(0.9)) {
          const inTime = chance(rate(station.lawyerInTime));
          completions.push({ ruleId: 'A4', doneAt: iso(arrest + (inTime ? between(1, 24) : between(24.2, 96)) * HOUR) });
        }
        if (chance(station.recordsChoices)) {
          const at = iso(arrest + between(1, 48) * HOUR);
          if (heinous) completions.push({ ruleId: 'A11', doneAt: at, choices: { courtDecision: chance(0.4) ? 'bail_granted' : chance(0.6) ? 'bail_refused' : 'pending' } });
          else completions.push({ ruleId: 'A10', doneAt: at, choices: { outcome: chance(0.7) ? 'released_on_bail' : chance(0.7) ? 'placed_with_suitable_person' : 'placed_in_jrc' } });
        }
        if (!heinous && chance(station.recordsChoices * 0.8)) {
          completions.push({ ruleId: 'A9', doneAt: iso(arrest + between(24, 400) * HOUR), choices: { referred: chance(0.45) ? 'referred_to_jjc' : 'not_referred' } });
        }
      }

      if (data.category === 'missing' && data.missing && chance(station.recovers)) {
        const lastSeen = Date.parse(data.missing.lastSeenAt ?? generated.reportedAt);
        const recovered = lastSeen + between(2, 20 * 24) * HOUR;
        data.missing.recoveredAt = iso(recovered);
        data.missing.recoveredPlace = 'Bus stand';
        if (chance(0.85)) {
          data.missing.handedOverTo = chance(0.8) ? 'Father' : 'Edhi centre';
          data.missing.handedOverAt = iso(recovered + between(1, 30) * HOUR);
        }
      }

      if (data.category !== 'in_conflict' && chance(data.category === 'witness' ? 0.03 : 0.2)) {
        const count = chance(0.85) ? 1 : 2;
        data.referrals = Array.from({ length: count }, () => ({ to: PARTNERS[Math.floor(random() * PARTNERS.length)]!, referredAt: iso(reportedMs + between(1, 72) * HOUR) }));
      }
      if (chance(0.35)) data.status = 'closed';

      const year = karachiYear(new Date(reportedMs));
      const serialKey = `${station.code}-${year}`;
      const serial = (serials.get(serialKey) ?? 0) + 1;
      serials.set(serialKey, serial);
      const caseNumber = `${serialKey}-${String(serial).padStart(4, '0')}`;
      made++;
      const id = `0190a000-0000-7000-8000-${made.toString(16).padStart(12, '0')}`;
      const record: CaseRecord = {
        ...data,
        id,
        caseNumber,
        stationCode: station.code,
        revision: 1,
        createdAt: generated.reportedAt,
        createdBy: 'generated',
        updatedAt: generated.reportedAt,
        updatedBy: 'generated',
      };
      const { id: _id, caseNumber: _n, stationCode: _s, revision: _r, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...view } = districtView(record);
      const rowData: DistrictRowData = { ...(view as DistrictRowData), completions };
      yield { id, stationCode: station.code, caseNumber, category: data.category, status: data.status, reportedAt: data.reportedAt, data: rowData };
    }
  }
}
