import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { CaseData, CaseRecord, CaseSummary } from '../core/case-model.js';
import { caseDataOf, changedPaths } from '../core/case-model.js';
import { RULE_PACK_VERSION } from '../core/checklist/rules.js';
import { AppError } from '../core/errors.js';
import { formatCaseNumber, newRecordId } from '../core/ids.js';
import { caseSearchText, foldForSearch, TRIGRAM_MIN_LENGTH } from '../core/search-text.js';
import { karachiYear, type Clock } from '../core/time.js';
import type { AuditTrail } from './audit.js';
import type { OpenDatabase } from './database.js';
import { caseFts, CaseSearchIndex } from './fts-table.js';
import { cases } from './schema.js';

export type CaseListQuery = {
  search?: string;
  category?: string;
  status?: string;
  limit?: number;
  /** Continue after this case's row (keyset paging for long registers). */
  afterRowId?: number;
  /** Only these cases (e.g. those with an overdue step). */
  ids?: readonly string[];
};

type Actor = { id: string };

const summaryColumns = {
  rowId: cases.rowId,
  id: cases.id,
  caseNumber: cases.caseNumber,
  category: cases.category,
  status: cases.status,
  reportedAt: cases.reportedAt,
  revision: cases.revision,
  childName: sql<string>`json_extract(${cases.data}, '$.child.name')`,
  gender: sql<string>`json_extract(${cases.data}, '$.child.gender')`,
};

export function searchTextOf(caseNumber: string, data: CaseData): string {
  return caseSearchText([
    data.child.name,
    data.child.altName,
    data.child.fatherName,
    data.guardian?.name,
    caseNumber,
    data.offence?.firNumber,
    data.child.bForm?.replace(/-/g, ''),
  ]);
}

