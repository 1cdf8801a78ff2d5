import { asc, eq, inArray, sql } from 'drizzle-orm';
import { newRecordId } from '../core/ids.js';
import type { AuditTrail } from './audit.js';
import type { OpenDatabase } from './database.js';
import { cases, checklistCompletions } from './schema.js';

export type Completion = {
  ruleId: string;
  doneAt: string;
  doneBy: string;
  evidence: Record<string, string | number | boolean>;
  rulePackVersion: string;
  recordedAt: string;
};

/** Completed checklist steps. A step may be completed again (a correction); the latest one counts. */
export class ChecklistRepository {
  constructor(
    private readonly db: OpenDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: () => Date,
  ) {}

  complete(caseId: string, completion: Omit<Completion, 'recordedAt'>, caseNumber: string): Completion {
    return this.db.sqlite.transaction(() => {
      const recordedAt = this.clock().toISOString();
      this.db.orm
        .insert(checklistCompletions)
        .values({ id: newRecordId(), caseId, ...completion, evidence: JSON.stringify(completion.evidence), recordedAt })
        .run();
      // A completed step is a change to the case: its revision goes up (with who and when), so the district,
      // where the higher revision wins, takes the re-sent record instead of keeping its older copy as "stale".
      this.db.orm
        .update(cases)
        .set({ rulePackVersion: completion.rulePackVersion, revision: sql`${cases.revision} + 1`, updatedAt: recordedAt, updatedBy: completion.doneBy })
        .where(eq(cases.id, caseId))
        .run();
      // The evidence may name people (who was informed); the audit row keeps only which fields were given.
      this.audit.append({
        action: 'checklist.complete',
        actorId: completion.doneBy,
        entityType: 'case',
        entityId: caseId,
        details: { caseNumber, ruleId: completion.ruleId, doneAt: completion.doneAt, evidenceFields: Object.keys(completion.evidence).sort() },
        at: recordedAt,
      });
      return { ...completion, recordedAt };
    })();
  }

  forCase(caseId: string): Completion[] {
    return this.forCases([caseId]).get(caseId) ?? [];
  }

  /** Completions of many cases at once (the station's "due" screen), oldest first per case. */
  forCases(caseIds: string[]): Map<string, Completion[]> {
    const byCase = new Map<string, Completion[]>();
    for (let i = 0; i < caseIds.length; i += 500) {
      const rows = this.db.orm
        .select()
        .from(checklistCompletions)
        .where(inArray(checklistCompletions.caseId, caseIds.slice(i, i + 500)))
        .orderBy(asc(checklistCompletions.recordedAt))
        .all();
      for (const row of rows) {
        const list = byCase.get(row.caseId) ?? [];
        list.push({ ruleId: row.ruleId, doneAt: row.doneAt, doneBy: row.doneBy, evidence: JSON.parse(row.evidence), rulePackVersion: row.rulePackVersion, recordedAt: row.recordedAt });
        byCase.set(row.caseId, list);
      }
    }
    return byCase;
  }
}
