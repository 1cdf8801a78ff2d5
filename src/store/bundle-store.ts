import type { PreparedCase } from '../bundle/prepared-changes.js';
import type { CaseData, CaseRecord } from '../core/case-model.js';
import type { AuditRow } from './audit.js';
import type { OpenDatabase, SqliteDatabase } from './database.js';
import { CaseSearchIndex } from './fts-table.js';

/**
 * The bookkeeping of bundles on both sides, as plain prepared SQL: the import path writes hundreds of
 * thousands of rows and must stay close to a bare upsert (the bench compares them).
 */

export type PeerKeyRow = {
  id: string;
  peerKind: 'district' | 'station';
  peerCode: string;
  peerName: string | null;
  registerId: string;
  signingKeyId: string;
  signingPublicKey: string;
  recipient: string | null;
  status: 'active' | 'rotated' | 'revoked';
  lastTrustedSeq: number | null;
  addedAt: string;
  changedAt: string | null;
};

export type ExportRow = {
  seq: number;
  bundleId: string;
  createdAt: string;
  fromAuditSeq: number;
  toAuditSeq: number;
  caseCount: number;
  manifestHash: string;
  prevManifestHash: string;
};

export type ImportedBundleRow = {
  bundleId: string;
  stationCode: string;
  seq: number;
  manifestHash: string;
  prevManifestHash: string;
  toAuditSeq: number;
  signingKeyId: string;
  outcome: string;
  details: string;
  importedAt: string;
  importedBy: string;
};

export type ReceiptRow = { receiptId: string; ackSeq: number; ackManifestHash: string; issuedAt: string; importedAt: string; details: string };

const PEER_COLUMNS = `id, peer_kind AS peerKind, peer_code AS peerCode, peer_name AS peerName, register_id AS registerId, signing_key_id AS signingKeyId,
  signing_public_key AS signingPublicKey, recipient, status, last_trusted_seq AS lastTrustedSeq, added_at AS addedAt, changed_at AS changedAt`;
const EXPORT_COLUMNS = `seq, bundle_id AS bundleId, created_at AS createdAt, from_audit_seq AS fromAuditSeq, to_audit_seq AS toAuditSeq,
  case_count AS caseCount, manifest_hash AS manifestHash, prev_manifest_hash AS prevManifestHash`;
const IMPORTED_COLUMNS = `bundle_id AS bundleId, station_code AS stationCode, seq, manifest_hash AS manifestHash, prev_manifest_hash AS prevManifestHash,
  to_audit_seq AS toAuditSeq, signing_key_id AS signingKeyId, outcome, details, imported_at AS importedAt, imported_by AS importedBy`;

export class PeerKeys {
  constructor(private readonly sqlite: SqliteDatabase) {}

  add(row: PeerKeyRow): void {
    this.sqlite
      .prepare(
        `INSERT INTO peer_keys (id, peer_kind, peer_code, peer_name, register_id, signing_key_id, signing_public_key, recipient, status, last_trusted_seq, added_at, changed_at)
         VALUES (@id, @peerKind, @peerCode, @peerName, @registerId, @signingKeyId, @signingPublicKey, @recipient, @status, @lastTrustedSeq, @addedAt, @changedAt)`,
      )
      .run(row);
  }

  /** The district this station reports to (the one active pin). */
  pinnedDistrict(): PeerKeyRow | null {
    return (this.sqlite.prepare(`SELECT ${PEER_COLUMNS} FROM peer_keys WHERE peer_kind = 'district' AND status = 'active'`).get() as PeerKeyRow | undefined) ?? null;
  }

  /** Every key a station ever had here, newest first. */
  stationKeys(code: string): PeerKeyRow[] {
    return this.sqlite.prepare(`SELECT ${PEER_COLUMNS} FROM peer_keys WHERE peer_kind = 'station' AND peer_code = ? ORDER BY added_at DESC`).all(code) as PeerKeyRow[];
  }

  byKeyId(kind: 'district' | 'station', keyId: string): PeerKeyRow | null {
    return (this.sqlite.prepare(`SELECT ${PEER_COLUMNS} FROM peer_keys WHERE peer_kind = ? AND signing_key_id = ?`).get(kind, keyId) as PeerKeyRow | undefined) ?? null;
  }

