import { AGE_BANDS, type AgeBand } from '../age.js';
import type { CaseCategory, Gender, REFERRAL_PARTNERS } from '../case-model.js';
import type { DistrictCaseData } from '../district-view.js';

/**
 * The district CPU's monthly return and compliance series: what goes in (one district row per station case, as
 * the `cases` table of the district register holds it) and what comes out. Every outcome list is a partition:
 * each case in the denominator falls in exactly one outcome, so the outcomes of a table add up to its "of".
 */

/** A checklist step the station completed, with the evidence picked from fixed lists (never free text). */
export type DistrictCompletion = { ruleId: string; doneAt: string; choices?: Record<string, string> };

/** The `data` column of the district's `cases` table. */
export type DistrictRowData = DistrictCaseData & { completions?: readonly DistrictCompletion[] };

/** One row of the district's `cases` table, `data` already parsed. */
export type DistrictRow = {
  stationCode: string;
  caseNumber: string;
  category: string;
  status: string;
  reportedAt: string;
  data: DistrictRowData;
  /** When the district confirmed this missing child as a found child (the first confirmation), if it did. */
  matchConfirmedAt?: string;
};

export const RETURN_AGE_BANDS = [...AGE_BANDS, 'unknown'] as const;
export type ReturnAgeBand = AgeBand | 'unknown';

/**
 * A6, production before the court, for each arrested juvenile (first that holds): produced within 24 h of arrest
 * (exactly 24 h counts); released within 24 h without production in time (Art.10(2) asks production of a
 * person *held*; the rule pack counts this as A6 met, the return shows it apart); produced after 24 h; a
 * production time before the arrest time (the times contradict, fix the case); nothing recorded.
 */
export const PRODUCTION_OUTCOMES = ['within_24h', 'released_within_24h', 'after_24h', 'inconsistent_times', 'not_recorded'] as const;
export type ProductionOutcome = (typeof PRODUCTION_OUTCOMES)[number];

/** A2 (guardian, within the station's "as soon as possible" target) and A4 (legal practitioner, within 24 h). */
export const TIMELINESS_OUTCOMES = ['within_target', 'later', 'not_recorded'] as const;
export type TimelinessOutcome = (typeof TIMELINESS_OUTCOMES)[number];

/**
 * Bail of arrested juveniles: the A10 outcome (minor and major offences), else the A11 court decision (heinous),
 * else not recorded. The values are the rule pack's evidence options (core/checklist/rules.ts).
 */
export const BAIL_OUTCOMES = [
  'released_on_bail',
  'placed_with_suitable_person',
  'placed_in_jrc',
  'bail_granted',
  'bail_refused',
  'pending',
  'not_recorded',
] as const;
export type BailOutcome = (typeof BAIL_OUTCOMES)[number];

/**
 * Diversion (A9) of juveniles accused: the recorded decision, else "heinous offence, not eligible" (A9 applies
 * to minor and major offences only), else not recorded.
 */
export const DIVERSION_OUTCOMES = ['referred_to_jjc', 'not_referred', 'not_eligible_heinous', 'not_recorded'] as const;
export type DiversionOutcome = (typeof DIVERSION_OUTCOMES)[number];

export type ReferralPartner = (typeof REFERRAL_PARTNERS)[number];

/** A count with its denominator spelled out: "produced within 24 h: 7 of 9 arrested" (percent null when of = 0). */
export type Ratio = { count: number; of: number; percent: number | null };

export type ChildrenTable = Record<CaseCategory, Record<Gender, Record<ReturnAgeBand, number>>>;

/** The figures of one station, or of the whole district. */
export type ReturnFigures = {
  /** Cases reported in the month. */
  cases: number;
  byCategory: Record<CaseCategory, number>;
  /** Children by category, gender and age band at report (date of birth, else age at report, else claimed age). */
  children: ChildrenTable;
  /** Cases of category in_conflict. */
  juvenilesAccused: number;
  /** Juveniles accused with an arrest time recorded: the denominator of the custody figures. */
  arrested: number;
  production: { outcomes: Record<ProductionOutcome, number>; within24h: Ratio };
  guardianInformed: { targetHours: number; outcomes: Record<TimelinessOutcome, number>; withinTarget: Ratio };
  legalAssistance: { outcomes: Record<TimelinessOutcome, number>; within24h: Ratio };
  /** Arrested juveniles whose recorded place of custody is a police lock-up or a jail (A5: should be none). */
  lockupOrJail: { count: number; of: number; heinous: number };
  bail: { outcomes: Record<BailOutcome, number>; of: number };
  diversion: { outcomes: Record<DiversionOutcome, number>; of: number; referred: Ratio };
  /**
   * Missing children: reported in the month (by reportedAt); recovered in the month (by the recovery time, a
   * hand-over time, or the month the district confirmed a match when the case has no recovery time), of the
   * children sought in the month (reported by its end and not recovered before it); handed over in the month
   * (by the hand-over time), of the children recovered by its end and not handed over before it. A child
   * reported in October and recovered in November is recovered in November's return.
   */
  missing: { reported: number; sought: number; recovered: Ratio; recoveredByMatch: number; handedOver: Ratio };
  /** Referrals recorded on the month's cases (a case may have several). */
  referrals: { byPartner: Record<ReferralPartner, number>; total: number; cases: number };
};

export type StationFigures = ReturnFigures & { stationCode: string };

export type RowCounts = {
  /** Rows given to add(). */
  seen: number;
  /** Rows reported in the month, and counted. */
  counted: number;
  outsideMonth: number;
  /** Rows that could not be read (no valid reportedAt or an unknown category): counted nowhere. */
  unreadable: number;
};

export type MonthlyReturn = {
  district: string;
  month: string;
  /** The month in UTC: reported_at >= from and < to. */
  from: string;
  to: string;
  asapTargetHours: number;
  /** Sorted by station code. */
  stations: StationFigures[];
  total: ReturnFigures;
  rows: RowCounts;
};

export type CompliancePoint = {
  month: string;
  arrested: number;
  producedWithin24h: Ratio;
  guardianWithinTarget: Ratio;
};

export type MissingPoint = { month: string; reported: number; recovered: number; handedOver: number };

export type ComplianceSeries = {
  months: string[];
  asapTargetHours: number;
  /** Per station, one point per month (in the order of `months`); sorted by station code. */
  stations: Array<{ stationCode: string; points: CompliancePoint[] }>;
  district: CompliancePoint[];
  categories: Array<{ month: string; byCategory: Record<CaseCategory, number>; total: number }>;
  missing: MissingPoint[];
  rows: RowCounts;
};
