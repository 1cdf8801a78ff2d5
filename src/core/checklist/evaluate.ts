import { ageAt, karachiDate, type AgeFinding } from '../age.js';
import type { CaseData } from '../case-model.js';
import { classifyOffence, type Classification, type OffenceClass } from '../offence-table.js';
import type { StationSettings } from '../settings.js';
import { KARACHI_OFFSET, formatKarachi } from '../time.js';
import { RULES, RULE_PACK_VERSION, type AutoCheck, type Bilingual, type ClockEvent, type Rule, type RuleStatus } from './rules.js';

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

type Derived = {
  data: CaseData;
  now: Date;
  settings: StationSettings;
  classification: Classification;
  ageAtOffence: AgeFinding | null;
  ageAtArrest: AgeFinding | null;
  events: Record<ClockEvent, string | undefined>;
  /** Due times already worked out for this case: many rules share a clock (24 h from arrest, for one). */
  dueTimes: Map<string, string | null>;
  /** Date.parse is the dearest step of a checklist pass; each case parses each instant once. */
  instants: Map<string, number>;
  problems: Problem[];
};

const HOUR = 3600_000;
const ms = (iso: string) => Date.parse(iso);

/** Calendar months in Pakistan: 31 August + 6 months is 28/29 February, at the same local time. */
export function addKarachiMonths(iso: string, months: number): string {
  return new Date(addKarachiMonthsMs(ms(iso), months)).toISOString();
}

// Pakistan keeps UTC+5 all year, so local calendar arithmetic is UTC arithmetic on a shifted instant.
const KARACHI_SHIFT_MS = 5 * HOUR;

function addKarachiMonthsMs(at: number, months: number): number {
  const local = new Date(at + KARACHI_SHIFT_MS);
  const firstOfTarget = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1);
  const target = new Date(firstOfTarget);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const timeOfDay = at + KARACHI_SHIFT_MS - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return firstOfTarget + (Math.min(local.getUTCDate(), lastDay) - 1) * 24 * HOUR + timeOfDay - KARACHI_SHIFT_MS;
}

function findProblems(data: CaseData, now: Date, ageAtOffence: AgeFinding | null): Problem[] {
  const problems: Problem[] = [];
  const { custody, child, missing } = data;
  const add = (code: string, en: string, ur: string, fields: string[]) => problems.push({ code, en, ur, fields });
  if (custody?.arrestedAt && custody.releasedAt && ms(custody.releasedAt) < ms(custody.arrestedAt)) {
    add('released_before_arrest', 'Released before arrested: check both times.', 'گرفتاری سے پہلے رہائی: دونوں اوقات چیک کریں۔', ['custody.releasedAt', 'custody.arrestedAt']);
  }
  if (custody?.arrestedAt && custody.producedAt && ms(custody.producedAt) < ms(custody.arrestedAt)) {
    add('produced_before_arrest', 'Produced before the court before the arrest: check both times.', 'گرفتاری سے پہلے عدالت میں پیشی: دونوں اوقات چیک کریں۔', ['custody.producedAt', 'custody.arrestedAt']);
  }
  if (custody?.arrestedAt && ms(custody.arrestedAt) > now.getTime()) {
    add('arrest_in_future', 'The arrest time is in the future.', 'گرفتاری کا وقت مستقبل میں ہے۔', ['custody.arrestedAt']);
  }
  if (child.dateOfBirth && child.dateOfBirth > karachiDate(now)) {
    add('birth_in_future', 'The date of birth is in the future.', 'تاریخ پیدائش مستقبل میں ہے۔', ['child.dateOfBirth']);
  }
  if (data.category === 'in_conflict' && ageAtOffence && ageAtOffence.years >= 18) {
    add('adult_age_in_juvenile_case', `The recorded age (${ageAtOffence.years}) is 18 or over in a juvenile case: determine the age (A1) before anything else.`, `کم عمر کے کیس میں درج عمر (${ageAtOffence.years}) 18 یا زیادہ ہے: پہلے عمر کا تعین (A1) کریں۔`, [ageAtOffence.source === 'date_of_birth' ? 'child.dateOfBirth' : 'child.claimedAge']);
  }
  if (missing?.lastSeenAt && missing.recoveredAt && ms(missing.recoveredAt) < ms(missing.lastSeenAt)) {
    add('recovered_before_last_seen', 'Recovered before last seen: check both times.', 'آخری بار دیکھے جانے سے پہلے بازیابی: دونوں اوقات چیک کریں۔', ['missing.recoveredAt', 'missing.lastSeenAt']);
  }
  return problems;
}