  allStations(): PeerKeyRow[] {
    return this.sqlite.prepare(`SELECT ${PEER_COLUMNS} FROM peer_keys WHERE peer_kind = 'station' ORDER BY peer_code, added_at`).all() as PeerKeyRow[];
  }

  setStatus(id: string, status: PeerKeyRow['status'], lastTrustedSeq: number | null, at: string): void {
    this.sqlite.prepare('UPDATE peer_keys SET status = ?, last_trusted_seq = ?, changed_at = ? WHERE id = ?').run(status, lastTrustedSeq, at, id);
  }
}

/** Station side: what was exported and what the district acknowledged. */
export class ExportLog {
  constructor(private readonly sqlite: SqliteDatabase) {}

  last(): ExportRow | null {
    return (this.sqlite.prepare(`SELECT ${EXPORT_COLUMNS} FROM exports_log ORDER BY seq DESC LIMIT 1`).get() as ExportRow | undefined) ?? null;
  }

  bySeq(seq: number): ExportRow | null {
    return (this.sqlite.prepare(`SELECT ${EXPORT_COLUMNS} FROM exports_log WHERE seq = ?`).get(seq) as ExportRow | undefined) ?? null;
  }

  record(row: ExportRow & { createdBy: string }): void {
    this.sqlite
      .prepare(
        `INSERT INTO exports_log (seq, bundle_id, created_at, created_by, from_audit_seq, to_audit_seq, case_count, manifest_hash, prev_manifest_hash)
         VALUES (@seq, @bundleId, @createdAt, @createdBy, @fromAuditSeq, @toAuditSeq, @caseCount, @manifestHash, @prevManifestHash)`,
      )
      .run(row);
  }

  latestReceipt(): ReceiptRow | null {
    return (
      (this.sqlite
        .prepare('SELECT receipt_id AS receiptId, ack_seq AS ackSeq, ack_manifest_hash AS ackManifestHash, issued_at AS issuedAt, imported_at AS importedAt, details FROM receipts_log ORDER BY ack_seq DESC, issued_at DESC LIMIT 1')
        .get() as ReceiptRow | undefined) ?? null
    );
  }

  hasReceipt(receiptId: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM receipts_log WHERE receipt_id = ?').get(receiptId) !== undefined;
  }

  recordReceipt(row: ReceiptRow): void {
    this.sqlite
      .prepare(
        `INSERT INTO receipts_log (receipt_id, ack_seq, ack_manifest_hash, issued_at, imported_at, details)
         VALUES (@receiptId, @ackSeq, @ackManifestHash, @issuedAt, @importedAt, @details)`,
      )
      .run(row);
  }

  /** Ids of cases whose audit trail moved after `afterSeq`, in order of their latest change. */
  changedCaseIds(afterSeq: number): Array<{ caseId: string; lastSeq: number }> {
    return this.sqlite
      .prepare(
        `SELECT entity_id AS caseId, MAX(seq) AS lastSeq FROM audit_log
         WHERE seq > ? AND entity_type = 'case' AND entity_id IS NOT NULL GROUP BY entity_id ORDER BY lastSeq`,
      )
      .all(afterSeq) as Array<{ caseId: string; lastSeq: number }>;
  }

  /** Audit rows about cases after `afterSeq`, streamed: they travel with the cases they describe. */
  caseAuditRows(afterSeq: number): IterableIterator<AuditRow> {
    return this.sqlite
      .prepare(
        `SELECT seq, at, actor_id AS actorId, action, entity_type AS entityType, entity_id AS entityId, details, prev_hash AS prevHash, hash
         FROM audit_log WHERE seq > ? AND entity_type = 'case' ORDER BY seq`,
      )
      .iterate(afterSeq) as IterableIterator<AuditRow>;
  }

