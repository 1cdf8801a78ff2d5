import { ageBand, ageInYears } from '../age.js';
import { CASE_CATEGORIES, GENDERS, REFERRAL_PARTNERS, type CaseCategory } from '../case-model.js';
import { classifyOffence } from '../offence-table.js';
import { canonicalInstant } from './month.js';
import {
  BAIL_OUTCOMES,
  DIVERSION_OUTCOMES,
  PRODUCTION_OUTCOMES,
  RETURN_AGE_BANDS,
  TIMELINESS_OUTCOMES,
  type BailOutcome,
  type ChildrenTable,
  type DistrictCompletion,
  type DistrictRowData,
  type DiversionOutcome,
  type ProductionOutcome,
  type Ratio,
  type ReferralPartner,
  type ReturnAgeBand,
  type ReturnFigures,
  type TimelinessOutcome,
} from './types.js';

/**
 * The counting of one case into a station's tallies, shared by the monthly return and the compliance series so
 * a chart and the printed return can never disagree. Tallies are plain nested records of numbers; ratios and
 * percentages are worked out once, at the end (finish).
 */

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export type Tally = {
  cases: number;
  byCategory: Record<CaseCategory, number>;
  children: ChildrenTable;
  juvenilesAccused: number;
  arrested: number;
  production: Record<ProductionOutcome, number>;
  guardianInformed: Record<TimelinessOutcome, number>;
  legalAssistance: Record<TimelinessOutcome, number>;
  lockupOrJail: number;
  lockupOrJailHeinous: number;
  bail: Record<BailOutcome, number>;
  diversion: Record<DiversionOutcome, number>;
  missingReported: number;
  /** Missing children who could be recovered in the period: reported by its end, not recovered before it. */
  missingSought: number;
  missingRecovered: number;
  /** Of the recovered, those counted as recovered only because the district confirmed a match. */
  missingRecoveredByMatch: number;
  /** Recovered by the period's end and not handed over before it. */
  missingAwaitingHandover: number;
  missingHandedOver: number;
  referrals: Record<ReferralPartner, number>;
  referralCases: number;
};

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function emptyTally(): Tally {
  const children = Object.fromEntries(
    CASE_CATEGORIES.map((category) => [category, Object.fromEntries(GENDERS.map((gender) => [gender, zeros(RETURN_AGE_BANDS)]))]),
  ) as ChildrenTable;
  return {
    cases: 0,
    byCategory: zeros(CASE_CATEGORIES),
    children,
    juvenilesAccused: 0,
    arrested: 0,
    production: zeros(PRODUCTION_OUTCOMES),
    guardianInformed: zeros(TIMELINESS_OUTCOMES),
    legalAssistance: zeros(TIMELINESS_OUTCOMES),
    lockupOrJail: 0,
    lockupOrJailHeinous: 0,
    bail: zeros(BAIL_OUTCOMES),
    diversion: zeros(DIVERSION_OUTCOMES),
    missingReported: 0,
    missingSought: 0,
    missingRecovered: 0,
    missingRecoveredByMatch: 0,
    missingAwaitingHandover: 0,
    missingHandedOver: 0,
    referrals: zeros(REFERRAL_PARTNERS),
    referralCases: 0,
  };
}

type Nested = { [key: string]: number | Nested };

/** target += source, key by key, through nested records (the district total is the sum of its stations). */
export function addTally(target: Tally, source: Tally): void {
  addInto(target as unknown as Nested, source as unknown as Nested);
}

function addInto(target: Nested, source: Nested): void {
  for (const key of Object.keys(source)) {
    const value = source[key]!;
    if (typeof value === 'number') (target[key] as number) += value;
    else addInto(target[key] as Nested, value);
  }
}

const CATEGORY_SET = new Set<string>(CASE_CATEGORIES);
const GENDER_SET = new Set<string>(GENDERS);
const PARTNER_SET = new Set<string>(REFERRAL_PARTNERS);
const A10_OUTCOMES = new Set<string>(['released_on_bail', 'placed_with_suitable_person', 'placed_in_jrc']);
const A11_DECISIONS = new Set<string>(['bail_granted', 'bail_refused', 'pending']);
const A9_DECISIONS = new Set<string>(['referred_to_jjc', 'not_referred']);
const FORBIDDEN_PLACES = new Set<string>(['police_lockup', 'jail']);

export function isCategory(value: string): value is CaseCategory {
  return CATEGORY_SET.has(value);
}