function derive(facts: CaseFacts, now: Date, settings: StationSettings): Derived {
  const data = facts.case;
  const offenceAt = data.offence?.firDate ? `${data.offence.firDate}T00:00:00${KARACHI_OFFSET}` : (data.custody?.arrestedAt ?? data.reportedAt);
  const ageAtOffence = ageAt(data.child, offenceAt);
  return {
    data,
    now,
    settings,
    classification: classifyOffence(data.offence),
    ageAtOffence,
    ageAtArrest: ageAt(data.child, data.custody?.arrestedAt ?? data.reportedAt),
    events: { arrest: data.custody?.arrestedAt, report: data.reportedAt, production: data.custody?.producedAt, recovery: data.missing?.recoveredAt },
    problems: findProblems(data, now, ageAtOffence),
    dueTimes: new Map(),
    instants: new Map(),
  };
}

const text = (en: string, ur: string): Bilingual => ({ en, ur });

/** Why a rule does not apply to this case, or null when it does. */
function notApplicableBecause(rule: Rule, d: Derived): Bilingual | null {
  const { applies } = rule;
  if (!applies.categories.includes(d.data.category)) return text(`Not for this category of case (${d.data.category}).`, 'اس قسم کے کیس پر لاگو نہیں۔');
  if (applies.arrested && !d.events.arrest) return text('No arrest is recorded.', 'گرفتاری درج نہیں۔');
  if (applies.recovered && !d.events.recovery) return text('The child has not been recovered yet.', 'بچہ ابھی بازیاب نہیں ہوا۔');
  if (applies.genders && !applies.genders.includes(d.data.child.gender)) return text('Applies to female juveniles.', 'کم عمر لڑکیوں پر لاگو۔');
  if (applies.offenceClasses && d.classification.known && !applies.offenceClasses.includes(d.classification.offenceClass)) {
    return text(`Not for a ${d.classification.offenceClass} offence.`, 'اس درجے کے جرم پر لاگو نہیں۔');
  }
  if (applies.ageBands && d.ageAtArrest && !applies.ageBands.includes(d.ageAtArrest.band)) return text('Not for this age.', 'اس عمر پر لاگو نہیں۔');
  return null;
}

const whyCache = new Map<string, Bilingual>();

/** The reason depends only on the rule and the station's target, so it is worded once, not once per case. */
function whyApplies(rule: Rule, d: Derived): Bilingual {
  const key = `${rule.id}/${d.settings.asapTargetHours}`;
  let why = whyCache.get(key);
  if (!why) whyCache.set(key, (why = wordWhyApplies(rule, d)));
  return why;
}

function wordWhyApplies(rule: Rule, d: Derived): Bilingual {
  if (rule.clock.kind === 'standing') return text('A standing duty for this case: confirm it is kept.', 'اس کیس کے لیے مستقل ذمہ داری: تصدیق کریں۔');
  const from = { arrest: 'the arrest', report: 'the report', production: 'first production', recovery: 'the recovery' }[rule.clock.from];
  const fromUr = { arrest: 'گرفتاری', report: 'اندراج', production: 'پہلی پیشی', recovery: 'بازیابی' }[rule.clock.from];
  if (rule.clock.kind === 'asap') return text(`As soon as possible after ${from} (station target ${d.settings.asapTargetHours} h).`, `${fromUr} کے بعد جلد از جلد (تھانے کا ہدف ${d.settings.asapTargetHours} گھنٹے)۔`);
  if (rule.clock.kind === 'hours') return text(`Within ${rule.clock.hours} hours of ${from}.`, `${fromUr} کے ${rule.clock.hours} گھنٹوں کے اندر۔`);
  return text(`Within ${rule.clock.months} months of ${from}.`, `${fromUr} کے ${rule.clock.months} ماہ کے اندر۔`);
}

/** The instant the clock starts, falling back from arrest to report for duties that do not need an arrest. */
function clockStart(rule: Rule, d: Derived): string | undefined {
  if (rule.clock.kind === 'standing') return undefined;
  const event = d.events[rule.clock.from];
  return event ?? (rule.clock.from === 'arrest' && !rule.applies.arrested ? d.events.report : undefined);
}

