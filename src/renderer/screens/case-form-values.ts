import type { z } from 'zod';
import type { CaseInput, CaseRecord } from '../../core/case-model.js';
import { caseInputSchema } from '../../core/case-model.js';
import { isoToKarachiLocal, karachiLocalToIso } from '../../core/time.js';

/**
 * The intake form holds strings (what inputs give); these functions translate between them and the case
 * model, and map the model's validation issues back onto form fields as translation keys.
 */

export type CaseFormValues = {
  category: string;
  reportedAt: string;
  status: string;
  child: Record<'name' | 'altName' | 'fatherName' | 'gender' | 'dateOfBirth' | 'claimedAge' | 'bForm' | 'address' | 'district' | 'language' | 'disability', string>;
  guardian: Record<'name' | 'relation' | 'phone' | 'address', string>;
  offence: Record<'firNumber' | 'firDate' | 'sections' | 'maxPunishmentYears', string>;
  custody: Record<'arrestedAt' | 'place' | 'producedAt' | 'releasedAt', string>;
  missing: Record<'lastSeenAt' | 'lastSeenPlace' | 'description' | 'recoveredAt' | 'recoveredPlace' | 'handedOverTo' | 'handedOverAt', string>;
  notes: string;
};

const INSTANT_FIELDS = new Set(['reportedAt', 'arrestedAt', 'producedAt', 'releasedAt', 'lastSeenAt', 'recoveredAt', 'handedOverAt']);

function nowKarachiLocal(): string {
  return isoToKarachiLocal(new Date().toISOString());
}

export function emptyCaseForm(district: string): CaseFormValues {
  return {
    category: 'in_conflict',
    reportedAt: nowKarachiLocal(),
    status: 'open',
    child: { name: '', altName: '', fatherName: '', gender: '', dateOfBirth: '', claimedAge: '', bForm: '', address: '', district, language: '', disability: '' },
    guardian: { name: '', relation: '', phone: '', address: '' },
    offence: { firNumber: '', firDate: '', sections: '', maxPunishmentYears: '' },
    custody: { arrestedAt: '', place: '', producedAt: '', releasedAt: '' },
    missing: { lastSeenAt: '', lastSeenPlace: '', description: '', recoveredAt: '', recoveredPlace: '', handedOverTo: '', handedOverAt: '' },
    notes: '',
  };
}

/** Drops empty strings and empty sections; converts times, numbers and lists. */
function compactSection(section: Record<string, string>): Record<string, unknown> | undefined {
  const entries = Object.entries(section)
    .filter(([, value]) => value.trim() !== '')
    .map(([key, value]) => [key, INSTANT_FIELDS.has(key) ? karachiLocalToIso(value) : value.trim()] as const);
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function maxPunishment(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = String(value).toLowerCase();
  if (text === 'life' || text === 'death') return text;
  const years = Number(text);
  return Number.isFinite(years) ? years : text;
}

export function toCaseInput(values: CaseFormValues): Record<string, unknown> {
  const child = compactSection(values.child) ?? {};
  if (child.claimedAge !== undefined) child.claimedAge = Number(child.claimedAge);
  const offence = compactSection(values.offence);
  if (offence) {
    offence.sections = String(offence.sections ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (offence.maxPunishmentYears !== undefined) offence.maxPunishmentYears = maxPunishment(offence.maxPunishmentYears);
  }
  const result: Record<string, unknown> = {
    category: values.category || undefined,
    reportedAt: values.reportedAt ? karachiLocalToIso(values.reportedAt) : undefined,
    status: values.status || 'open',
    child,
    guardian: compactSection(values.guardian),
    offence,
    custody: compactSection(values.custody),
    missing: compactSection(values.missing),
    notes: values.notes.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
}

export function fromCase(record: CaseRecord): CaseFormValues {
  const base = emptyCaseForm(record.child.district ?? '');
  const text = (section: Record<string, unknown> | undefined, target: Record<string, string>) => {
    for (const key of Object.keys(target)) {
      const value = section?.[key];
      if (value === undefined || value === null) continue;
      target[key] = INSTANT_FIELDS.has(key) ? isoToKarachiLocal(String(value)) : Array.isArray(value) ? value.join(', ') : String(value);
    }
    return target;
  };
  return {
    category: record.category,
    reportedAt: isoToKarachiLocal(record.reportedAt),
    status: record.status,
    child: text(record.child, base.child) as CaseFormValues['child'],
    guardian: text(record.guardian, base.guardian) as CaseFormValues['guardian'],
    offence: text(record.offence, base.offence) as CaseFormValues['offence'],
    custody: text(record.custody, base.custody) as CaseFormValues['custody'],
    missing: text(record.missing, base.missing) as CaseFormValues['missing'],
    notes: record.notes ?? '',
  };
}

/** The translation key for a validation issue: the field says what is wrong in the officer's language. */
export function errorKeyFor(issue: z.core.$ZodIssue): string {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'errors.required' : field === 'claimedAge' ? 'errors.number' : 'errors.invalid';
    case 'too_small':
      return 'errors.required';
    case 'too_big':
      return field === 'claimedAge' ? 'errors.invalid' : 'errors.tooLong';
    case 'invalid_value':
      return 'errors.choose';
    case 'invalid_format':
      if (field === 'bForm') return 'errors.bForm';
      if (field === 'phone') return 'errors.phone';
      return INSTANT_FIELDS.has(field) ? 'errors.dateTime' : 'errors.date';
    case 'invalid_union':
      return 'errors.invalid';
    default:
      return 'errors.invalid';
  }
}

export type FieldErrors = Record<string, string>;

/** Validates with the case model itself: the form can never accept what the services would refuse. */
export function validateCaseForm(values: CaseFormValues): { input: CaseInput; errors: null } | { input: null; errors: FieldErrors } {
  const result = caseInputSchema.safeParse(toCaseInput(values));
  if (result.success) return { input: toCaseInput(values) as CaseInput, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    // Errors inside a list (offence.sections.2) belong to the field that holds the list.
    const path = issue.path.filter((part) => typeof part === 'string').join('.');
    errors[path] ??= errorKeyFor(issue);
  }
  return { input: null, errors };
}
