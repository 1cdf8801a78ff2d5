import { ageAt, ageInYears, karachiDate, type AgeFinding } from '../age.js';
import type { CaseData } from '../case-model.js';
import { classifyOffence, type Classification, type OffenceClass } from '../offence-table.js';
import type { StationSettings } from '../settings.js';
import { KARACHI_OFFSET, KARACHI_OFFSET_MS, formatKarachi } from '../time.js';
import { RULES, RULE_PACK_VERSION, type AutoCheck, type Bilingual, type Rule, type RuleClock, type RuleStatus } from './rules.js';

/**
 * evaluate(facts, now, settings): every rule of the pack against one case, with its due time, its state and why.
 * Pure: the same facts, time and settings always give the same checklist. Contradictory facts are reported as
 * named problems, and the steps they make uncomputable say so; nothing throws.
 */

export type ObligationState = 'pending' | 'due_soon' | 'overdue' | 'done' | 'not_applicable' | 'switched_off' | 'cannot_compute';

export type Completion = { ruleId: string; doneAt: string; doneBy: string; evidence: Record<string, string | number | boolean> };

export type CaseFacts = { case: CaseData; completions: readonly Completion[] };

export type Problem = { code: string; en: string; ur: string; fields: string[] };

export type Obligation = {
  ruleId: string;
  title: Bilingual;
  explanation: Bilingual;
  actor: Bilingual;
  basis: string;
  status: RuleStatus;
  statusNote?: Bilingual;
  state: ObligationState;
  dueAt: string | null;
  why: Bilingual;
  /** Recorded by an officer, or settled by the case data itself (`auto`). */
  completion?: { doneAt: string; doneBy: string | null; evidence: Record<string, string | number | boolean>; late: boolean; auto: boolean };
};

export type Evaluation = {
  rulePackVersion: string;
  offenceClass: OffenceClass | 'unknown';
  ageAtOffence: AgeFinding | null;
  ageAtArrest: AgeFinding | null;
  problems: Problem[];
  obligations: Obligation[];
};

export const DUE_SOON_MS = 2 * 3600_000;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/*
 * The due board evaluates every open case at once (10k cases, 20 rules each), so this file avoids the dear
 * steps a checklist pass would otherwise repeat: Date.parse and toISOString (a stored instant is parsed once
 * per case and a due time is written once per clock), string keys for caches, and closures made per rule.
 * Everything it keeps between calls is a pure function of the rule pack, so evaluate stays pure.
 */

const digits2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

/** Date.parse, with a fast path for the register's own "2026-11-20T05:00:00.000Z" form. */
function parseInstant(iso: string): number {
  if (iso.length === 24 && iso.charCodeAt(23) === 90 && iso.charCodeAt(10) === 84) {
    const month = digits2(iso, 5);
    const day = digits2(iso, 8);
    const hours = digits2(iso, 11);
    const minutes = digits2(iso, 14);
    const seconds = digits2(iso, 17);
    const millis = digits2(iso, 20) * 10 + iso.charCodeAt(22) - 48;
    // Days 29-31 go the slow way: Date.parse decides what an impossible date means, not this shortcut.
    if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hours < 24 && minutes < 60 && seconds < 60 && millis >= 0 && millis < 1000) {
      return Date.UTC(digits2(iso, 0) * 100 + digits2(iso, 2), month - 1, day, hours, minutes, seconds, millis);
    }
  }
  return Date.parse(iso);
}

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** "2026-11-20T" for a day number since 1970; a register's due times fall on a few thousand days. */
const DAY_PREFIX = new Map<number, string>();

function dayPrefix(days: number): string {
  let prefix = DAY_PREFIX.get(days);
  if (prefix === undefined) {
    prefix = new Date(days * DAY).toISOString().slice(0, 11);
    if (DAY_PREFIX.size < 100_000) DAY_PREFIX.set(days, prefix);
  }
  return prefix;
}

