import { z } from 'zod';
import { normaliseInstant } from './time.js';

/**
 * The case model: one record per child per contact with the police. The JSON field names are a public
 * contract (scripts outside the project rely on them, see README "Case JSON"); add fields, never rename.
 */

export const CASE_CATEGORIES = ['in_conflict', 'victim', 'witness', 'missing', 'found', 'at_risk'] as const;
export const GENDERS = ['male', 'female', 'transgender'] as const;
export const CUSTODY_PLACES = [
  'observation_home',
  'police_lockup',
  'jail',
  'juvenile_rehabilitation_centre',
  'suitable_person',
  'guardian',
  'hospital',
  'other',
] as const;
export const REFERRAL_PARTNERS = [
  'edhi',
  'swd',
  'pcpc',
  'cpwb',
  'shelter',
  'hospital',
  'legal_aid',
  'ngo',
  'other',
] as const;
export const CASE_STATUSES = ['open', 'closed'] as const;

export type CaseCategory = (typeof CASE_CATEGORIES)[number];
export type Gender = (typeof GENDERS)[number];

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

/** An instant with its offset, e.g. "2026-11-20T23:30:00+05:00"; stored as UTC. */
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date and time with offset, e.g. 2026-11-20T23:30:00+05:00' })
  .transform(normaliseInstant);

const calendarDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{6,18}$/, 'must be a phone number, e.g. 0300-1234567');

/** NADRA B-Form / CRC number: 13 digits, usually written 12345-1234567-1. */
const bForm = z
  .string()
  .trim()
  .regex(/^\d{5}-?\d{7}-?\d$/, 'must be 13 digits, e.g. 54400-1234567-1');

export const maxPunishmentSchema = z.union([
  z.number().min(0, 'cannot be negative').max(100, 'at most 100 years'),
  z.enum(['life', 'death']),
]);
export type MaxPunishment = z.infer<typeof maxPunishmentSchema>;

export const childSchema = z.strictObject({
  name: text(120).describe('Name as recorded, in Urdu or Roman script'),
  altName: text(120).optional().describe('The same name in the other script (Urdu or Roman), if known'),
  fatherName: text(120).optional().describe("Father's or guardian's name"),
  gender: z.enum(GENDERS),
  dateOfBirth: calendarDate.optional().describe('YYYY-MM-DD, if known from a document'),
  claimedAge: z.number().int('must be whole years').min(0).max(99).optional().describe('Age in years as claimed or apparent'),
  bForm: bForm.optional().describe('NADRA B-Form / CRC number'),
  address: text(300).optional(),
  district: text(80).optional(),
  language: text(40).optional(),
  disability: text(200).optional(),
});

export const guardianSchema = z.strictObject({
  name: text(120),
  relation: text(40).describe('e.g. father, mother, uncle, elder brother'),
  phone: phone.optional(),
  address: text(300).optional(),
});

export const offenceSchema = z.strictObject({
  firNumber: text(40).optional(),
  firDate: calendarDate.optional(),
  sections: z.array(text(40)).max(30).default([]).describe('Sections charged, e.g. ["PPC 392", "PPC 34"]'),
  maxPunishmentYears: maxPunishmentSchema
    .optional()
    .describe('Maximum punishment of the gravest section: years, or "life" / "death"'),
});

export const custodySchema = z.strictObject({
  arrestedAt: instant.optional(),
  place: z.enum(CUSTODY_PLACES).optional(),
  producedAt: instant.optional().describe('Produced before the court'),
  releasedAt: instant.optional(),
});

export const referralSchema = z.strictObject({
  to: z.enum(REFERRAL_PARTNERS),
  toName: text(120).optional().describe('Name of the organisation or person'),
  referredAt: instant,
  outcome: text(500).optional(),
});

export const missingSchema = z.strictObject({
  lastSeenAt: instant.optional(),
  lastSeenPlace: text(200).optional(),
  description: text(1000).optional().describe('Height, clothes, marks'),
  recoveredAt: instant.optional(),
  recoveredPlace: text(200).optional(),
  handedOverTo: text(200).optional().describe('Who received the child: parent, relative, Edhi, shelter'),
  handedOverAt: instant.optional(),
});

