import { z } from 'zod';
import type { CaseProvenance, DistrictMessage, DistrictNote, StationStatus } from '../core/api.js';
import { AppError } from '../core/errors.js';
import { newRecordId } from '../core/ids.js';
import { BundleLedger, PeerKeys } from '../store/bundle-store.js';
import { parseInput, requirePermission, type Session } from './session.js';

/**
 * District mode beside the bundle import: the CPU's own notes on station cases (kept apart from the station's
 * fields and sent back in receipts), and the status board of stations.
 */

function requireDistrict(session: Session): void {
  if (session.register.info.kind !== 'district') throw new AppError('WRONG_REGISTER_KIND', '(needs a district register)');
}

export const noteInputSchema = z.object({
  caseId: z.string().min(1).max(64),
  kind: z.enum(['follow_up', 'referral_outcome']),
  text: z.string().trim().min(1, 'must not be empty').max(2000),
});

/** A CPU note on a station's case; it travels back to the station with the next receipt. */
export function addDistrictNote(session: Session, input: unknown): DistrictNote {
  requireDistrict(session);
  requirePermission(session, 'district.annotate');
  const { caseId, kind, text } = parseInput(noteInputSchema, input, 'note');
  const { register } = session;
  const row = register.db.sqlite.prepare('SELECT id, station_code AS stationCode FROM cases WHERE id = ? OR case_number = ?').get(caseId, caseId) as { id: string; stationCode: string } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  const at = register.clock().toISOString();
  const id = newRecordId();
  register.db.sqlite.transaction(() => {
    register.db.sqlite
      .prepare('INSERT INTO district_notes (id, case_id, station_code, kind, text, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, row.id, row.stationCode, kind, text, at, session.user.id);
    // The audit row names the case and the kind, never the text (it may name people).
    register.audit.append({ action: 'district.note', actorId: session.user.id, entityType: 'case', entityId: row.id, details: { kind }, at });
  })();
  return { id, caseId: row.id, kind, text, createdAt: at, createdBy: session.user.displayName, sent: false };
}

export function districtNotes(session: Session, caseId: string): DistrictNote[] {
  requireDistrict(session);
  requirePermission(session, 'case.read');
  const names = new Map(session.register.listUsers().map((u) => [u.id, u.displayName]));
  const rows = session.register.db.sqlite
    .prepare('SELECT id, case_id AS caseId, kind, text, created_at AS createdAt, created_by AS createdBy, sent_in_receipt AS sentIn FROM district_notes WHERE case_id = ? ORDER BY created_at')
    .all(caseId) as Array<Omit<DistrictNote, 'sent'> & { sentIn: string | null }>;
  return rows.map(({ sentIn, ...note }) => ({ ...note, createdBy: names.get(note.createdBy) ?? note.createdBy, sent: sentIn !== null }));
}

/** Notes not yet sent to a station; `markSent` records the receipt that carries them. */
export function unsentNotes(session: Session, stationCode: string): Array<{ id: string; caseId: string; kind: string; text: string; at: string }> {
  return session.register.db.sqlite
    .prepare('SELECT id, case_id AS caseId, kind, text, created_at AS at FROM district_notes WHERE station_code = ? AND sent_in_receipt IS NULL ORDER BY created_at')
    .all(stationCode) as Array<{ id: string; caseId: string; kind: string; text: string; at: string }>;
}

export function markNotesSent(session: Session, ids: readonly string[], receiptId: string): void {
  const mark = session.register.db.sqlite.prepare('UPDATE district_notes SET sent_in_receipt = ? WHERE id = ?');
  for (const id of ids) mark.run(receiptId, id);
}

// ---------------------------------------------------------------------------------------------- status board

const DAY = 86_400_000;

/** One row per enrolled station: last bundle, gaps, quarantined bundles, silence, and what to do about each. */
export function stationStatusBoard(session: Session, options: { silentDays?: number } = {}, now = session.register.clock()): StationStatus[] {
  requireDistrict(session);
  requirePermission(session, 'case.read');
  const silentDays = options.silentDays ?? 14;
  const sqlite = session.register.db.sqlite;
  const ledger = new BundleLedger(sqlite);
  const caseCounts = new Map((sqlite.prepare('SELECT station_code AS code, COUNT(*) AS n FROM cases GROUP BY station_code').all() as Array<{ code: string; n: number }>).map((r) => [r.code, r.n]));
  const byStation = new Map<string, ReturnType<PeerKeys['allStations']>>();
  for (const key of new PeerKeys(sqlite).allStations()) byStation.set(key.peerCode, [...(byStation.get(key.peerCode) ?? []), key]);
  return [...byStation.entries()].map(([code, keys]) => {
    const newest = keys[keys.length - 1]!;
    const rows = ledger.forStation(code);
    const applied = rows.filter((r) => ['ok', 'stale', 'gap'].includes(r.outcome));
    // The latest import; bundles imported in the same instant (one batch, a coarse clock) by their sequence.
    const later = (r: (typeof applied)[number], than: (typeof applied)[number]) => r.importedAt > than.importedAt || (r.importedAt === than.importedAt && r.seq > than.seq);
    const last = applied.reduce<(typeof applied)[number] | undefined>((latest, r) => (!latest || later(r, latest) ? r : latest), undefined);
    const daysSilent = last ? Math.floor((now.getTime() - Date.parse(last.importedAt)) / DAY) : null;
    const gaps = ledger.gaps(code);
    const quarantined = rows.filter((r) => !['ok', 'stale', 'gap'].includes(r.outcome)).map((r) => ({ sequence: r.seq, code: r.outcome, importedAt: r.importedAt }));
    const keyStatus = keys.some((k) => k.status === 'active') ? 'active' : newest.status;
    const advice: StationStatus['advice'] = [];
    if (keyStatus === 'revoked') advice.push({ code: 'revoked', en: 'Its key is revoked: enroll the station’s new key in person before importing more.', ur: 'اس کی کلید منسوخ ہے: مزید درآمد سے پہلے تھانے کی نئی کلید بالمشافہ درج کریں۔' });
    if (quarantined.length > 0) advice.push({ code: 'quarantined', en: `${quarantined.length} bundle(s) held in quarantine: visit or call the station before acting on them.`, ur: `${quarantined.length} بنڈل قرنطینہ میں: ان پر عمل سے پہلے تھانے سے رابطہ کریں۔` });
    if (gaps.length > 0) advice.push({ code: 'gap', en: `Bundles ${gaps.map((g) => (g.from === g.to ? g.from : `${g.from}-${g.to}`)).join(', ')} never arrived: ask the station to send them again.`, ur: `بنڈل ${gaps.map((g) => (g.from === g.to ? g.from : `${g.from}-${g.to}`)).join('، ')} نہیں پہنچے: تھانے سے دوبارہ منگوائیں۔` });
    if (!last) advice.push({ code: 'never_reported', en: 'No bundle received yet: check the station has pinned this district’s key and knows how to export.', ur: 'ابھی کوئی بنڈل موصول نہیں ہوا: چیک کریں کہ تھانے نے ضلع کی کلید درج کی ہے اور برآمد کرنا جانتا ہے۔' });
    else if (daysSilent !== null && daysSilent > silentDays) advice.push({ code: 'silent', en: `Silent for ${daysSilent} days: call the station in-charge for a new bundle.`, ur: `${daysSilent} دن سے خاموش: نئے بنڈل کے لیے تھانہ انچارج کو فون کریں۔` });
    return {
      stationCode: code,
      stationName: newest.peerName,
      keyStatus,
      lastBundle: last ? { sequence: last.seq, importedAt: last.importedAt } : null,
      daysSilent,
      gaps,
      quarantined,
      cases: caseCounts.get(code) ?? 0,
      advice,
    };
  });
}

/** Station side: what the district sent back about one case (its notes, confirmed matches), oldest first. */
export function districtMessagesFor(session: Session, caseId: string): DistrictMessage[] {
  requirePermission(session, 'case.read');
  const rows = session.register.db.sqlite
    .prepare('SELECT id, kind, body, at FROM district_messages WHERE case_id = ? ORDER BY at')
    .all(caseId) as Array<{ id: string; kind: DistrictMessage['kind']; body: string; at: string }>;
  return rows.map(({ body, ...row }) => {
    if (row.kind !== 'match') return { ...row, text: body };
    const match = JSON.parse(body) as { otherStation: string; otherCaseNumber: string };
    return { ...row, text: '', ...match };
  });
}

/** Where the district's copy of a case came from: the station's bundle that carried this revision, and when. */

/**
 * The provenance of a district case (by record id or case number): the bundle its current revision came in
 * (its sequence from the import ledger) and the import time. Null for a case with no bundle recorded.
 */
export function caseProvenance(session: Session, idOrCaseNumber: string): CaseProvenance | null {
  requireDistrict(session);
  requirePermission(session, 'case.read');
  const row = session.register.db.sqlite
    .prepare(
      `SELECT c.station_code AS stationCode, c.source_bundle_id AS bundleId, b.seq AS sequence, COALESCE(c.imported_at, b.imported_at) AS importedAt
       FROM cases c LEFT JOIN imported_bundles b ON b.bundle_id = c.source_bundle_id
       WHERE c.id = ? OR c.case_number = ?`,
    )
    .get(idOrCaseNumber, idOrCaseNumber) as { stationCode: string; bundleId: string | null; sequence: number | null; importedAt: string | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND');
  return row.bundleId === null ? null : { stationCode: row.stationCode, bundleId: row.bundleId, sequence: row.sequence, importedAt: row.importedAt };
}