function dueAtFor(rule: Rule, d: Derived): string | null {
  const start = clockStart(rule, d);
  if (!start || rule.clock.kind === 'standing') return null;
  const key = `${start}/${rule.clock.kind}/${rule.clock.kind === 'months' ? rule.clock.months : rule.clock.kind === 'hours' ? rule.clock.hours : d.settings.asapTargetHours}`;
  let dueAt = d.dueTimes.get(key);
  if (dueAt === undefined) d.dueTimes.set(key, (dueAt = computeDueAt(rule, start, d)));
  return dueAt;
}

function computeDueAt(rule: Rule, start: string, d: Derived): string | null {
  const from = instant(d, start);
  switch (rule.clock.kind) {
    case 'hours':
      return new Date(from + rule.clock.hours * HOUR).toISOString();
    case 'months':
      return new Date(addKarachiMonthsMs(from, rule.clock.months)).toISOString();
    case 'asap':
      return new Date(from + d.settings.asapTargetHours * HOUR).toISOString();
    case 'standing':
      return null;
  }
}

function instant(d: Derived, iso: string): number {
  let at = d.instants.get(iso);
  if (at === undefined) d.instants.set(iso, (at = ms(iso)));
  return at;
}

function stateByClock(dueAt: string | null, d: Derived): ObligationState {
  if (!dueAt) return 'pending';
  const left = instant(d, dueAt) - d.now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due_soon' : 'pending';
}

type Outcome = Pick<Obligation, 'state' | 'why' | 'completion'>;

function fieldValue(data: CaseData, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
}

/** What the case data settles by itself (A5 place of custody, A6 production, A12 release, M3 hand-over). */
function autoOutcome(check: AutoCheck, d: Derived, dueAt: string | null): Outcome | null {
  const custody = d.data.custody;
  switch (check.kind) {
    case 'forbidden_custody': {
      const place = custody?.place;
      if (!place) return { state: stateByClock(null, d), why: text('Record the place of custody.', 'حراست کی جگہ درج کریں۔') };
      if (!check.places.includes(place)) {
        return { state: 'done', why: text(`Held at: ${place.replace(/_/g, ' ')}.`, 'اجازت شدہ جگہ پر۔'), completion: { doneAt: custody?.arrestedAt ?? d.data.reportedAt, doneBy: null, evidence: { place }, late: false, auto: true } };
      }
      if (d.classification.known && check.exceptClasses.includes(d.classification.offenceClass)) {
        return { state: 'pending', why: text('Held in a police lock-up or jail in a heinous case: the only exception courts recognise. Record the reason.', 'سنگین جرم میں حوالات/جیل: عدالتوں کا واحد تسلیم شدہ استثنا۔ وجہ درج کریں۔') };
      }
      return { state: 'overdue', why: text('Held in a police lock-up or jail: the law forbids it. Move the child to an observation home now.', 'حوالات یا جیل میں: قانون اس کی اجازت نہیں دیتا۔ بچے کو فوراً آبزرویشن ہوم منتقل کریں۔') };
    }
    case 'event_by_due': {
      const times = check.events.map((e) => (e === 'produced' ? custody?.producedAt : custody?.releasedAt)).filter((t): t is string => Boolean(t));
      if (times.length === 0) return null;
      const first = times.sort()[0]!;
      const late = dueAt !== null && ms(first) > ms(dueAt);
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
      if (!check.fields.every((f) => fieldValue(d.data, f) !== undefined)) return null;
      const at = String(fieldValue(d.data, check.fields[check.fields.length - 1]!));
      return { state: 'done', why: text('Hand-over recorded.', 'حوالگی درج ہے۔'), completion: { doneAt: at, doneBy: null, evidence: {}, late: dueAt !== null && ms(at) > ms(dueAt), auto: true } };
    }
  }
}

function latestCompletion(rule: Rule, completions: readonly Completion[]): Completion | undefined {
  for (let i = completions.length - 1; i >= 0; i--) if (completions[i]!.ruleId === rule.id) return completions[i];
  return undefined;
}