/** Date#toISOString for 1970-9999, several times cheaper: the date part is looked up, the time part is arithmetic. */
function isoString(at: number): string {
  if (!(at >= 0 && at < 253402300800000) || !Number.isInteger(at)) return new Date(at).toISOString();
  const days = Math.floor(at / DAY);
  let rest = at - days * DAY;
  const hours = Math.floor(rest / HOUR);
  rest -= hours * HOUR;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${dayPrefix(days)}${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`;
}

/** Calendar months in Pakistan: 31 August + 6 months is 28/29 February, at the same local time. */
export function addKarachiMonths(iso: string, months: number): string {
  return new Date(addKarachiMonthsMs(Date.parse(iso), months)).toISOString();
}

function addKarachiMonthsMs(at: number, months: number): number {
  const local = new Date(at + KARACHI_OFFSET_MS);
  const firstOfTarget = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const timeOfDay = at + KARACHI_OFFSET_MS - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return firstOfTarget + (Math.min(local.getUTCDate(), lastDay) - 1) * 24 * HOUR + timeOfDay - KARACHI_OFFSET_MS;
}

const text = (en: string, ur: string): Bilingual => ({ en, ur });

/** The fields whose problems make a step's inputs unknown. */
const AGE_FIELDS = ['child.dateOfBirth', 'child.claimedAge'];
const CHILD_CATEGORIES: ReadonlySet<string> = new Set(['victim', 'witness', 'missing', 'found', 'at_risk']);
/** How far the claimed age may be from the date of birth before the two contradict each other. */
export const CLAIMED_AGE_TOLERANCE_YEARS = 2;

type Instants = { arrest: number; report: number; production: number; release: number; recovery: number; lastSeen: number; now: number };

function findProblems(data: CaseData, at: Instants, ages: { offence: AgeFinding | null; arrest: AgeFinding | null; report: AgeFinding | null }): Problem[] {
  const problems: Problem[] = [];
  const { custody, child, missing, offence } = data;
  if (custody?.arrestedAt && custody.releasedAt && at.release < at.arrest) {
    problems.push({ code: 'released_before_arrest', en: 'Released before arrested: check both times.', ur: 'گرفتاری سے پہلے رہائی: دونوں اوقات چیک کریں۔', fields: ['custody.releasedAt', 'custody.arrestedAt'] });
  }
  if (custody?.arrestedAt && custody.producedAt && at.production < at.arrest) {
    problems.push({ code: 'produced_before_arrest', en: 'Produced before the court before the arrest: check both times.', ur: 'گرفتاری سے پہلے عدالت میں پیشی: دونوں اوقات چیک کریں۔', fields: ['custody.producedAt', 'custody.arrestedAt'] });
  }
  if (custody?.arrestedAt && at.arrest > at.now) {
    problems.push({ code: 'arrest_in_future', en: 'The arrest time is in the future.', ur: 'گرفتاری کا وقت مستقبل میں ہے۔', fields: ['custody.arrestedAt'] });
  }
  if (custody?.arrestedAt && offence?.firDate) {
    const arrestDate = karachiDate(custody.arrestedAt);
    if (offence.firDate > arrestDate) {
      problems.push({
        code: 'fir_after_arrest',
        en: `The FIR date (${offence.firDate}) is after the arrest (${arrestDate}): check both dates.`,
        ur: `ایف آئی آر کی تاریخ (${offence.firDate}) گرفتاری (${arrestDate}) کے بعد ہے: دونوں تاریخیں چیک کریں۔`,
        fields: ['offence.firDate', 'custody.arrestedAt'],
      });
    }
  }
  if (child.dateOfBirth) {
    if (child.dateOfBirth > karachiDate(new Date(at.now))) {
      problems.push({ code: 'birth_in_future', en: 'The date of birth is in the future.', ur: 'تاریخ پیدائش مستقبل میں ہے۔', fields: ['child.dateOfBirth'] });
    } else if (!ages.offence || !ages.arrest || !ages.report) {
      problems.push({
        code: 'birth_after_offence',
        en: 'The date of birth is after the offence, the arrest or the report: no age can be worked out. Check the date of birth and the other dates.',
        ur: 'تاریخ پیدائش جرم، گرفتاری یا اندراج کے بعد کی ہے: عمر معلوم نہیں ہو سکتی۔ تاریخ پیدائش اور دوسری تاریخیں چیک کریں۔',
        fields: ['child.dateOfBirth'],
      });
    } else if (child.claimedAge !== undefined) {
      const fromBirth = ageInYears(child.dateOfBirth, data.reportedAt);
      if (Math.abs(fromBirth - child.claimedAge) > CLAIMED_AGE_TOLERANCE_YEARS) {
        problems.push({
          code: 'dob_contradicts_claimed_age',
          en: `The date of birth gives ${fromBirth} years at the report, the claimed age is ${child.claimedAge}: more than ${CLAIMED_AGE_TOLERANCE_YEARS} years apart. Determine the age from the documents (A1).`,
          ur: `تاریخ پیدائش کے مطابق اندراج کے وقت عمر ${fromBirth} سال ہے، بتائی گئی عمر ${child.claimedAge} ہے: ${CLAIMED_AGE_TOLERANCE_YEARS} سال سے زیادہ فرق۔ دستاویزات سے عمر کا تعین (A1) کریں۔`,
          fields: ['child.dateOfBirth', 'child.claimedAge'],
        });
      }
    }
  }
  if (data.category === 'in_conflict' && ages.offence && ages.offence.years >= 18) {
    problems.push({ code: 'adult_age_in_juvenile_case', en: `The recorded age (${ages.offence.years}) is 18 or over in a juvenile case: determine the age (A1) before anything else.`, ur: `کم عمر کے کیس میں درج عمر (${ages.offence.years}) 18 یا زیادہ ہے: پہلے عمر کا تعین (A1) کریں۔`, fields: [ages.offence.source === 'date_of_birth' ? 'child.dateOfBirth' : 'child.claimedAge'] });
  }
  if (CHILD_CATEGORIES.has(data.category) && ages.report && ages.report.years >= 18) {
    problems.push({
      code: 'adult_in_child_case',
      en: `The recorded age (${ages.report.years}) is 18 or over at the report: a child case must concern a child (under 18). Check the age, or record the person outside the child desk.`,
      ur: `اندراج کے وقت درج عمر (${ages.report.years}) 18 یا زیادہ ہے: بچوں کا کیس 18 سال سے کم عمر بچے ہی کا ہو سکتا ہے۔ عمر چیک کریں، یا اس شخص کا اندراج چائلڈ ڈیسک سے باہر کریں۔`,
      fields: [ages.report.source === 'date_of_birth' ? 'child.dateOfBirth' : 'child.claimedAge'],
    });
  }
  if (missing?.lastSeenAt && missing.recoveredAt && at.recovery < at.lastSeen) {
    problems.push({ code: 'recovered_before_last_seen', en: 'Recovered before last seen: check both times.', ur: 'آخری بار دیکھے جانے سے پہلے بازیابی: دونوں اوقات چیک کریں۔', fields: ['missing.recoveredAt', 'missing.lastSeenAt'] });
  }
  return problems;
}

/** What the pack knows about each rule before any case is seen, worked out once. */
type RuleInfo = {
  rule: Rule;
  order: number;
  /** Index of the rule's clock among the pack's distinct clocks, or -1 for a standing duty. */
  slot: number;
  /** Problems on these fields make the step uncomputable. */
  blockedBy: ReadonlySet<string>;
  /** Its applicability or its status turns on the child's age (A11). */
  ageDependent: boolean;
};

type ClockSlot = { clock: Exclude<RuleClock, { kind: 'standing' }>; fallBackToReport: boolean };

const SLOTS: ClockSlot[] = [];
const NOT_FOR_CATEGORY = new Map<string, Bilingual>();

function slotOf(rule: Rule): number {
  if (rule.clock.kind === 'standing') return -1;
  const clock = rule.clock;
  // Duties that need no arrest run from the report when there is none (A1, A7 for a juvenile not arrested).
  const fallBackToReport = clock.from === 'arrest' && !rule.applies.arrested;
  const same = (s: ClockSlot) => s.fallBackToReport === fallBackToReport && s.clock.from === clock.from && s.clock.kind === clock.kind && (clock.kind === 'asap' || (s.clock as { hours?: number; months?: number }).hours === (clock as { hours?: number }).hours && (s.clock as { months?: number }).months === (clock as { months?: number }).months);
  const found = SLOTS.findIndex(same);
  if (found >= 0) return found;
  SLOTS.push({ clock, fallBackToReport });
  return SLOTS.length - 1;
}

function blockedBy(rule: Rule, ageDependent: boolean): ReadonlySet<string> {
  const fields = new Set<string>();
  const start = rule.clock.kind === 'standing' ? undefined : rule.clock.from;
  if (start === 'arrest') fields.add('custody.arrestedAt');
  if (start === 'production') fields.add('custody.producedAt');
  if (start === 'recovery') fields.add('missing.recoveredAt');
  if (rule.auto?.some((a) => a.kind === 'ends_on_release' || a.kind === 'event_by_due')) {
    fields.add('custody.releasedAt');
    fields.add('custody.producedAt');
  }
  if (ageDependent) for (const field of AGE_FIELDS) fields.add(field);
  return fields;
}

const RULE_INFO: readonly RuleInfo[] = RULES.map((rule, order) => {
  const ageDependent = Boolean(rule.applies.ageBands || rule.statusForAgeBands);
  return { rule, order, slot: slotOf(rule), blockedBy: blockedBy(rule, ageDependent), ageDependent };
});

function notForCategory(category: string): Bilingual {
  let why = NOT_FOR_CATEGORY.get(category);
  if (!why) NOT_FOR_CATEGORY.set(category, (why = text(`Not for this category of case (${category}).`, 'اس قسم کے کیس پر لاگو نہیں۔')));
  return why;
}

type Derived = {
  data: CaseData;
  now: number;
  settings: StationSettings;
  classification: Classification;
  ageAtOffence: AgeFinding | null;
  ageAtArrest: AgeFinding | null;
  at: Instants;
  /** Start of each clock slot for this case (NaN when its event is not recorded). */
  starts: number[];
  /** Due time of each clock slot, as an instant and as the stored string; worked out on first use. */
  dueMs: number[];
  dueIso: (string | null | undefined)[];
  problems: Problem[];
  /** The first problem with the child's age, which the age-dependent steps name. */
  ageProblem: Problem | undefined;
};

const NO_TIME = Number.NaN;
const instantOf = (iso: string | undefined) => (iso === undefined ? NO_TIME : parseInstant(iso));

function derive(facts: CaseFacts, now: Date, settings: StationSettings): Derived {
  const data = facts.case;
  const { custody, missing } = data;
  const offenceAt = data.offence?.firDate ? `${data.offence.firDate}T00:00:00${KARACHI_OFFSET}` : (custody?.arrestedAt ?? data.reportedAt);
  const ageAtOffence = ageAt(data.child, offenceAt);
  const arrestOrReport = custody?.arrestedAt ?? data.reportedAt;
  const ageAtArrest = arrestOrReport === offenceAt ? ageAtOffence : ageAt(data.child, arrestOrReport);
  const ageAtReport = data.reportedAt === arrestOrReport ? ageAtArrest : ageAt(data.child, data.reportedAt);
  const at: Instants = {
    arrest: instantOf(custody?.arrestedAt),
    report: instantOf(data.reportedAt),
    production: instantOf(custody?.producedAt),
    release: instantOf(custody?.releasedAt),
    recovery: instantOf(missing?.recoveredAt),
    lastSeen: instantOf(missing?.lastSeenAt),
    now: now.getTime(),
  };
  const starts = new Array<number>(SLOTS.length);
  for (let i = 0; i < SLOTS.length; i++) {
    const { clock, fallBackToReport } = SLOTS[i]!;
    const event = clock.from === 'arrest' ? at.arrest : clock.from === 'report' ? at.report : clock.from === 'production' ? at.production : at.recovery;
    starts[i] = Number.isNaN(event) && fallBackToReport ? at.report : event;
  }
  const problems = findProblems(data, at, { offence: ageAtOffence, arrest: ageAtArrest, report: ageAtReport });
  let ageProblem: Problem | undefined;
  for (const problem of problems) if (!ageProblem && problem.fields.some((f) => AGE_FIELDS.includes(f))) ageProblem = problem;
  return {
    data,
    now: at.now,
    settings,
    classification: classifyOffence(data.offence),
    ageAtOffence,
    ageAtArrest,
    at,
    starts,
    dueMs: new Array<number>(SLOTS.length).fill(NO_TIME),
    dueIso: new Array<string | null | undefined>(SLOTS.length),
    problems,
    ageProblem,
  };
}

const NOT_ARRESTED = text('No arrest is recorded.', 'گرفتاری درج نہیں۔');
const NOT_RECOVERED = text('The child has not been recovered yet.', 'بچہ ابھی بازیاب نہیں ہوا۔');
const FEMALE_ONLY = text('Applies to female juveniles.', 'کم عمر لڑکیوں پر لاگو۔');
const NOT_FOR_AGE = text('Not for this age.', 'اس عمر پر لاگو نہیں۔');
const NOT_FOR_CLASS = new Map(
  (['minor', 'major', 'heinous'] as const).map((c) => [c, text(`Not for a ${c} offence.`, 'اس درجے کے جرم پر لاگو نہیں۔')]),
);

/** Why a rule does not apply to this case, or null when it does. */
function notApplicableBecause(rule: Rule, d: Derived): Bilingual | null {
  const { applies } = rule;
  if (!applies.categories.includes(d.data.category)) return notForCategory(d.data.category);
  if (applies.arrested && !d.data.custody?.arrestedAt) return NOT_ARRESTED;
  if (applies.recovered && !d.data.missing?.recoveredAt) return NOT_RECOVERED;
  if (applies.genders && !applies.genders.includes(d.data.child.gender)) return FEMALE_ONLY;
  if (applies.offenceClasses && d.classification.known && !applies.offenceClasses.includes(d.classification.offenceClass)) {
    return NOT_FOR_CLASS.get(d.classification.offenceClass)!;
  }
  if (applies.ageBands && d.ageAtArrest && !d.ageProblem && !applies.ageBands.includes(d.ageAtArrest.band)) return NOT_FOR_AGE;
  return null;
}

/** The reason depends only on the rule and the station's target, so it is worded once per target, not per case. */
const whyByTarget = new Map<number, Bilingual[]>();

function whyApplies(info: RuleInfo, settings: StationSettings): Bilingual {
  let words = whyByTarget.get(settings.asapTargetHours);
  if (!words) whyByTarget.set(settings.asapTargetHours, (words = RULES.map((rule) => wordWhyApplies(rule, settings))));
  return words[info.order]!;
}

function wordWhyApplies(rule: Rule, settings: StationSettings): Bilingual {
  if (rule.clock.kind === 'standing') return text('A standing duty for this case: confirm it is kept.', 'اس کیس کے لیے مستقل ذمہ داری: تصدیق کریں۔');
  const from = { arrest: 'the arrest', report: 'the report', production: 'first production', recovery: 'the recovery' }[rule.clock.from];
  const fromUr = { arrest: 'گرفتاری', report: 'اندراج', production: 'پہلی پیشی', recovery: 'بازیابی' }[rule.clock.from];
  if (rule.clock.kind === 'asap') return text(`As soon as possible after ${from} (station target ${settings.asapTargetHours} h).`, `${fromUr} کے بعد جلد از جلد (تھانے کا ہدف ${settings.asapTargetHours} گھنٹے)۔`);
  if (rule.clock.kind === 'hours') return text(`Within ${rule.clock.hours} hours of ${from}.`, `${fromUr} کے ${rule.clock.hours} گھنٹوں کے اندر۔`);
  return text(`Within ${rule.clock.months} months of ${from}.`, `${fromUr} کے ${rule.clock.months} ماہ کے اندر۔`);
}

/** The due instant of a rule's clock for this case, NaN when its start is not recorded or it has none. */
function dueMsFor(info: RuleInfo, d: Derived): number {
  const slot = info.slot;
  if (slot < 0) return NO_TIME;
  let due = d.dueMs[slot]!;
  if (Number.isNaN(due)) {
    const from = d.starts[slot]!;
    if (Number.isNaN(from)) return NO_TIME;
    const clock = SLOTS[slot]!.clock;
    due = clock.kind === 'hours' ? from + clock.hours * HOUR : clock.kind === 'months' ? addKarachiMonthsMs(from, clock.months) : from + d.settings.asapTargetHours * HOUR;
    d.dueMs[slot] = due;
  }
  return due;
}

function dueIsoFor(info: RuleInfo, d: Derived, due: number): string | null {
  if (Number.isNaN(due)) return null;
  let iso = d.dueIso[info.slot];
  if (iso === undefined) d.dueIso[info.slot] = iso = isoString(due);
  return iso;
}

function stateByClock(due: number, now: number): ObligationState {
  if (Number.isNaN(due)) return 'pending';
  const left = due - now;
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due_soon' : 'pending';
}

type Outcome = Pick<Obligation, 'state' | 'why' | 'completion'>;

function fieldValue(data: CaseData, path: string): unknown {
  let node: unknown = data;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}

const RECORD_PLACE = text('Record the place of custody.', 'حراست کی جگہ درج کریں۔');
const HEINOUS_EXCEPTION = text('Held in a police lock-up or jail in a heinous case: the only exception courts recognise. Record the reason.', 'سنگین جرم میں حوالات/جیل: عدالتوں کا واحد تسلیم شدہ استثنا۔ وجہ درج کریں۔');
const FORBIDDEN_PLACE = text('Held in a police lock-up or jail: the law forbids it. Move the child to an observation home now.', 'حوالات یا جیل میں: قانون اس کی اجازت نہیں دیتا۔ بچے کو فوراً آبزرویشن ہوم منتقل کریں۔');
const HANDED_OVER = text('Hand-over recorded.', 'حوالگی درج ہے۔');

/** What the case data settles by itself (A5 place of custody, A6 production, A12 release, M3 hand-over). */
function autoOutcome(check: AutoCheck, d: Derived, due: number): Outcome | null {
  const custody = d.data.custody;
  switch (check.kind) {
    case 'forbidden_custody': {
      const place = custody?.place;
      if (!place) return { state: 'pending', why: RECORD_PLACE };
      if (!check.places.includes(place)) {
        return { state: 'done', why: text(`Held at: ${place.replace(/_/g, ' ')}.`, 'اجازت شدہ جگہ پر۔'), completion: { doneAt: custody?.arrestedAt ?? d.data.reportedAt, doneBy: null, evidence: { place }, late: false, auto: true } };
      }
      if (d.classification.known && check.exceptClasses.includes(d.classification.offenceClass)) return { state: 'pending', why: HEINOUS_EXCEPTION };
      return { state: 'overdue', why: FORBIDDEN_PLACE };
    }
    case 'event_by_due': {
      // The earlier of the events the check names; on a tie the order of the stored strings decides, as before.
      let first: string | undefined;
      let firstAt = NO_TIME;
      for (const event of check.events) {
        const time = event === 'produced' ? custody?.producedAt : custody?.releasedAt;
        const timeAt = event === 'produced' ? d.at.production : d.at.release;
        if (time && (first === undefined || time < first)) {
          first = time;
          firstAt = timeAt;
        }
      }
      if (first === undefined) return null;
      const late = !Number.isNaN(due) && firstAt > due;
      const what = first === custody?.producedAt ? text('Produced before the court', 'عدالت میں پیش') : text('Released', 'رہا');
      return {
        state: 'done',
        why: late ? text(`${what.en} late, at ${formatKarachi(first)}.`, `${what.ur}، تاخیر سے: ${formatKarachi(first)}۔`) : text(`${what.en} at ${formatKarachi(first)}.`, `${what.ur}: ${formatKarachi(first)}۔`),
        completion: { doneAt: first, doneBy: null, evidence: {}, late, auto: true },
      };
    }
    case 'ends_on_release':
      return custody?.releasedAt ? { state: 'not_applicable', why: text(`Released at ${formatKarachi(custody.releasedAt)}.`, `رہائی: ${formatKarachi(custody.releasedAt)}۔`) } : null;
    case 'fields_recorded': {
      for (const field of check.fields) if (fieldValue(d.data, field) === undefined) return null;
      const at = String(fieldValue(d.data, check.fields[check.fields.length - 1]!));
      return { state: 'done', why: HANDED_OVER, completion: { doneAt: at, doneBy: null, evidence: {}, late: !Number.isNaN(due) && parseInstant(at) > due, auto: true } };
    }
  }
}

function latestCompletion(rule: Rule, completions: readonly Completion[]): Completion | undefined {
  for (let i = completions.length - 1; i >= 0; i--) if (completions[i]!.ruleId === rule.id) return completions[i];
  return undefined;
}

function blockingProblem(info: RuleInfo, d: Derived): Problem | undefined {
  for (const problem of d.problems) for (const field of problem.fields) if (info.blockedBy.has(field)) return problem;
  return undefined;
}

type Settled = { state: ObligationState; dueAt: string | null; why: Bilingual; completion?: Obligation['completion'] };

/** Every obligation has the same shape, built in one place: the due board makes 200k of them at a time. */
function obligation(rule: Rule, status: RuleStatus, statusNote: Bilingual | undefined, settled: Settled): Obligation {
  return {
    ruleId: rule.id,
    title: rule.title,
    explanation: rule.explanation,
    actor: rule.actor,
    basis: rule.basis,
    status,
    statusNote,
    state: settled.state,
    dueAt: settled.dueAt,
    why: settled.why,
    completion: settled.completion,
  };
}

const SWITCHED_OFF = text('Unconfirmed guidance, switched off for this station.', 'غیر مصدقہ رہنمائی، اس تھانے کے لیے بند۔');
const NO_PUNISHABLE_SECTION = text(
  'The offence class is unknown: no section with a punishment of its own is recorded. Enter the sections charged, or the maximum punishment on the case.',
  'جرم کا درجہ معلوم نہیں: اپنی سزا والی کوئی دفعہ درج نہیں۔ لگائی گئی دفعات، یا کیس پر زیادہ سے زیادہ سزا درج کریں۔',
);
const WAITING_FOR_PRODUCTION = text('The clock starts at first production, which is not recorded yet.', 'گھڑی پہلی پیشی سے شروع ہوتی ہے، جو ابھی درج نہیں۔');
const AGE_NOT_KNOWN = text(
  'The child’s age is not recorded, and this step turns on it: determine the age (A1) and record it.',
  'بچے کی عمر درج نہیں اور یہ قدم اسی پر منحصر ہے: عمر کا تعین (A1) کر کے درج کریں۔',
);
const STATUS_NEEDS_AGE = text(
  'Its status turns on the age (case-law over 16, unconfirmed under 16), which is not known: shown as unconfirmed until the age is determined.',
  'اس کی حیثیت عمر پر منحصر ہے (16 سے زائد کے لیے عدالتی نظیر، 16 سے کم کے لیے غیر مصدقہ)، جو معلوم نہیں: عمر کے تعین تک غیر مصدقہ۔',
);

/** Names the sections the table lacks and says what the officer must enter. */
function unknownClass(d: Derived): Bilingual {
  const missing = d.classification.unknownSections;
  if (missing.length === 0) return NO_PUNISHABLE_SECTION;
  const list = missing.join(', ');
  const one = missing.length === 1;
  return text(
    `The offence class is unknown: ${list} ${one ? 'is' : 'are'} not in the offence table. Enter the maximum punishment on the case (years, life or death).`,
    `جرم کا درجہ معلوم نہیں: ${list} جرائم کے جدول میں ${one ? 'نہیں ہے' : 'نہیں ہیں'}۔ کیس پر زیادہ سے زیادہ سزا درج کریں (سال، عمر قید یا موت)۔`,
  );
}

function settle(info: RuleInfo, d: Derived, completions: readonly Completion[], notApplicable: Bilingual | null): Settled {
  const { rule } = info;
  if (notApplicable) return { state: 'not_applicable', dueAt: null, why: notApplicable };
  if (rule.applies.offenceClasses && !d.classification.known) return { state: 'cannot_compute', dueAt: null, why: unknownClass(d) };
  const problem = blockingProblem(info, d);
  if (problem) return { state: 'cannot_compute', dueAt: null, why: text(problem.en, problem.ur) };
  if (info.ageDependent && !d.ageAtArrest) return { state: 'cannot_compute', dueAt: null, why: AGE_NOT_KNOWN };

  const due = dueMsFor(info, d);
  const dueAt = dueIsoFor(info, d, due);
  const recorded = completions.length > 0 ? latestCompletion(rule, completions) : undefined;
  if (recorded) {
    const late = !Number.isNaN(due) && parseInstant(recorded.doneAt) > due;
    const why = late ? text(`Done late, at ${formatKarachi(recorded.doneAt)}.`, `تاخیر سے مکمل: ${formatKarachi(recorded.doneAt)}۔`) : text(`Done at ${formatKarachi(recorded.doneAt)}.`, `مکمل: ${formatKarachi(recorded.doneAt)}۔`);
    return { state: 'done', dueAt, why, completion: { doneAt: recorded.doneAt, doneBy: recorded.doneBy, evidence: recorded.evidence, late, auto: false } };
  }
  if (rule.auto) {
    for (const check of rule.auto) {
      const outcome = autoOutcome(check, d, due);
      if (outcome) return { dueAt, state: outcome.state, why: outcome.why, completion: outcome.completion };
    }
  }
  if (!dueAt && info.slot >= 0) return { state: 'pending', dueAt: null, why: WAITING_FOR_PRODUCTION };
  return { state: stateByClock(due, d.now), dueAt, why: whyApplies(info, d.settings) };
}

function evaluateRule(info: RuleInfo, d: Derived, completions: readonly Completion[]): Obligation {
  const { rule } = info;
  let status = rule.status;
  let statusNote = rule.statusNote;
  /** The status word itself is unknown (A11 without an age): never switched off, never shown as the stronger word. */
  let statusUnknown = false;
  const banded = rule.statusForAgeBands;
  if (banded) {
    if (!d.ageAtArrest || d.ageProblem) {
      status = banded.status;
      statusNote = STATUS_NEEDS_AGE;
      statusUnknown = true;
    } else if (banded.bands.includes(d.ageAtArrest.band)) {
      status = banded.status;
      statusNote = banded.note;
    }
  }
  const notApplicable = notApplicableBecause(rule, d);
  // Applicability first: a rule that does not apply is "not applicable" whether or not the station switched it off.
  if (status === 'unconfirmed' && !statusUnknown && d.settings.unconfirmedRules === 'off' && !notApplicable) {
    return obligation(rule, status, statusNote, { state: 'switched_off', dueAt: null, why: SWITCHED_OFF });
  }
  return obligation(rule, status, statusNote, settle(info, d, completions, notApplicable));
}

const STATE_ORDER: Record<ObligationState, number> = { overdue: 0, cannot_compute: 1, due_soon: 2, pending: 3, done: 4, switched_off: 5, not_applicable: 6 };
const NO_DUE_TIME = Number.MAX_SAFE_INTEGER;

// Scratch space for the sort, reused by every call: evaluate runs to the end before anything else can call it,
// and nothing in it outlives the call, so sharing it keeps evaluate pure while sparing 30k allocations a board.
const SORT_STATE = new Int8Array(RULES.length);
const SORT_DUE = new Float64Array(RULES.length);
const SORT_INDEX = new Int32Array(RULES.length);

/** Most urgent first: by state, then earliest due (undated last), then the pack's own order. */
function byUrgency(obligations: Obligation[], d: Derived): Obligation[] {
  const count = obligations.length;
  const state = SORT_STATE;
  const due = SORT_DUE;
  const index = SORT_INDEX;
  for (let i = 0; i < count; i++) {
    const o = obligations[i]!;
    state[i] = STATE_ORDER[o.state];
    const dueAt = o.dueAt === null ? NO_DUE_TIME : dueOf(o.dueAt, RULE_INFO[i]!, d);
    due[i] = Number.isNaN(dueAt) ? NO_DUE_TIME : dueAt;
    index[i] = i;
  }
  // Insertion sort, stable: twenty rules arrive in the pack's order (obligations[i] is RULES[i]), so ties keep it.
  for (let i = 1; i < count; i++) {
    const current = index[i]!;
    const currentState = state[current]!;
    const currentDue = due[current]!;
    let j = i - 1;
    while (j >= 0) {
      const other = index[j]!;
      if (state[other]! < currentState || (state[other] === currentState && due[other]! <= currentDue)) break;
      index[j + 1] = other;
      j--;
    }
    index[j + 1] = current;
  }
  const sorted = new Array<Obligation>(count);
  for (let i = 0; i < count; i++) sorted[i] = obligations[index[i]!]!;
  return sorted;
}

/** The instant of an obligation's due time: the slot already holds it (the string came from it). */
function dueOf(dueAt: string, info: RuleInfo, d: Derived): number {
  return info.slot >= 0 && d.dueIso[info.slot] === dueAt ? d.dueMs[info.slot]! : parseInstant(dueAt);
}

export function evaluate(facts: CaseFacts, now: Date, settings: StationSettings): Evaluation {
  const d = derive(facts, now, settings);
  const obligations = new Array<Obligation>(RULE_INFO.length);
  for (let i = 0; i < RULE_INFO.length; i++) obligations[i] = evaluateRule(RULE_INFO[i]!, d, facts.completions);
  return {
    rulePackVersion: RULE_PACK_VERSION,
    offenceClass: d.classification.known ? d.classification.offenceClass : 'unknown',
    ageAtOffence: d.ageAtOffence,
    ageAtArrest: d.ageAtArrest,
    problems: d.problems,
    obligations: byUrgency(obligations, d),
  };
}