  /** Whole case records for a slice of ids, with the rule-pack version beside each: one query per slice. */
  casesByIds(ids: readonly string[]): Map<string, { record: CaseRecord; rulePackVersion: string | null }> {
    const rows = this.sqlite
      .prepare(
        `SELECT id, case_number AS caseNumber, station_code AS stationCode, revision, data, created_at AS createdAt, created_by AS createdBy,
                updated_at AS updatedAt, updated_by AS updatedBy, rule_pack_version AS rulePackVersion
         FROM cases WHERE id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Array<Omit<CaseRecord, keyof CaseData> & { data: string; rulePackVersion: string | null }>;
    return new Map(rows.map(({ data, rulePackVersion, ...meta }) => [meta.id, { record: { ...(JSON.parse(data) as CaseData), ...meta }, rulePackVersion }]));
  }

  lastAuditSeq(): number {
    return (this.sqlite.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_log').get() as { seq: number }).seq;
  }
}

export type ApplyCounts = { casesAdded: number; casesUpdated: number; stale: number };

/**
 * District side: the consolidated register. Station cases go into the same `cases` table (so search and lists
 * work the same), with their provenance (bundle, import time) in the row; "higher revision wins" decides every
 * upsert. One statement per case (and one per index entry): the import is measured against a bare upsert of the same rows.
 */
export class ConsolidatedCases {
  private readonly current;
  private readonly searchIndex;
  private readonly insertCase;
  private readonly updateCase;
  private readonly insertAudit;

  constructor(db: OpenDatabase) {
    const sqlite = db.sqlite;
    this.current = sqlite.prepare('SELECT row_id AS rowId, revision, search_text AS searchText FROM cases WHERE id = ?');
    this.searchIndex = new CaseSearchIndex(sqlite);
    this.insertCase = sqlite.prepare(
      `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by, rule_pack_version, source_bundle_id, imported_at)
       VALUES (@id, @caseNumber, @stationCode, @category, @status, @reportedAt, @revision, @data, @searchText, @createdAt, @editedBy, @editedAt, @editedBy, @rulePackVersion, @bundleId, @importedAt)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.updateCase = sqlite.prepare(
      `UPDATE cases SET category = @category, status = @status, reported_at = @reportedAt, revision = @revision, data = @data,
         search_text = @searchText, updated_at = @editedAt, updated_by = @editedBy, rule_pack_version = @rulePackVersion,
         source_bundle_id = @bundleId, imported_at = @importedAt
       WHERE id = @id AND revision < @revision`,
    );
    this.insertAudit = sqlite.prepare('INSERT INTO station_audit (bundle_id, station_code, entry_count, entries) VALUES (?, ?, ?, ?)');
  }

  /** One station case, checked and prepared (bundle/prepared-changes.ts); returns what it did. */
  applyCase(prepared: PreparedCase, bundleId: string, importedAt: string): 'added' | 'updated' | 'stale' {
    const row = { ...prepared, bundleId, importedAt };
    const inserted = this.insertCase.run(row);
    if (inserted.changes === 1) {
      this.searchIndex.added(inserted.lastInsertRowid, row.searchText);
      return 'added';
    }
    const current = this.current.get(prepared.id) as { rowId: number; revision: number; searchText: string };
    if (current.revision >= prepared.revision) return 'stale';
    this.updateCase.run(row);
    this.searchIndex.replaced(current.rowId, current.searchText, row.searchText);
    return 'updated';
  }

  /** The bundle's audit entries (each the JSON of a checked entry), kept together as the station sent them. */
  keepAudit(bundleId: string, stationCode: string, entries: readonly string[]): void {
    this.insertAudit.run(bundleId, stationCode, entries.length, entries.join('\n'));
  }
}

/** District side: every bundle applied or held back, and the sequence gaps per station. */
export class BundleLedger {
  constructor(private readonly sqlite: SqliteDatabase) {}

  byId(bundleId: string): ImportedBundleRow | null {
    return (this.sqlite.prepare(`SELECT ${IMPORTED_COLUMNS} FROM imported_bundles WHERE bundle_id = ?`).get(bundleId) as ImportedBundleRow | undefined) ?? null;
  }

  /** Applied bundles at a sequence (normally one; more means someone forked the station). */
  appliedAt(stationCode: string, seq: number): ImportedBundleRow | null {
    return (
      (this.sqlite.prepare(`SELECT ${IMPORTED_COLUMNS} FROM imported_bundles WHERE station_code = ? AND seq = ? AND outcome IN ('ok', 'stale', 'gap')`).get(stationCode, seq) as
        | ImportedBundleRow
        | undefined) ?? null
    );
  }

