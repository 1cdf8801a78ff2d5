import type { MaxPunishment } from '../core/case-model.js';
import type { Obligation } from '../core/checklist/evaluate.js';
import { RULES, type Rule } from '../core/checklist/rules.js';
import { classifyOffence, type Classification } from '../core/offence-table.js';
import type { Bilingual, FormInput } from './types.js';
import { AGE_BAND, b, L, RULE_STATUS } from './words.js';

/** What several forms work out from the case the same way: age, offence class, one rule's obligation. */

export function obligationOf(input: FormInput, ruleId: string): Obligation | undefined {
  return input.evaluation.obligations.find((o) => o.ruleId === ruleId);
}

export function classification(input: FormInput): Classification {
  return classifyOffence(input.record.offence);
}

export function punishmentText(max: MaxPunishment | undefined): Bilingual | null {
  if (max === undefined) return null;
  if (max === 'life') return L.life;
  if (max === 'death') return L.death;
  const years = Number.isInteger(max) ? String(max) : max.toFixed(2).replace(/0+$/, '');
  return { en: `${years} years`, ur: `${years} سال` };
}

/** "15 years (14 to 15), from the date of birth" or "15 years (claimed or apparent)". */
export function ageText(input: FormInput): Bilingual | null {
  const finding = input.evaluation.ageAtArrest ?? input.evaluation.ageAtOffence;
  if (!finding) return null;
  const band = AGE_BAND[finding.band];
  const source =
    finding.source === 'date_of_birth'
      ? { en: 'from the date of birth', ur: 'تاریخ پیدائش سے' }
      : { en: 'as claimed or apparent', ur: 'بتائی گئی یا ظاہری' };
  return { en: `${finding.years} years (${band.en}), ${source.en}`, ur: `${finding.years} سال (${band.ur})، ${source.ur}` };
}

/** The evidence value an officer recorded when completing a step, as text. */
export function evidenceOf(obligation: Obligation | undefined, key: string): string | undefined {
  const value = obligation?.completion?.evidence[key];
  return value === undefined ? undefined : String(value);
}


/** What a form needs to state a rule: the case's obligation when there is one, else the rule pack's entry. */
export type RuleText = Pick<Obligation, 'ruleId' | 'title' | 'explanation' | 'basis' | 'status' | 'statusNote'>;

export function ruleText(input: FormInput, ruleId: string): RuleText {
  const o = obligationOf(input, ruleId);
  if (o) return o;
  const rule = RULES.find((r) => r.id === ruleId) as (Rule & { statusNote?: Obligation['statusNote'] }) | undefined;
  if (!rule) throw new Error(`No rule ${ruleId} in the rule pack.`);
  return { ruleId, title: rule.title, explanation: rule.explanation, basis: rule.basis, status: rule.status, statusNote: rule.statusNote };
}

/**
 * A rule's status in words, from the legal reference: the status word, worded from the basis where the
 * plain word would mislead ("Law (text of the Act)" for a constitutional rule), and the rule's status note
 * (e.g. A6: the text of Art.10(2), the JJSA-specific rule unconfirmed) when the rule pack has one.
 */
export function statusText(rule: Pick<RuleText, 'status' | 'basis' | 'statusNote'>): Bilingual {
  const word =
    rule.status === 'text' && !/^JJSA/.test(rule.basis)
      ? /^Constitution/.test(rule.basis)
        ? b('Law (text of the Constitution)', 'قانون (آئین کا متن)')
        : b('Law (text)', 'قانون کا متن')
      : RULE_STATUS[rule.status];
  if (!rule.statusNote) return word;
  return { en: `${word.en}. ${rule.statusNote.en}`, ur: `${word.ur}۔ ${rule.statusNote.ur}` };
}
