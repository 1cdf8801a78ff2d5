import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import type { Clock } from '../core/time.js';
import type { SqliteDatabase } from './database.js';

/**
 * The audit trail: append-only rows, each hash-chained to the one before (sha256 over canonical JSON), so an
 * edited, deleted or reordered row is found by `verify`. Details hold field paths, numbers and codes, never
 * names or other identifying values (JJSA s.13).
 */

export const AUDIT_ACTIONS = [
  'register.create',
  'login',
  'login.failed',
  'login.recovery',
  'user.add',
  'user.passphrase',
  'user.remove',
  'case.create',
  'case.update',
  'checklist.complete',
  'settings.change',
  'form.print',
  'bundle.export',
  'bundle.import',
  'receipt.import',
  'receipt.issue',
  'key.create',
  'key.rotate',
  'peer.pin',
  'peer.enroll',
  'peer.revoke',
  'print.verify',
  'district.note',
  'match.decide',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  action: AuditAction;
  actorId: string | null;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
  /** Defaults to the clock's now; failed logins carry the time they happened. */
  at?: string;
};

export type AuditRow = {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  details: string;
  prevHash: string;
  hash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

export function auditRowHash(row: Omit<AuditRow, 'hash'>): string {
  const body = canonicalJson({
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    details: row.details,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export type AuditVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBrokenSeq: number; reason: string };

export class AuditTrail {
  private readonly lastRow;
  private readonly insertRow;

  constructor(
    private readonly sqlite: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.lastRow = sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertRow = sqlite.prepare(
      `INSERT INTO audit_log (seq, at, actor_id, action, entity_type, entity_id, details, prev_hash, hash)
       VALUES (@seq, @at, @actorId, @action, @entityType, @entityId, @details, @prevHash, @hash)`,
    );
  }

  /** Appends one row. Call inside the transaction that makes the change, so both land or neither. */
  append(entry: AuditEntry): void {
    const last = this.lastRow.get() as { seq: number; hash: string } | undefined;
    const row = {
      seq: (last?.seq ?? 0) + 1,
      at: entry.at ?? this.clock().toISOString(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      details: canonicalJson(entry.details ?? {}),
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    this.insertRow.run({ ...row, hash: auditRowHash(row) });
  }

  /** Walks the whole chain; reports the first row whose content, link or position was changed. */
  verify(): AuditVerification {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    const rows = this.sqlite
      .prepare(
        `SELECT seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId,
                details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
      )
      .iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      const broken = (reason: string): AuditVerification => ({
        ok: false,
        rows: expectedSeq - 1,
        firstBrokenSeq: row.seq,
        reason,
      });
      if (row.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken('its link to the previous row does not match');
      if (auditRowHash(row) !== row.hash) return broken('its content was changed after it was written');
      prevHash = row.hash;
      expectedSeq++;
    }
    return { ok: true, rows: expectedSeq - 1 };
  }

  recent(limit: number): AuditRow[] {
    return this.sqlite
      .prepare(
        `SELECT seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId,
                details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq DESC LIMIT ?`,
      )
      .all(limit) as AuditRow[];
  }
}