function blockingProblem(rule: Rule, d: Derived): Problem | undefined {
  const start = rule.clock.kind === 'standing' ? undefined : rule.clock.from;
  const fields = [start === 'arrest' ? 'custody.arrestedAt' : '', start === 'production' ? 'custody.producedAt' : '', start === 'recovery' ? 'missing.recoveredAt' : ''].filter(Boolean);
  const usesRelease = rule.auto?.some((a) => a.kind === 'ends_on_release' || a.kind === 'event_by_due');
  return d.problems.find((p) => p.fields.some((f) => fields.includes(f) || (usesRelease && (f === 'custody.releasedAt' || f === 'custody.producedAt'))));
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
const UNKNOWN_CLASS = text('The offence class is unknown: enter the maximum punishment for the sections the table lacks.', 'جرم کا درجہ معلوم نہیں: جدول میں نہ ہونے والی دفعات کی زیادہ سے زیادہ سزا درج کریں۔');
const WAITING_FOR_PRODUCTION = text('The clock starts at first production, which is not recorded yet.', 'گھڑی پہلی پیشی سے شروع ہوتی ہے، جو ابھی درج نہیں۔');

function settle(rule: Rule, d: Derived, completions: readonly Completion[]): Settled {
  const notApplicable = notApplicableBecause(rule, d);
  if (notApplicable) return { state: 'not_applicable', dueAt: null, why: notApplicable };
  if (rule.applies.offenceClasses && !d.classification.known) return { state: 'cannot_compute', dueAt: null, why: UNKNOWN_CLASS };
  const problem = blockingProblem(rule, d);
  if (problem) return { state: 'cannot_compute', dueAt: null, why: text(problem.en, problem.ur) };

  const dueAt = dueAtFor(rule, d);
  const recorded = latestCompletion(rule, completions);
  if (recorded) {
    const late = dueAt !== null && ms(recorded.doneAt) > ms(dueAt);
    const why = late ? text(`Done late, at ${formatKarachi(recorded.doneAt)}.`, `تاخیر سے مکمل: ${formatKarachi(recorded.doneAt)}۔`) : text(`Done at ${formatKarachi(recorded.doneAt)}.`, `مکمل: ${formatKarachi(recorded.doneAt)}۔`);
    return { state: 'done', dueAt, why, completion: { doneAt: recorded.doneAt, doneBy: recorded.doneBy, evidence: recorded.evidence, late, auto: false } };
  }
  for (const check of rule.auto ?? []) {
    const outcome = autoOutcome(check, d, dueAt);
    if (outcome) return { dueAt, ...outcome };
  }
  if (!dueAt && rule.clock.kind !== 'standing') return { state: 'pending', dueAt: null, why: WAITING_FOR_PRODUCTION };
  return { state: stateByClock(dueAt, d), dueAt, why: whyApplies(rule, d) };
}

function evaluateRule(rule: Rule, d: Derived, completions: readonly Completion[]): Obligation {
  const banded = rule.statusForAgeBands && d.ageAtArrest && rule.statusForAgeBands.bands.includes(d.ageAtArrest.band) ? rule.statusForAgeBands : undefined;
  const status = banded?.status ?? rule.status;
  // Applicability first: a rule that does not apply is "not applicable" whether or not the station switched it off.
  if (status === 'unconfirmed' && d.settings.unconfirmedRules === 'off' && !notApplicableBecause(rule, d)) {
    return obligation(rule, status, banded?.note, { state: 'switched_off', dueAt: null, why: SWITCHED_OFF });
  }
  return obligation(rule, status, banded?.note, settle(rule, d, completions));
}

const RULE_ORDER = new Map(RULES.map((rule, index) => [rule.id, index]));
const STATE_ORDER: Record<ObligationState, number> = { overdue: 0, cannot_compute: 1, due_soon: 2, pending: 3, done: 4, switched_off: 5, not_applicable: 6 };
const NO_DUE_TIME = Number.MAX_SAFE_INTEGER;

/** Most urgent first: by state, then earliest due (undated last), then the pack's own order. */
function byUrgency(obligations: Obligation[], d: Derived): Obligation[] {
  const state = obligations.map((o) => STATE_ORDER[o.state]);
  const due = obligations.map((o) => (o.dueAt ? instant(d, o.dueAt) : NO_DUE_TIME));
  const order = obligations.map((o) => RULE_ORDER.get(o.ruleId)!);
  const index = obligations.map((_, i) => i);
  index.sort((a, b) => state[a]! - state[b]! || due[a]! - due[b]! || order[a]! - order[b]!);
  return index.map((i) => obligations[i]!);
}

export function evaluate(facts: CaseFacts, now: Date, settings: StationSettings): Evaluation {
  const d = derive(facts, now, settings);
  return {
    rulePackVersion: RULE_PACK_VERSION,
    offenceClass: d.classification.known ? d.classification.offenceClass : 'unknown',
    ageAtOffence: d.ageAtOffence,
    ageAtArrest: d.ageAtArrest,
    problems: d.problems,
    obligations: byUrgency(RULES.map((rule) => evaluateRule(rule, d, facts.completions)), d),
  };
}
