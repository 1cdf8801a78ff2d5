import { z } from 'zod';
import { caseDataOf, caseInputSchema, CASE_CATEGORIES, CASE_STATUSES, mergePatch, withoutRecordOnlyFields, type CaseRecord, type CaseSummary } from '../core/case-model.js';
import { evaluate } from '../core/checklist/evaluate.js';
import { AppError } from '../core/errors.js';
import { parseInput, requirePermission, type Session } from './session.js';

export function createCase(session: Session, input: unknown): { id: string; caseNumber: string } {
  requirePermission(session, 'case.create');
  const data = parseInput(caseInputSchema, input, 'case');
  return session.register.cases.create(data, session.user);
}

/** Validates every case before writing any, then writes them in one transaction. */
export function createCases(session: Session, inputs: unknown): Array<{ id: string; caseNumber: string }> {
  requirePermission(session, 'case.create');
  const data = parseInput(z.array(caseInputSchema).min(1).max(100_000), inputs);
  return session.register.cases.createMany(data, session.user);
}

export function showCase(session: Session, idOrCaseNumber: string): CaseRecord {
  requirePermission(session, 'case.read');
  const record = session.register.cases.get(idOrCaseNumber);
  if (!record) throw new AppError('NOT_FOUND');
  return record;
}

const patchSchema = z.record(z.string(), z.unknown());

/**
 * Applies a partial case (JSON merge patch: objects merge, arrays replace, null removes a field) and validates
 * the merged whole. `expectedRevision` refuses a change made on an outdated copy.
 */
export function updateCase(session: Session, idOrCaseNumber: string, patch: unknown, expectedRevision?: number): CaseRecord {
  requirePermission(session, 'case.update');
  const current = showCase(session, idOrCaseNumber);
  const entered = withoutRecordOnlyFields(parseInput(patchSchema, patch));
  const next = parseInput(caseInputSchema, mergePatch(caseDataOf(current), entered));
  return session.register.cases.update(current.id, next, session.user, expectedRevision);
}

export const caseListQuerySchema = z.object({
  search: z.string().max(100).optional(),
  category: z.enum(CASE_CATEGORIES).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  afterRowId: z.number().int().optional(),
  /** Only open cases with at least one overdue checklist step. */
  overdue: z.boolean().optional(),
});

export function listCases(session: Session, query: unknown = {}): CaseSummary[] {
  requirePermission(session, 'case.read');
  const { overdue, ...rest } = parseInput(caseListQuerySchema, query);
  return session.register.cases.list(overdue ? { ...rest, ids: overdueCaseIds(session) } : rest);
}

/** Open cases with at least one overdue checklist step, now. */
function overdueCaseIds(session: Session): string[] {
  const { register } = session;
  const now = register.clock();
  const settings = register.settings.read();
  const open = register.cases.openCases();
  const completions = register.checklist.forCases(open.map((c) => c.id));
  return open
    .filter((record) => evaluate({ case: caseDataOf(record), completions: completions.get(record.id) ?? [] }, now, settings).obligations.some((o) => o.state === 'overdue'))
    .map((record) => record.id);
}