/**
 * What an officer enters. Every object is strict: a misspelt field ("arestedAt") is refused by name rather
 * than silently dropped, because a dropped arrest time would silently stop the custody clocks.
 */
export const caseInputSchema = z.strictObject({
  category: z.enum(CASE_CATEGORIES),
  reportedAt: instant.describe('When the child came to the police'),
  status: z.enum(CASE_STATUSES).default('open'),
  child: childSchema,
  guardian: guardianSchema.optional(),
  offence: offenceSchema.optional(),
  custody: custodySchema.optional(),
  referrals: z.array(referralSchema).max(50).default([]),
  missing: missingSchema.optional(),
  notes: text(10_000).optional(),
});

export type CaseInput = z.input<typeof caseInputSchema>;
export type CaseData = z.output<typeof caseInputSchema>;

/** A stored case: the entered data plus identity and bookkeeping. */
export type CaseRecord = CaseData & {
  id: string;
  caseNumber: string;
  stationCode: string;
  revision: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
};

/** One line of the register list: enough to find a case, nothing more. */
export type CaseSummary = {
  /** Keyset for paging long registers (newest first). */
  rowId: number;
  id: string;
  caseNumber: string;
  category: string;
  status: string;
  reportedAt: string;
  revision: number;
  childName: string;
  gender: string;
};

export type FieldProblem = { path: string; problem: string };

/** Zod issues -> "child.dateOfBirth: must be a date as YYYY-MM-DD" lines: field and problem, never the value. */
export function describeIssues(error: z.ZodError, subject = 'case'): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    // One line per unknown field, named by its full path, so a typo reads like any other field problem.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), problem: 'is not a field here (check the spelling)' }));
    }
    return [{ path: issue.path.length ? issue.path.join('.') : subject, problem: issue.message }];
  });
}

/**
 * Fields `case show` prints that are not entered data: a patch may carry them back unchanged (an edited copy
 * of `case show` output), and they are dropped rather than refused. Anything else unknown is refused.
 */
export const RECORD_ONLY_FIELDS = [
  'id', 'caseNumber', 'stationCode', 'revision', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy',
  'checklist', 'problems', 'rulePackVersion', 'offenceClass',
] as const;

export function withoutRecordOnlyFields(patch: Record<string, unknown>): Record<string, unknown> {
  const entered = { ...patch };
  for (const key of RECORD_ONLY_FIELDS) delete entered[key];
  return entered;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export function parseCaseInput(value: unknown): ParseResult<CaseData> {
  const result = caseInputSchema.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, problems: describeIssues(result.error) };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Applies a partial case as an RFC 7386 JSON merge patch: objects merge, arrays and values replace, null
 * removes. The merged case is then validated whole, so a patch can never leave a case half-valid.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, Json>)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

/** The entered part of a stored record (bookkeeping fields stripped), for merging a patch into. */
export function caseDataOf(record: CaseRecord): CaseData {
  const { id: _id, caseNumber: _n, stationCode: _s, revision: _r, createdAt: _c, createdBy: _cb, updatedAt: _u, updatedBy: _ub, ...data } = record;
  return data;
}

/** Field paths that differ between two versions of a case: what the audit trail records (never the values). */
export function changedPaths(before: unknown, after: unknown, prefix = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [prefix || '(case)'];
  const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
  return [...keys]
    .sort()
    .flatMap((key) =>
      changedPaths(
        (before as Record<string, unknown>)[key],
        (after as Record<string, unknown>)[key],
        prefix ? `${prefix}.${key}` : key,
      ),
    );
}

/**
 * The merge patch that turns `before` into `after` (the inverse of mergePatch): changed values, nested objects
 * as patches, and null for every field `after` no longer has.
 */
export function mergePatchBetween(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, now] = [before[key], after[key]];
    if (now === undefined) {
      if (was !== undefined) patch[key] = null;
    } else if (isObject(was) && isObject(now)) {
      const inner = mergePatchBetween(was, now);
      if (Object.keys(inner).length) patch[key] = inner;
    } else if (JSON.stringify(was) !== JSON.stringify(now)) {
      patch[key] = now;
    }
  }
  return patch;
}