/** Age band at report: from the date of birth, else the age the station worked out at report, else the claimed age. */
export function ageBandAtReport(child: DistrictRowData['child'], reportedAt: string): ReturnAgeBand {
  let years: number | undefined;
  if (child.dateOfBirth) years = ageInYears(child.dateOfBirth, reportedAt);
  else if (child.ageYearsAtReport !== undefined) years = child.ageYearsAtReport;
  else years = child.claimedAge;
  return years === undefined || !Number.isFinite(years) || years < 0 ? 'unknown' : ageBand(years);
}

/** The last completion of each rule the return reads (as the checklist does: a later entry corrects an earlier). */
type Steps = { A2?: DistrictCompletion; A4?: DistrictCompletion; A6?: DistrictCompletion; A9?: DistrictCompletion; A10?: DistrictCompletion; A11?: DistrictCompletion };

function stepsOf(completions: readonly DistrictCompletion[] | undefined): Steps {
  const steps: Steps = {};
  if (!completions) return steps;
  for (const completion of completions) {
    switch (completion.ruleId) {
      case 'A2':
      case 'A4':
      case 'A6':
      case 'A9':
      case 'A10':
      case 'A11':
        steps[completion.ruleId] = completion;
    }
  }
  return steps;
}

function timeliness(step: DistrictCompletion | undefined, arrestMs: number, limitMs: number): TimelinessOutcome {
  if (!step) return 'not_recorded';
  const doneMs = Date.parse(step.doneAt);
  if (Number.isNaN(doneMs)) return 'not_recorded';
  // Done before the recorded arrest time (an arrest time entered late and rounded) is done in time, not late.
  return doneMs - arrestMs <= limitMs ? 'within_target' : 'later';
}

function production(custody: NonNullable<DistrictRowData['custody']>, a6: DistrictCompletion | undefined, arrestMs: number): ProductionOutcome {
  const producedAt = custody.producedAt ?? a6?.doneAt;
  const producedMs = producedAt ? Date.parse(producedAt) : Number.NaN;
  const releasedMs = custody.releasedAt ? Date.parse(custody.releasedAt) : Number.NaN;
  if (producedMs - arrestMs >= 0 && producedMs - arrestMs <= DAY_MS) return 'within_24h';
  if (releasedMs - arrestMs >= 0 && releasedMs - arrestMs <= DAY_MS) return 'released_within_24h';
  if (producedMs - arrestMs > DAY_MS) return 'after_24h';
  if (producedMs < arrestMs) return 'inconsistent_times';
  return 'not_recorded';
}

const isHeinous = (data: DistrictRowData) => {
  const classification = classifyOffence(data.offence);
  return classification.known && classification.offenceClass === 'heinous';
};

/**
 * Counts one case, already known to be in the period, into a tally. `category` is the row's (checked by the
 * caller); `guardianTargetMs` is the station's "as soon as possible" target for A2.
 */
export function countCase(tally: Tally, category: CaseCategory, data: DistrictRowData, reportedAt: string, guardianTargetMs: number): void {
  tally.cases++;
  tally.byCategory[category]++;
  const child = data.child;
  const gender = GENDER_SET.has(child?.gender) ? child.gender : undefined;
  if (gender) tally.children[category][gender][ageBandAtReport(child, reportedAt)]++;

  const referrals = data.referrals;
  if (referrals && referrals.length > 0) {
    tally.referralCases++;
    for (const referral of referrals) tally.referrals[PARTNER_SET.has(referral.to) ? referral.to : 'other']++;
  }

  if (category === 'missing') {
    tally.missingReported++;
    return;
  }
  if (category !== 'in_conflict') return;

  tally.juvenilesAccused++;
  const steps = stepsOf(data.completions);
  const referred = steps.A9?.choices?.referred;
  if (referred !== undefined && A9_DECISIONS.has(referred)) tally.diversion[referred as DiversionOutcome]++;
  else tally.diversion[isHeinous(data) ? 'not_eligible_heinous' : 'not_recorded']++;

  const custody = data.custody;
  const arrestMs = custody?.arrestedAt ? Date.parse(custody.arrestedAt) : Number.NaN;
  if (!custody || Number.isNaN(arrestMs)) return;
  tally.arrested++;
  tally.production[production(custody, steps.A6, arrestMs)]++;
  tally.guardianInformed[timeliness(steps.A2, arrestMs, guardianTargetMs)]++;
  tally.legalAssistance[timeliness(steps.A4, arrestMs, DAY_MS)]++;
  if (custody.place && FORBIDDEN_PLACES.has(custody.place)) {
    tally.lockupOrJail++;
    if (isHeinous(data)) tally.lockupOrJailHeinous++;
  }
  const outcome = steps.A10?.choices?.outcome;
  const decision = steps.A11?.choices?.courtDecision;
  if (outcome !== undefined && A10_OUTCOMES.has(outcome)) tally.bail[outcome as BailOutcome]++;
  else if (decision !== undefined && A11_DECISIONS.has(decision)) tally.bail[decision as BailOutcome]++;
  else tally.bail.not_recorded++;
}