function toRecord(row: typeof cases.$inferSelect): CaseRecord {
  return {
    ...(JSON.parse(row.data) as CaseData),
    id: row.id,
    caseNumber: row.caseNumber,
    stationCode: row.stationCode,
    revision: row.revision,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** FTS5 phrase syntax: the fragment in double quotes, inner quotes doubled. */
function ftsPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

/**
 * Cases in the register. Every write appends its audit row in the same transaction. The insert path uses one
 * prepared statement, because bulk entry (district merges, the bench) must stay near bare-SQLite speed.
 */
export class CaseRepository {
  private readonly insertCase;
  private readonly reserveSerials;
  private readonly searchIndex;

  constructor(
    private readonly db: OpenDatabase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly stationCode: string,
  ) {
    const p = (name: string) => sql.placeholder(name);
    this.searchIndex = new CaseSearchIndex(db.sqlite);
    this.insertCase = db.orm
      .insert(cases)
      .values({
        id: p('id'),
        caseNumber: p('caseNumber'),
        stationCode: p('stationCode'),
        category: p('category'),
        status: p('status'),
        reportedAt: p('reportedAt'),
        revision: 1,
        data: p('data'),
        searchText: p('searchText'),
        createdAt: p('at'),
        createdBy: p('actor'),
        updatedAt: p('at'),
        updatedBy: p('actor'),
        rulePackVersion: RULE_PACK_VERSION,
      })
      .prepare();
    // Reserves `count` serials at once and returns the last. Once per year per batch, not once per case: this
    // statement opens a statement savepoint, and FTS5 writes out its pending index terms at every savepoint, so
    // one per case made each case's index entry its own segment (a bulk insert took twice as long).
    this.reserveSerials = db.sqlite
      .prepare(
        `INSERT INTO case_counters (station_code, year, last_serial) VALUES (?, ?, ?)
         ON CONFLICT (station_code, year) DO UPDATE SET last_serial = last_serial + excluded.last_serial RETURNING last_serial`,
      )
      .pluck();
  }

  create(data: CaseData, actor: Actor): { id: string; caseNumber: string } {
    return this.createMany([data], actor)[0]!;
  }

  /** Many cases in one transaction: all land or none. Numbers follow the order given, per year. */
  createMany(items: CaseData[], actor: Actor): Array<{ id: string; caseNumber: string }> {
    return this.db.sqlite.transaction(() => {
      const years = items.map((data) => karachiYear(data.reportedAt));
      const nextSerial = this.reserve(years);
      return items.map((data, i) => this.insertOne(data, actor, years[i]!, nextSerial.get(years[i]!)!()));
    })();
  }

  /** For each year, a function handing out the serials reserved for it, in order. */
  private reserve(years: number[]): Map<number, () => number> {
    const counts = new Map<number, number>();
    for (const year of years) counts.set(year, (counts.get(year) ?? 0) + 1);
    const next = new Map<number, () => number>();
    for (const [year, count] of counts) {
      let serial = (this.reserveSerials.get(this.stationCode, year, count) as number) - count;
      next.set(year, () => ++serial);
    }
    return next;
  }

  private insertOne(data: CaseData, actor: Actor, year: number, serial: number): { id: string; caseNumber: string } {
    const at = this.clock().toISOString();
    const id = newRecordId();
    const caseNumber = formatCaseNumber(this.stationCode, year, serial);
    const searchText = searchTextOf(caseNumber, data);
    const { lastInsertRowid } = this.insertCase.run({
      id,
      caseNumber,
      stationCode: this.stationCode,
      category: data.category,
      status: data.status,
      reportedAt: data.reportedAt,
      data: JSON.stringify(data),
      searchText,
      at,
      actor: actor.id,
    });
    this.searchIndex.added(lastInsertRowid, searchText);
    this.audit.append({
      action: 'case.create',
      actorId: actor.id,
      entityType: 'case',
      entityId: id,
      details: { caseNumber, category: data.category },
      at,
    });
    return { id, caseNumber };
  }

  /** By record id or by case number. */
  get(idOrCaseNumber: string): CaseRecord | null {
    const row = this.db.orm
      .select()
      .from(cases)
      .where(sql`${cases.id} = ${idOrCaseNumber} OR ${cases.caseNumber} = ${idOrCaseNumber}`)
      .get();
    return row ? toRecord(row) : null;
  }

  /** Every open case, whole: what the station's checklist clocks run over. */
  openCases(): CaseRecord[] {
    return this.db.orm.select().from(cases).where(eq(cases.status, 'open')).orderBy(desc(cases.rowId)).all().map(toRecord);
  }

  /**
   * Replaces a case's data with an already-validated new version. The revision goes up by one (the owning
   * station's counter that makes "higher revision wins" exact at the district). With `expectedRevision` a
   * change made on top of an older copy is refused instead of silently overwriting someone's work.
   */
  update(id: string, next: CaseData, actor: Actor, expectedRevision?: number): CaseRecord {
    return this.db.sqlite.transaction(() => {
      const current = this.get(id);
      if (!current) throw new AppError('NOT_FOUND');
      if (expectedRevision !== undefined && expectedRevision !== current.revision && this.editedSince(current.id, expectedRevision, current.revision)) {
        throw new AppError('STALE_REVISION', `The case is at revision ${current.revision}.`);
      }
      const { caseNumber, revision } = current;
      const changed = changedPaths(caseDataOf(current), next);
      if (changed.length === 0) return current;
      const at = this.clock().toISOString();
      const searchText = searchTextOf(caseNumber, next);
      this.searchIndex.replacing(current.id, searchText);
      this.db.orm
        .update(cases)
        .set({
          category: next.category,
          status: next.status,
          reportedAt: next.reportedAt,
          revision: revision + 1,
          data: JSON.stringify(next),
          searchText,
          updatedAt: at,
          updatedBy: actor.id,
          rulePackVersion: RULE_PACK_VERSION,
        })
        .where(eq(cases.id, current.id))
        .run();
      this.audit.append({
        action: 'case.update',
        actorId: actor.id,
        entityType: 'case',
        entityId: current.id,
        details: { caseNumber, revision: revision + 1, changed },
        at,
      });
      return this.get(current.id)!;
    })();
  }

  /**
   * Whether the case's data changed after `revision`. A completed checklist step raises the revision too (so the
   * district takes the new copy) but leaves the data alone: an edit made on the copy from before it overwrites
   * nobody's work, so only a later `case.update` (or a revision this register never issued) makes it stale.
   */
  private editedSince(id: string, revision: number, currentRevision: number): boolean {
    if (revision > currentRevision || revision < 1) return true;
    return (
      this.db.sqlite
        .prepare(
          `SELECT 1 FROM audit_log WHERE entity_type = 'case' AND entity_id = ? AND action = 'case.update' AND json_extract(details, '$.revision') > ? LIMIT 1`,
        )
        .get(id, revision) !== undefined
    );
  }

  /**
   * Newest first. A search fragment of three or more characters uses the trigram index and streams matches
   * in row order, so a common fragment ("muh", "محمد") costs no more than a rare one.
   */
  list(query: CaseListQuery = {}): CaseSummary[] {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const filters: SQL[] = [];
    if (query.category) filters.push(eq(cases.category, query.category));
    if (query.status) filters.push(eq(cases.status, query.status));
    if (query.afterRowId !== undefined) filters.push(sql`${cases.rowId} < ${query.afterRowId}`);
    // json_each, not a list of placeholders: a station may have thousands of overdue cases.
    if (query.ids) filters.push(sql`${cases.id} IN (SELECT value FROM json_each(${JSON.stringify(query.ids)}))`);
    const folded = query.search ? foldForSearch(query.search) : '';
    if (folded.length >= TRIGRAM_MIN_LENGTH) return this.searchIndexed(folded, filters, limit);
    if (folded) filters.push(sql`instr(${cases.searchText}, ${folded}) > 0`);
    return this.db.orm
      .select(summaryColumns)
      .from(cases)
      .where(and(...filters))
      .orderBy(desc(cases.rowId))
      .limit(limit)
      .all();
  }

  /** Driven from the FTS index in descending rowid order, so SQLite stops after `limit` matches. */
  private searchIndexed(folded: string, filters: SQL[], limit: number): CaseSummary[] {
    return this.db.orm
      .select(summaryColumns)
      .from(caseFts)
      .innerJoin(cases, eq(cases.rowId, caseFts.rowid))
      .where(and(sql`case_fts MATCH ${ftsPhrase(folded)}`, ...filters))
      .orderBy(desc(caseFts.rowid))
      .limit(limit)
      .all();
  }

  count(): number {
    return (this.db.sqlite.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  }
}
