import { z } from 'zod';
import type { DueItem } from '../core/api.js';
import { caseDataOf } from '../core/case-model.js';
import { evaluate, type Completion, type Evaluation, type ObligationState } from '../core/checklist/evaluate.js';
import { RULES, RULE_PACK_VERSION, type EvidenceField, type Rule } from '../core/checklist/rules.js';
import { AppError } from '../core/errors.js';
import { normaliseInstant } from '../core/time.js';
import { showCase } from './cases.js';
import { parseInput, requirePermission, type Session } from './session.js';

/** A case's checklist now: every rule with its due time, state, legal basis and why. */
export function caseChecklist(session: Session, idOrCaseNumber: string, now = session.register.clock()): Evaluation & { caseId: string } {
  const record = showCase(session, idOrCaseNumber);
  // Officers read who did a step by name; the stored completion (and its audit row) keep the user id.
  const names = new Map(session.register.listUsers().map((u) => [u.id, u.displayName]));
  const completions = session.register.info.kind === 'district' ? stationCompletions(record) : session.register.checklist.forCase(record.id).map((c) => ({ ...c, doneBy: names.get(c.doneBy) ?? c.doneBy }));
  return { caseId: record.id, ...evaluate({ case: caseDataOf(record), completions }, now, session.register.settings.read()) };
}

/** At the district a case's completed steps came with the station's bundle, inside the case data. */
function stationCompletions(record: object): Completion[] {
  const sent = (record as { completions?: Array<{ ruleId: string; doneAt: string; choices?: Record<string, string> }> }).completions ?? [];
  return sent.map((c) => ({ ruleId: c.ruleId, doneAt: c.doneAt, doneBy: 'station', evidence: c.choices ?? {} }));
}

function evidenceFieldSchema(field: EvidenceField): z.ZodType {
  switch (field.kind) {
    case 'choice':
      return z.enum(field.options as [string, ...string[]]);
    case 'text':
      return z.string().trim().min(1, 'must not be empty').max(300);
    case 'datetime':
      return z.iso.datetime({ offset: true, message: 'must be a date and time with offset' }).transform(normaliseInstant);
    case 'confirm':
      return z.literal(true, { message: 'must be confirmed' });
  }
}

/** The evidence a rule asks for, as a schema: required fields required, nothing else accepted. */
export function evidenceSchema(rule: Rule): z.ZodType<Record<string, string | number | boolean>> {
  const shape = Object.fromEntries(rule.evidence.map((f) => [f.key, f.required ? evidenceFieldSchema(f) : evidenceFieldSchema(f).optional()]));
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, string | number | boolean>>;
}

export const completeStepSchema = z.object({
  caseId: z.string().min(1).max(64),
  ruleId: z.string().min(1).max(8),
  doneAt: z.iso.datetime({ offset: true }).transform(normaliseInstant).optional(),
  evidence: z.record(z.string(), z.unknown()),
});

/** Records a step as done, with who, when and the evidence; refuses steps that do not apply to the case. */
export function completeStep(session: Session, input: unknown) {
  requirePermission(session, 'checklist.complete');
  const parsed = parseInput(completeStepSchema, input, 'step');
  const rule = RULES.find((r) => r.id === parsed.ruleId);
  if (!rule) throw new AppError('INVALID_INPUT', `ruleId: no rule ${parsed.ruleId} in ${RULE_PACK_VERSION}`);
  const { evidence } = parseInput(z.object({ evidence: evidenceSchema(rule) }), { evidence: parsed.evidence });
  const now = session.register.clock();
  const doneAt = parsed.doneAt ?? now.toISOString();
  if (Date.parse(doneAt) > now.getTime() + 60_000) throw new AppError('INVALID_INPUT', 'doneAt: is in the future');
  const current = caseChecklist(session, parsed.caseId, now);
  const obligation = current.obligations.find((o) => o.ruleId === rule.id)!;
  if (obligation.state === 'not_applicable' || obligation.state === 'switched_off') {
    throw new AppError('INVALID_INPUT', `ruleId: ${rule.id} does not apply to this case (${obligation.why.en})`);
  }
  const record = showCase(session, parsed.caseId);
  session.register.checklist.complete(record.id, { ruleId: rule.id, doneAt, doneBy: session.user.id, evidence, rulePackVersion: RULE_PACK_VERSION }, record.caseNumber);
  return caseChecklist(session, record.id, now);
}

export const dueQuerySchema = z.object({ withinHours: z.number().min(0).max(24 * 31).default(24) });

const STATE_RANK: Partial<Record<ObligationState, number>> = { overdue: 0, cannot_compute: 1, due_soon: 2, pending: 3 };

/**
 * Everything overdue, uncomputable, or due within the next hours across the station's open cases, most urgent
 * first. No names: this list is made to be shown on a screen others can see.
 */
export function dueList(session: Session, query: unknown = {}, now = session.register.clock()): DueItem[] {
  requirePermission(session, 'case.read');
  const { withinHours } = parseInput(dueQuerySchema, query, 'query');
  const horizon = now.getTime() + withinHours * 3600_000;
  const settings = session.register.settings.read();
  const open = session.register.cases.openCases();
  const completions = session.register.checklist.forCases(open.map((c) => c.id));
  const items: DueItem[] = [];
  for (const record of open) {
    const { obligations } = evaluate({ case: caseDataOf(record), completions: completions.get(record.id) ?? [] }, now, settings);
    for (const o of obligations) {
      const urgent = o.state === 'overdue' || o.state === 'cannot_compute' || o.state === 'due_soon';
      if (!urgent && !(o.state === 'pending' && o.dueAt && Date.parse(o.dueAt) <= horizon)) continue;
      items.push({ caseId: record.id, caseNumber: record.caseNumber, category: record.category, ruleId: o.ruleId, title: o.title, status: o.status, basis: o.basis, state: o.state, dueAt: o.dueAt });
    }
  }
  return items.sort((a, b) => STATE_RANK[a.state]! - STATE_RANK[b.state]! || (a.dueAt ?? '').localeCompare(b.dueAt ?? '') || a.caseNumber.localeCompare(b.caseNumber));
}