/**
 * When a missing child was recovered and handed over, as canonical instants (null: not yet, or no time known).
 * Recovered: the recovery time; else the hand-over time (a child handed over has been recovered); else the
 * time the district confirmed a match with a found child; else, for a hand-over with no time at all, the
 * report time. Handed over: the hand-over time; else, for a hand-over with no time, the recovery time.
 */
export function recoveryTimes(data: DistrictRowData, reportedAt: string, matchConfirmedAt?: string): { recoveredAt: string | null; handedOverAt: string | null; byMatch: boolean } {
  const missing = data.missing;
  const instant = (at: string | undefined) => (at ? canonicalInstant(at) : null);
  const handedOverFlag = missing?.handedOverAt !== undefined || missing?.handedOverTo !== undefined;
  const recorded = instant(missing?.recoveredAt) ?? instant(missing?.handedOverAt);
  const confirmed = recorded === null ? instant(matchConfirmedAt) : null;
  const recoveredAt = recorded ?? confirmed ?? (handedOverFlag ? instant(reportedAt) : null);
  const handedOverAt = instant(missing?.handedOverAt) ?? (handedOverFlag ? recoveredAt : null);
  return { recoveredAt, handedOverAt, byMatch: recorded === null && confirmed !== null };
}

/**
 * Counts a missing child's recovery and hand-over into the tally of the period [from, to) (canonical
 * instants) they happened in, whatever month the child was reported in; the caller gives only missing
 * children reported before `to`.
 */
export function countRecovery(tally: Tally, data: DistrictRowData, reportedAt: string, from: string, to: string, matchConfirmedAt?: string): void {
  const { recoveredAt, handedOverAt, byMatch } = recoveryTimes(data, reportedAt, matchConfirmedAt);
  if (recoveredAt === null || recoveredAt >= from) tally.missingSought++;
  if (recoveredAt !== null && recoveredAt >= from && recoveredAt < to) {
    tally.missingRecovered++;
    if (byMatch) tally.missingRecoveredByMatch++;
  }
  if (recoveredAt !== null && recoveredAt < to && (handedOverAt === null || handedOverAt >= from)) tally.missingAwaitingHandover++;
  if (handedOverAt !== null && handedOverAt >= from && handedOverAt < to) tally.missingHandedOver++;
}

export function ratio(count: number, of: number): Ratio {
  return { count, of, percent: of === 0 ? null : Math.round((count * 1000) / of) / 10 };
}

/** Tally -> the published figures, with every ratio's denominator spelled out. */
export function finish(tally: Tally, asapTargetHours: number): ReturnFigures {
  const copy = structuredClone(tally);
  const referralTotal = Object.values(copy.referrals).reduce((sum, n) => sum + n, 0);
  return {
    cases: copy.cases,
    byCategory: copy.byCategory,
    children: copy.children,
    juvenilesAccused: copy.juvenilesAccused,
    arrested: copy.arrested,
    production: { outcomes: copy.production, within24h: ratio(copy.production.within_24h, copy.arrested) },
    guardianInformed: {
      targetHours: asapTargetHours,
      outcomes: copy.guardianInformed,
      withinTarget: ratio(copy.guardianInformed.within_target, copy.arrested),
    },
    legalAssistance: { outcomes: copy.legalAssistance, within24h: ratio(copy.legalAssistance.within_target, copy.arrested) },
    lockupOrJail: { count: copy.lockupOrJail, of: copy.arrested, heinous: copy.lockupOrJailHeinous },
    bail: { outcomes: copy.bail, of: copy.arrested },
    diversion: {
      outcomes: copy.diversion,
      of: copy.juvenilesAccused,
      referred: ratio(copy.diversion.referred_to_jjc, copy.juvenilesAccused - copy.diversion.not_eligible_heinous),
    },
    missing: {
      reported: copy.missingReported,
      sought: copy.missingSought,
      recovered: ratio(copy.missingRecovered, copy.missingSought),
      recoveredByMatch: copy.missingRecoveredByMatch,
      handedOver: ratio(copy.missingHandedOver, copy.missingAwaitingHandover),
    },
    referrals: { byPartner: copy.referrals, total: referralTotal, cases: copy.referralCases },
  };
}