  highestApplied(stationCode: string): ImportedBundleRow | null {
    return (
      (this.sqlite
        .prepare(`SELECT ${IMPORTED_COLUMNS} FROM imported_bundles WHERE station_code = ? AND outcome IN ('ok', 'stale', 'gap') ORDER BY seq DESC LIMIT 1`)
        .get(stationCode) as ImportedBundleRow | undefined) ?? null
    );
  }

  forStation(stationCode: string): ImportedBundleRow[] {
    return this.sqlite.prepare(`SELECT ${IMPORTED_COLUMNS} FROM imported_bundles WHERE station_code = ? ORDER BY seq, imported_at`).all(stationCode) as ImportedBundleRow[];
  }

  all(): ImportedBundleRow[] {
    return this.sqlite.prepare(`SELECT ${IMPORTED_COLUMNS} FROM imported_bundles ORDER BY station_code, seq, imported_at`).all() as ImportedBundleRow[];
  }

  record(row: ImportedBundleRow): void {
    this.sqlite
      .prepare(
        `INSERT INTO imported_bundles (bundle_id, station_code, seq, manifest_hash, prev_manifest_hash, to_audit_seq, signing_key_id, outcome, details, imported_at, imported_by)
         VALUES (@bundleId, @stationCode, @seq, @manifestHash, @prevManifestHash, @toAuditSeq, @signingKeyId, @outcome, @details, @importedAt, @importedBy)`,
      )
      .run(row);
  }

  /** The ranges recorded as missing when a later bundle applied, including numbers since held in quarantine. */
  private recordedGaps(stationCode: string): Array<{ from: number; to: number }> {
    return this.sqlite.prepare('SELECT from_seq AS "from", to_seq AS "to" FROM bundle_gaps WHERE station_code = ? ORDER BY from_seq').all(stationCode) as Array<{ from: number; to: number }>;
  }

  /** Sequence numbers that arrived but are held in quarantine (fork, revoked key), with none applied at them. */
  heldBack(stationCode: string): number[] {
    return this.sqlite
      .prepare(
        `SELECT DISTINCT seq FROM imported_bundles q WHERE station_code = ? AND outcome NOT IN ('ok', 'stale', 'gap')
           AND NOT EXISTS (SELECT 1 FROM imported_bundles a WHERE a.station_code = q.station_code AND a.seq = q.seq AND a.outcome IN ('ok', 'stale', 'gap'))
         ORDER BY seq`,
      )
      .pluck()
      .all(stationCode) as number[];
  }

  /** The ranges that never arrived: recorded gaps without the numbers held in quarantine (those are not missing). */
  gaps(stationCode: string): Array<{ from: number; to: number }> {
    const held = this.heldBack(stationCode);
    const missing: Array<{ from: number; to: number }> = [];
    for (const gap of this.recordedGaps(stationCode)) {
      let from = gap.from;
      for (const seq of held) {
        if (seq < from || seq > gap.to) continue;
        if (seq > from) missing.push({ from, to: seq - 1 });
        from = seq + 1;
      }
      if (from <= gap.to) missing.push({ from, to: gap.to });
    }
    return missing;
  }

  addGap(stationCode: string, from: number, to: number, at: string): void {
    this.sqlite.prepare('INSERT INTO bundle_gaps (station_code, from_seq, to_seq, recorded_at) VALUES (?, ?, ?, ?)').run(stationCode, from, to, at);
  }

  /** A late bundle arrived: remove its sequence from whichever gap held it, splitting the gap if needed. */
  fillGap(stationCode: string, seq: number, at: string): boolean {
    const gap = this.recordedGaps(stationCode).find((g) => g.from <= seq && seq <= g.to);
    if (!gap) return false;
    this.sqlite.prepare('DELETE FROM bundle_gaps WHERE station_code = ? AND from_seq = ?').run(stationCode, gap.from);
    if (gap.from < seq) this.addGap(stationCode, gap.from, seq - 1, at);
    if (seq < gap.to) this.addGap(stationCode, seq + 1, gap.to, at);
    return true;
  }
}
