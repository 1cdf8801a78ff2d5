import { createHash, randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { BundleError, openBundle, writeBundle, type OpenedBundle } from '../bundle/bundle-file.js';
import { ChangeReader } from '../bundle/change-reader.js';
import { BUNDLE_FORMAT, type AuditChange, type CaseChange, type ChangeLine } from '../bundle/format.js';
import { fileSha256, generateAgreementIdentity } from '../bundle/outer.js';
import {
  districtKeyFileSchema,
  receiptBodySchema,
  rotationBodySchema,
  signedFileSchema,
  stationKeyFileSchema,
  type DistrictKeyFile,
  type ReceiptBody,
  type RotationBody,
  type StationKeyFile,
} from '../bundle/peer-files.js';
import type { BundleStatus } from '../core/api.js';
import { RULES, RULE_PACK_VERSION } from '../core/checklist/rules.js';
import { bundleOutcomes, bundleReport, MAX_SEQUENCE_JUMP, type BundleOutcomeCode, type BundleReport } from '../core/bundle-outcomes.js';
import { districtView } from '../core/district-view.js';
import { AppError } from '../core/errors.js';
import { fingerprint } from '../core/fingerprint.js';
import { newRecordId } from '../core/ids.js';
import { appliedMigrationCount } from '../store/database.js';
import { BundleLedger, ConsolidatedCases, ExportLog, PeerKeys, type ImportedBundleRow, type PeerKeyRow } from '../store/bundle-store.js';
import { markNotesSent, unsentNotes } from './district.js';
import { requirePermission, type Session } from './session.js';
// The import attribute lets plain Node's ESM loader (Playwright's test runner) read it as the bundlers do.
import packageJson from '../../package.json' with { type: 'json' };

/**
 * Station -> district bundles and the key ceremony around them (DESIGN.md, Bundles). Stations export what
 * changed since the district's last receipt; the district verifies everything before writing anything and
 * applies each bundle in one transaction.
 */

/** The app's version, from package.json (what electron-builder names the installer and app.getVersion() says). */
export const APP_VERSION: string = packageJson.version;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function requireKind(session: Session, kind: 'station' | 'district'): void {
  if (session.register.info.kind !== kind) throw new AppError('WRONG_REGISTER_KIND', `(needs a ${kind} register)`);
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new AppError('FILE_UNREADABLE', basename(path));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_KEY_FILE', basename(path));
  }
}

/** A key file or receipt handed over as text (the UI reads the file the officer picked). */
function parseJsonText(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_KEY_FILE', name);
  }
}

async function writeNewFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, { encoding: 'utf8' });
  } catch {
    throw new AppError('FILE_UNREADABLE', basename(path));
  }
}

// ---------------------------------------------------------------------------------------------- key files

export function stationKeyFingerprint(file: Pick<StationKeyFile, 'publicKey'>): string {
  return fingerprint(unb64(file.publicKey));
}

export function districtKeyFingerprint(file: Pick<DistrictKeyFile, 'recipient' | 'signing'>): string {
  return fingerprint(new TextEncoder().encode(file.recipient), unb64(file.signing.publicKey));
}

/** `childdesk station key`: the station's public signing key, for the district to enroll. */
export async function writeStationKeyFile(session: Session, outPath: string): Promise<{ fingerprint: string; keyId: string }> {
  const { content, fingerprint: print, keyId } = stationKeyFile(session);
  await writeNewFile(outPath, content);
  return { fingerprint: print, keyId };
}

/** The station key file's text (the UI offers it as a download, the CLI writes it). */
export function stationKeyFile(session: Session): { fileName: string; content: string; fingerprint: string; keyId: string } {
  requireKind(session, 'station');
  requirePermission(session, 'keys.manage');
  const key = session.register.keys.signingKey(session.user.id);
  const { info } = session.register;
  const file: StationKeyFile = {
    format: 'childdesk-station-key/1',
    stationCode: info.stationCode!,
    stationName: info.stationName ?? '',
    district: info.district,
    registerId: info.registerId,
    keyId: key.keyId,
    publicKey: b64(key.publicKey),
  };
  return { fileName: `${file.stationCode}.pub`, content: `${JSON.stringify(file, null, 2)}\n`, fingerprint: stationKeyFingerprint(file), keyId: key.keyId };
}

/** The district's agreement identity (age X25519), made on first use like the signing key. */
function districtIdentity(session: Session): { recipient: string; identity: string } {
  const existing = session.register.keys.agreementIdentity();
  if (existing) return existing;
  const fresh = generateAgreementIdentity();
  session.register.keys.storeAgreementIdentity(fresh.recipient, fresh.identity, session.user.id);
  return fresh;
}

function districtKeyFile(session: Session): DistrictKeyFile {
  const { info } = session.register;
  const signing = session.register.keys.signingKey(session.user.id);
  return {
    format: 'childdesk-district-key/1',
    district: info.district,
    registerId: info.registerId,
    recipient: districtIdentity(session).recipient,
    signing: { keyId: signing.keyId, publicKey: b64(signing.publicKey) },
  };
}

/** `childdesk district key`: what stations pin (bundles are encrypted to it, receipts verified with it). */
export async function writeDistrictKeyFile(session: Session, outPath: string): Promise<{ fingerprint: string }> {
  requireKind(session, 'district');
  requirePermission(session, 'keys.manage');
  const file = districtKeyFile(session);
  await writeNewFile(outPath, `${JSON.stringify(file, null, 2)}\n`);
  return { fingerprint: districtKeyFingerprint(file) };
}

/** `childdesk station pin-district`: trust this district key from now on (after checking its fingerprint). */
export async function pinDistrict(session: Session, path: string): Promise<{ district: string; fingerprint: string }> {
  return pinDistrictFrom(session, await readJsonFile(path), basename(path));
}

export function pinDistrictFrom(session: Session, json: unknown, name: string): { district: string; fingerprint: string } {
  requireKind(session, 'station');
  requirePermission(session, 'keys.manage');
  const parsed = districtKeyFileSchema.safeParse(typeof json === 'string' ? parseJsonText(json, name) : json);
  if (!parsed.success) throw new AppError('BAD_KEY_FILE', name);
  const file = parsed.data;
  const peers = new PeerKeys(session.register.db.sqlite);
  const at = session.register.clock().toISOString();
  session.register.db.sqlite.transaction(() => {
    const current = peers.pinnedDistrict();
    if (current?.signingKeyId === file.signing.keyId && current.recipient === file.recipient && current.registerId === file.registerId) return;
    if (current) peers.setStatus(current.id, 'rotated', null, at);
    peers.add({
      id: newRecordId(),
      peerKind: 'district',
      peerCode: file.district,
      peerName: file.district,
      registerId: file.registerId,
      signingKeyId: file.signing.keyId,
      signingPublicKey: file.signing.publicKey,
      recipient: file.recipient,
      status: 'active',
      lastTrustedSeq: null,
      addedAt: at,
      changedAt: null,
    });
    session.register.audit.append({ action: 'peer.pin', actorId: session.user.id, details: { district: file.district, keyId: file.signing.keyId }, at });
  })();
  return { district: file.district, fingerprint: districtKeyFingerprint(file) };
}

/** `childdesk district enroll`: trust this station's key (after checking its fingerprint in person). */
export async function enrollStation(session: Session, path: string): Promise<{ stationCode: string; fingerprint: string }> {
  requireKind(session, 'district');
  requirePermission(session, 'keys.manage');
  const parsed = stationKeyFileSchema.safeParse(await readJsonFile(path));
  if (!parsed.success) throw new AppError('BAD_KEY_FILE', basename(path));
  const file = parsed.data;
  const peers = new PeerKeys(session.register.db.sqlite);
  const at = session.register.clock().toISOString();
  session.register.db.sqlite.transaction(() => {
    const existing = peers.stationKeys(file.stationCode);
    if (existing.some((k) => k.signingKeyId === file.keyId)) return;
    if (existing.some((k) => k.status === 'active')) throw new AppError('KEY_CONFLICT', `(station ${file.stationCode})`);
    peers.add({
      id: newRecordId(),
      peerKind: 'station',
      peerCode: file.stationCode,
      peerName: file.stationName,
      registerId: file.registerId,
      signingKeyId: file.keyId,
      signingPublicKey: file.publicKey,
      recipient: null,
      status: 'active',
      lastTrustedSeq: null,
      addedAt: at,
      changedAt: null,
    });
    session.register.audit.append({ action: 'peer.enroll', actorId: session.user.id, details: { station: file.stationCode, keyId: file.keyId }, at });
  })();
  return { stationCode: file.stationCode, fingerprint: stationKeyFingerprint(file) };
}

// ---------------------------------------------------------------------------------------------- export

const CHOICE_FIELDS = new Map(RULES.map((rule) => [rule.id, new Set(rule.evidence.filter((f) => f.kind === 'choice').map((f) => f.key))]));

/** Only evidence picked from the rule's fixed lists leaves the station; typed text may name people. */
function choicesOf(ruleId: string, evidence: Record<string, unknown>): { choices?: Record<string, string> } {
  const keys = CHOICE_FIELDS.get(ruleId);
  const choices = Object.fromEntries(Object.entries(evidence).filter(([key, value]) => keys?.has(key) && typeof value === 'string')) as Record<string, string>;
  return Object.keys(choices).length > 0 ? { choices } : {};
}

export type ExportResult = { path: string; bundleId: string; sequence: number; cases: number; auditEntries: number; bytes: number };

function* changeLinesFor(session: Session, fromAuditSeq: number, toAuditSeq: number, counts: { cases: number; auditEntries: number }): Generator<ChangeLine> {
  const { register } = session;
  const log = new ExportLog(register.db.sqlite);
  const changed = log.changedCaseIds(fromAuditSeq).filter((c) => c.lastSeq <= toAuditSeq);
  const stationCode = register.info.stationCode!;
  // In slices, so a 50k-case export never holds every record at once.
  for (let start = 0; start < changed.length; start += 500) {
    const slice = changed.slice(start, start + 500);
    const ids = slice.map((c) => c.caseId);
    const completions = register.checklist.forCases(ids);
    const records = log.casesByIds(ids);
    for (const { caseId, lastSeq } of slice) {
      const found = records.get(caseId);
      if (!found) continue;
      const { record, rulePackVersion } = found;
      const { id: _id, caseNumber, stationCode: _station, revision, createdAt, createdBy: _createdBy, updatedAt, updatedBy, ...rest } = districtView(record);
      const line: CaseChange = {
        type: 'case',
        changeSeq: lastSeq,
        recordId: record.id,
        caseNumber,
        owningStation: stationCode,
        revision,
        op: 'upsert',
        data: rest,
        completions: (completions.get(caseId) ?? []).map((c) => ({ ruleId: c.ruleId, doneAt: new Date(c.doneAt).toISOString(), ...choicesOf(c.ruleId, c.evidence) })),
        createdAt,
        editedAt: updatedAt,
        editedBy: updatedBy,
        rulePackVersion,
      };
      counts.cases++;
      yield line;
    }
  }
  for (const row of log.caseAuditRows(fromAuditSeq)) {
    if (row.seq > toAuditSeq) break;
    const entry: AuditChange = {
      type: 'audit',
      seq: row.seq,
      at: row.at,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      actorId: row.actorId,
      details: row.details,
      hash: row.hash,
    };
    counts.auditEntries++;
    yield entry;
  }
}

/**
 * `childdesk export`: every case created or changed since the district's last receipt, signed and encrypted
 * to the pinned district. Re-sends what the district has not acknowledged yet (the import is idempotent).
 */
export async function exportBundle(session: Session, outPath: string, onProgress?: (cases: number) => void): Promise<ExportResult> {
  requireKind(session, 'station');
  requirePermission(session, 'bundle.export');
  const { register } = session;
  const district = new PeerKeys(register.db.sqlite).pinnedDistrict();
  if (!district?.recipient) throw new AppError('NO_DISTRICT_PINNED');
  const log = new ExportLog(register.db.sqlite);
  const last = log.last();
  const receipt = log.latestReceipt();
  if (receipt && receipt.ackSeq > (last?.seq ?? 0)) throw new AppError('RESTORED_FROM_BACKUP', `(district holds bundle ${receipt.ackSeq}; this register knows ${last?.seq ?? 0})`);
  const acknowledged = receipt ? log.bySeq(receipt.ackSeq) : null;
  if (receipt && acknowledged && acknowledged.manifestHash !== receipt.ackManifestHash) {
    throw new AppError('RESTORED_FROM_BACKUP', `(bundle ${receipt.ackSeq} at the district differs from this register's)`);
  }
  const fromAuditSeq = acknowledged?.toAuditSeq ?? 0;
  const toAuditSeq = log.lastAuditSeq();
  const signer = register.keys.signingKey(session.user.id);
  const sequence = (last?.seq ?? 0) + 1;
  const bundleId = randomUUID();
  const counts = { cases: 0, auditEntries: 0 };
  const { info } = register;
  const written = await writeBundle({
    path: outPath,
    recipient: district.recipient,
    signer,
    lines: changeLinesFor(session, fromAuditSeq, toAuditSeq, counts),
    onProgress,
    manifest: ({ outerHeaderSha256, changes }) => ({
      format: BUNDLE_FORMAT,
      bundleId,
      createdAt: register.clock().toISOString(),
      station: { code: info.stationCode!, registerId: info.registerId, keyId: signer.keyId },
      district: { name: district.peerCode, registerId: district.registerId, keyFingerprint: fingerprint(new TextEncoder().encode(district.recipient!), unb64(district.signingPublicKey)) },
      outerHeaderSha256,
      sequence,
      previousManifestSha256: last?.manifestHash ?? null,
      changes: { fromChangeSeq: fromAuditSeq, toChangeSeq: toAuditSeq, cases: counts.cases, auditEntries: counts.auditEntries },
      files: { 'changes.ndjson.gz': changes },
      lastReceipt: receipt ? { throughSequence: receipt.ackSeq, sha256: receipt.ackManifestHash } : null,
      app: { version: APP_VERSION, schemaMigrations: appliedMigrationCount(register.db.sqlite) },
      rulePackVersion: RULE_PACK_VERSION,
    }),
  }).catch((error: unknown) => {
    if (error instanceof AppError) throw error;
    if ((error as NodeJS.ErrnoException)?.code) throw new AppError('FILE_UNREADABLE', basename(outPath));
    throw error;
  });
  const manifestHash = sha256Hex(written.manifestBytes);
  const at = register.clock().toISOString();
  register.db.sqlite.transaction(() => {
    log.record({ seq: sequence, bundleId, createdAt: at, createdBy: session.user.id, fromAuditSeq, toAuditSeq, caseCount: counts.cases, manifestHash, prevManifestHash: last?.manifestHash ?? '' });
    register.audit.append({ action: 'bundle.export', actorId: session.user.id, details: { sequence, bundleId, cases: counts.cases, auditEntries: counts.auditEntries }, at });
  })();
  return { path: outPath, bundleId, sequence, cases: counts.cases, auditEntries: counts.auditEntries, bytes: written.bytes };
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------------------------------------- import

type Verified = { opened: OpenedBundle; stationKey: PeerKeyRow };

const APPLIED = { added: 'casesAdded', updated: 'casesUpdated', stale: 'stale' } as const;

type Seen = { seen: ImportedBundleRow };

/** Everything that can be decided before reading the changes: cheapest checks first. */
function decideFromManifest(session: Session, file: string, opened: OpenedBundle): { report: BundleReport; quarantine?: boolean } | Seen | Verified {
  const { manifest } = opened;
  const { info } = session.register;
  const ledger = new BundleLedger(session.register.db.sqlite);
  const base = { stationCode: manifest.station.code, sequence: manifest.sequence };
  const seen = ledger.byId(manifest.bundleId);
  if (seen) {
    if (seen.manifestHash === opened.manifestSha256) return { seen };
    return { report: bundleReport(file, 'fork', { ...base, detail: '(the same bundle id with different contents)' }), quarantine: true };
  }
  if (manifest.district.registerId !== info.registerId) return { report: bundleReport(file, 'rebound', { ...base, detail: '(the manifest names another district)' }) };
  const peers = new PeerKeys(session.register.db.sqlite);
  const stationKey = peers.byKeyId('station', opened.signature.keyId);
  if (!stationKey || stationKey.peerCode !== manifest.station.code || stationKey.registerId !== manifest.station.registerId) {
    // The station is enrolled (same code and register) but signs with a key we do not know: most likely it made a
    // new key and its rotation statement has not been accepted here yet.
    const enrolled = peers.stationKeys(manifest.station.code).some((k) => k.registerId === manifest.station.registerId && k.status === 'active');
    if (!stationKey && enrolled) return { report: withHint(bundleReport(file, 'unknown-station', base), ROTATION_PENDING) };
    return { report: bundleReport(file, 'unknown-station', base) };
  }
  opened.verifySignature(unb64(stationKey.signingPublicKey));
  if (stationKey.status !== 'active' && manifest.sequence > (stationKey.lastTrustedSeq ?? 0)) {
    return { report: bundleReport(file, 'revoked-key', { ...base, detail: `(trusted through bundle ${stationKey.lastTrustedSeq ?? 0})` }), quarantine: true };
  }
  const code = manifest.station.code;
  const sameSeq = ledger.appliedAt(code, manifest.sequence);
  if (sameSeq) return { report: bundleReport(file, 'fork', { ...base, detail: `(bundle ${manifest.sequence} was imported ${sameSeq.importedAt})` }), quarantine: true };
  const previous = ledger.appliedAt(code, manifest.sequence - 1);
  if (previous && manifest.previousManifestSha256 !== previous.manifestHash) {
    return { report: bundleReport(file, 'fork', { ...base, detail: `(it does not follow bundle ${manifest.sequence - 1} as imported)` }), quarantine: true };
  }
  const highest = ledger.highestApplied(code)?.seq ?? 0;
  if (manifest.sequence - highest > MAX_SEQUENCE_JUMP) return { report: bundleReport(file, 'implausible-jump', { ...base, detail: `(from ${highest} to ${manifest.sequence})` }) };
  return { opened, stationKey };
}

type Hint = { en: string; ur: string; action: string };

const ROTATION_PENDING: Hint = {
  en: '(The station is enrolled, but this bundle is signed with a new key: the station has probably rotated its key.)',
  ur: '(تھانہ درج ہے، لیکن یہ بنڈل نئی کلید سے دستخط شدہ ہے: غالباً تھانے نے اپنی کلید بدلی ہے۔)',
  action: 'Ask the station for its key-rotation statement and accept it (childdesk district accept-rotation ROTATION), then import this bundle again.',
};

function withHint(report: BundleReport, hint: Hint): BundleReport {
  return { ...report, message: `${report.message} ${hint.en}`, messageUr: `${report.messageUr} ${hint.ur}`, action: hint.action };
}

/** The whole-file hash kept with an imported or held-back bundle (null for rows recorded before it was kept). */
function storedFileSha256(row: ImportedBundleRow): string | null {
  try {
    const details = JSON.parse(row.details) as { fileSha256?: unknown };
    return typeof details.fileSha256 === 'string' ? details.fileSha256 : null;
  } catch {
    return null;
  }
}

/**
 * A bundle whose id and manifest this district has seen: the same file again (a duplicate, or a resend of one
 * held in quarantine), or a damaged copy of it, which the manifest alone cannot tell apart.
 */
async function seenAgain(file: string, path: string, opened: OpenedBundle, seen: ImportedBundleRow): Promise<BundleReport> {
  const base = { stationCode: opened.manifest.station.code, sequence: opened.manifest.sequence, importedAt: seen.importedAt };
  const stored = storedFileSha256(seen);
  if (stored !== null && stored !== (await fileSha256(path))) {
    return bundleReport(file, 'damaged', { ...base, detail: `(this copy differs from the bundle imported ${seen.importedAt})` });
  }
  const code = seen.outcome as BundleOutcomeCode;
  if (bundleOutcomes[code]?.disposition === 'quarantined') {
    return {
      ...bundleReport(file, code, base),
      message: `This bundle is already held in quarantine (since ${seen.importedAt}); importing it again changes nothing.`,
      messageUr: `یہ بنڈل پہلے ہی قرنطینہ میں رکھا ہوا ہے (${seen.importedAt} سے)؛ دوبارہ درآمد کرنے سے کچھ نہیں بدلتا۔`,
    };
  }
  return bundleReport(file, 'duplicate', { ...base, detail: `(first imported ${seen.importedAt})` });
}

function problemReport(file: string, error: BundleError, base: Partial<BundleReport> = {}): BundleReport {
  return bundleReport(file, error.problem, { ...base, detail: `(${error.detail})` });
}

/**
 * Applies the verified bundle's lines in one transaction; any bad line rolls the whole bundle back. A large
 * bundle's lines are read and checked on a second thread (bundle/change-reader.ts) while this one writes them.
 */
async function applyBundle(session: Session, file: string, verified: Verified, reader: ChangeReader, beforeCommit: () => Promise<void>, tracker: ImportTracker): Promise<BundleReport> {
  const { register } = session;
  const { opened, stationKey } = verified;
  const { manifest } = opened;
  const sqlite = register.db.sqlite;
  const consolidated = new ConsolidatedCases(register.db);
  const ledger = new BundleLedger(sqlite);
  const at = register.clock().toISOString();
  const counts = { casesAdded: 0, casesUpdated: 0, stale: 0 };
  const base = { stationCode: manifest.station.code, sequence: manifest.sequence };
  // better-sqlite3 transactions are synchronous; reading the stream is not. So BEGIN/COMMIT by hand, with a
  // rollback on every path that does not reach the end.
  const auditEntries: string[] = [];
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    for await (const { cases, audits } of reader.batches(file, opened, unb64(stationKey.signingPublicKey))) {
      stopIfCancelled(tracker);
      for (const entry of audits) auditEntries.push(entry);
      for (const prepared of cases) counts[APPLIED[consolidated.applyCase(prepared, manifest.bundleId, at)]]++;
      if (cases.length > 0) tracker.casesWritten(cases.length);
    }
    consolidated.keepAudit(manifest.bundleId, manifest.station.code, auditEntries);
    const highest = ledger.highestApplied(manifest.station.code)?.seq ?? 0;
    if (manifest.sequence > highest + 1) ledger.addGap(manifest.station.code, highest + 1, manifest.sequence - 1, at);
    else if (manifest.sequence < highest) ledger.fillGap(manifest.station.code, manifest.sequence, at);
    const gaps = ledger.gaps(manifest.station.code);
    // A jump over numbers that arrived but are held in quarantine leaves nothing missing: not a gap.
    const jumpedMissing = manifest.sequence > highest + 1 && gaps.some((g) => g.to > highest && g.from < manifest.sequence);
    const code = jumpedMissing ? 'gap' : counts.stale > 0 ? 'stale' : 'ok';
    // Read to its end by now, so the hash covers every byte: a later, damaged copy is told from a duplicate by it.
    const wholeFile = reader.fileSha256();
    ledger.record({
      bundleId: manifest.bundleId,
      stationCode: manifest.station.code,
      seq: manifest.sequence,
      manifestHash: opened.manifestSha256,
      prevManifestHash: manifest.previousManifestSha256 ?? '',
      toAuditSeq: manifest.changes.toChangeSeq,
      signingKeyId: opened.signature.keyId,
      outcome: code,
      details: JSON.stringify({ file: basename(file), ...counts, ...(wholeFile ? { fileSha256: wholeFile } : {}) }),
      importedAt: at,
      importedBy: session.user.id,
    });
    register.audit.append({ action: 'bundle.import', actorId: session.user.id, details: { station: manifest.station.code, sequence: manifest.sequence, code, ...counts }, at });
    await beforeCommit();
    // The last moment a cancel can still take this bundle back; after COMMIT it stays.
    stopIfCancelled(tracker);
    sqlite.exec('COMMIT');
    return bundleReport(file, code, { ...base, ...counts, gaps, ...(code === 'gap' ? { detail: `(missing ${gaps.map((g) => (g.from === g.to ? g.from : `${g.from}-${g.to}`)).join(', ')})` } : {}) });
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw error;
  }
}

/** Records a held-back bundle (fork, revoked key) so the status board shows it; nothing else is written. */
async function quarantine(session: Session, file: string, opened: OpenedBundle, report: BundleReport): Promise<void> {
  const { register } = session;
  const { manifest } = opened;
  const ledger = new BundleLedger(register.db.sqlite);
  if (ledger.byId(manifest.bundleId)) return;
  const wholeFile = await fileSha256(file);
  const at = register.clock().toISOString();
  if (ledger.byId(manifest.bundleId)) return;
  register.db.sqlite.transaction(() => {
    ledger.record({
      bundleId: manifest.bundleId,
      stationCode: manifest.station.code,
      seq: manifest.sequence,
      manifestHash: opened.manifestSha256,
      prevManifestHash: manifest.previousManifestSha256 ?? '',
      toAuditSeq: manifest.changes.toChangeSeq,
      signingKeyId: opened.signature.keyId,
      outcome: report.code,
      details: JSON.stringify({ file: basename(file), fileSha256: wholeFile, manifest }),
      importedAt: at,
      importedBy: session.user.id,
    });
    register.audit.append({ action: 'bundle.import', actorId: session.user.id, details: { station: manifest.station.code, sequence: manifest.sequence, code: report.code }, at });
  })();
}

/** Where an import is: file `index + 1` of `of`, and how many cases it has written so far (all files). */
export type ImportProgress = { file: string; index: number; of: number; casesSoFar: number };
export type ImportOptions = {
  /** Called as each file starts and after each batch of cases it writes. */
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Stops the import between batches: the bundle in flight is rolled back (its transaction never commits),
   * bundles already committed stay, and importBundles throws ImportCancelled with their reports.
   */
  signal?: AbortSignal;
};

/** The import was asked to stop; `reports` are the files finished before it did (committed or refused). */
export class ImportCancelled extends Error {
  constructor(readonly reports: BundleReport[]) {
    super('The import was cancelled.');
    this.name = 'ImportCancelled';
  }
}

/** The checks importBundles makes first, for a caller that wants to refuse at once rather than in a job. */
export function requireBundleImport(session: Session): void {
  requireKind(session, 'district');
  requirePermission(session, 'district.import');
}

/** `childdesk district import`: each bundle verified, then applied in its own transaction; one report each. */
export async function importBundles(session: Session, files: string[], options: ImportOptions = {}): Promise<BundleReport[]> {
  requireBundleImport(session);
  const identity = session.register.keys.agreementIdentity();
  if (!identity) return files.map((file) => bundleReport(file, 'not-for-us', { detail: '(this district has no key yet: run childdesk district key)' }));
  const reader = new ChangeReader({ identity: identity.identity });
  const reports: BundleReport[] = [];
  const progress = { file: '', index: 0, of: files.length, casesSoFar: 0 };
  const tracker: ImportTracker = {
    signal: options.signal,
    casesWritten: (count) => {
      progress.casesSoFar += count;
      options.onProgress?.({ ...progress });
    },
  };
  try {
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) throw new ImportCancelled(reports);
      Object.assign(progress, { file, index });
      options.onProgress?.({ ...progress });
      const next = files[index + 1];
      const readNext = next ? () => prefetch(session, reader, next, identity.identity) : async () => {};
      reports.push(await importOne(session, file, identity.identity, reader, readNext, tracker));
    }
    return reports;
  } catch (error) {
    if (error instanceof BundleCancelled) throw new ImportCancelled(reports);
    throw error;
  } finally {
    reader.close();
  }
}

/** How applyBundle reports its cases and learns that it must stop. */
type ImportTracker = { signal?: AbortSignal; casesWritten: (count: number) => void };

/** Thrown inside applyBundle when the signal fires: its transaction rolls back, importBundles says which files finished. */
class BundleCancelled extends Error {}

function stopIfCancelled(tracker: ImportTracker): void {
  if (tracker.signal?.aborted) throw new BundleCancelled();
}

/**
 * Lets the reader thread start on the next file while this bundle commits. Only reading: importOne decides
 * about that file in its turn, and a file it does not apply has its read cancelled. A file that cannot be
 * opened or verified here is simply not read ahead; importOne reports why.
 */
async function prefetch(session: Session, reader: ChangeReader, path: string, identity: string): Promise<void> {
  let opened: OpenedBundle | undefined;
  try {
    opened = await openBundle(path, identity);
    if (!reader.readsOnThread(opened)) return;
    const key = new PeerKeys(session.register.db.sqlite).byKeyId('station', opened.signature.keyId);
    if (!key) return;
    const publicKey = unb64(key.signingPublicKey);
    opened.verifySignature(publicKey);
    reader.prefetch(path, opened, publicKey);
  } catch {
    // Reported when its turn comes.
  } finally {
    opened?.close();
  }
}

async function importOne(session: Session, path: string, identity: string, reader: ChangeReader, beforeCommit: () => Promise<void>, tracker: ImportTracker): Promise<BundleReport> {
  const file = path;
  let opened: OpenedBundle | undefined;
  try {
    opened = await openBundle(path, identity);
    const decision = decideFromManifest(session, file, opened);
    if ('seen' in decision) return await seenAgain(file, path, opened, decision.seen);
    if ('report' in decision) {
      if (decision.quarantine) await quarantine(session, path, opened, decision.report);
      return decision.report;
    }
    return await applyBundle(session, path, decision, reader, beforeCommit, tracker);
  } catch (error) {
    if (error instanceof BundleError) return problemReport(file, error, opened ? { stationCode: opened.manifest.station.code, sequence: opened.manifest.sequence } : {});
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return bundleReport(file, 'not-a-bundle', { detail: '(no such file)' });
    throw error;
  } finally {
    opened?.close();
  }
}

// ---------------------------------------------------------------------------------------------- receipts

function signBody(session: Session, body: Uint8Array, keys: Array<{ keyId: string; secretKey: Uint8Array }>): string {
  const signatures = keys.map((k) => ({ keyId: k.keyId, signature: b64(ed25519.sign(body, k.secretKey)) }));
  return `${JSON.stringify({ body: b64(body), signatures }, null, 2)}\n`;
}

function openSigned(json: unknown, path: string): { body: Uint8Array; signatures: Array<{ keyId: string; signature: Uint8Array }> } {
  const parsed = signedFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_SIGNED_FILE', basename(path));
  return { body: unb64(parsed.data.body), signatures: parsed.data.signatures.map((s) => ({ keyId: s.keyId, signature: unb64(s.signature) })) };
}

function verifies(signature: Uint8Array, body: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, body, publicKey);
  } catch {
    return false;
  }
}

function parseBody<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, body: Uint8Array, path: string): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new AppError('BAD_SIGNED_FILE', basename(path));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_SIGNED_FILE', basename(path));
  return parsed.data;
}

/** `childdesk district receipt`: what this district holds from one station, signed. */
export async function writeReceipt(session: Session, stationCode: string, outPath: string): Promise<ReceiptBody> {
  requireKind(session, 'district');
  requirePermission(session, 'district.import');
  const { register } = session;
  const peers = new PeerKeys(register.db.sqlite).stationKeys(stationCode);
  if (peers.length === 0) throw new AppError('NOT_FOUND', `(station ${stationCode} is not enrolled)`);
  const ledger = new BundleLedger(register.db.sqlite);
  const rows = ledger.forStation(stationCode);
  const applied = rows.filter((r) => ['ok', 'stale', 'gap'].includes(r.outcome));
  // Missing means never arrived; a number present but held in quarantine is listed under `quarantined` instead
  // and does not hold the receipt back, or the station would re-send everything on every export.
  const gaps = ledger.gaps(stationCode);
  const highest = applied.at(-1)?.seq ?? 0;
  const firstMissing = gaps[0]?.from ?? Number.POSITIVE_INFINITY;
  const throughRow = applied.filter((r) => r.seq < firstMissing).at(-1);
  const through = throughRow?.seq ?? 0;
  const body: ReceiptBody = {
    format: 'childdesk-receipt/1',
    receiptId: randomUUID(),
    issuedAt: register.clock().toISOString(),
    district: { name: register.info.district, registerId: register.info.registerId },
    station: { code: stationCode, registerId: peers[0]!.registerId },
    throughSequence: through,
    throughManifestSha256: throughRow?.manifestHash ?? null,
    highestSequence: highest,
    gaps,
    quarantined: rows.filter((r) => !['ok', 'stale', 'gap'].includes(r.outcome)).map((r) => ({ sequence: r.seq, code: r.outcome })),
    notes: unsentNotes(session, stationCode).map((n) => ({ ...n, kind: n.kind as 'follow_up' | 'referral_outcome' })),
    matches: confirmedMatchesFor(session, stationCode),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  await writeNewFile(outPath, signBody(session, bytes, [register.keys.signingKey(session.user.id)]));
  register.db.sqlite.transaction(() => {
    markNotesSent(session, body.notes.map((n) => n.id), body.receiptId);
    register.audit.append({ action: 'receipt.issue', actorId: session.user.id, details: { station: stationCode, through, notes: body.notes.length, matches: body.matches.length } });
  })();
  return body;
}

/** `childdesk receipt import`: the district's acknowledgement; from now on the station never exports below it. */
export async function importReceipt(session: Session, path: string): Promise<ReceiptSummary> {
  return importReceiptFrom(session, await readJsonFile(path), basename(path));
}

export type ReceiptSummary = { throughSequence: number; gaps: ReceiptBody['gaps']; quarantined: ReceiptBody['quarantined']; notes: number; matches: number };

export function importReceiptFrom(session: Session, json: unknown, path: string): ReceiptSummary {
  requireKind(session, 'station');
  requirePermission(session, 'receipt.import');
  const { register } = session;
  const district = new PeerKeys(register.db.sqlite).pinnedDistrict();
  if (!district) throw new AppError('NO_DISTRICT_PINNED');
  const signed = openSigned(typeof json === 'string' ? parseJsonText(json, path) : json, path);
  const signature = signed.signatures.find((s) => s.keyId === district.signingKeyId);
  if (!signature || !verifies(signature.signature, signed.body, unb64(district.signingPublicKey))) throw new AppError('BAD_SIGNED_FILE', basename(path));
  const body = parseBody(receiptBodySchema, signed.body, path);
  if (body.station.code !== register.info.stationCode || body.station.registerId !== register.info.registerId || body.district.registerId !== district.registerId) throw new AppError('BAD_SIGNED_FILE', '(the receipt is for another station)');
  const log = new ExportLog(register.db.sqlite);
  if (!log.hasReceipt(body.receiptId)) {
    const at = register.clock().toISOString();
    const keep = register.db.sqlite.prepare('INSERT OR IGNORE INTO district_messages (id, case_id, kind, body, at, receipt_id) VALUES (?, ?, ?, ?, ?, ?)');
    register.db.sqlite.transaction(() => {
      for (const note of body.notes) keep.run(note.id, note.caseId, note.kind, note.text, note.at, body.receiptId);
      for (const match of body.matches) keep.run(match.id, match.caseId, 'match', JSON.stringify({ otherStation: match.otherStation, otherCaseNumber: match.otherCaseNumber }), match.at, body.receiptId);
      log.recordReceipt({ receiptId: body.receiptId, ackSeq: body.throughSequence, ackManifestHash: body.throughManifestSha256 ?? '', issuedAt: body.issuedAt, importedAt: at, details: JSON.stringify({ ...body, notes: body.notes.length, matches: body.matches.length }) });
      register.audit.append({ action: 'receipt.import', actorId: session.user.id, details: { through: body.throughSequence, gaps: body.gaps.length }, at });
    })();
  }
  return { throughSequence: body.throughSequence, gaps: body.gaps, quarantined: body.quarantined, notes: body.notes.length, matches: body.matches.length };
}

/** Confirmed missing/found pairs touching this station's cases, each from this station's side. */
function confirmedMatchesFor(session: Session, stationCode: string): ReceiptBody['matches'] {
  const rows = session.register.db.sqlite
    .prepare(
      `SELECT d.missing_case_id AS missingId, d.found_case_id AS foundId, d.decided_at AS at,
              m.station_code AS missingStation, m.case_number AS missingNumber, f.station_code AS foundStation, f.case_number AS foundNumber
       FROM match_decisions d JOIN cases m ON m.id = d.missing_case_id JOIN cases f ON f.id = d.found_case_id
       WHERE d.decision = 'confirmed' AND (m.station_code = ? OR f.station_code = ?)`,
    )
    .all(stationCode, stationCode) as Array<{ missingId: string; foundId: string; at: string; missingStation: string; missingNumber: string; foundStation: string; foundNumber: string }>;
  return rows.flatMap((r) => [
    ...(r.missingStation === stationCode ? [{ id: `${r.missingId}:${r.foundId}:m`, caseId: r.missingId, otherStation: r.foundStation, otherCaseNumber: r.foundNumber, at: r.at }] : []),
    ...(r.foundStation === stationCode ? [{ id: `${r.missingId}:${r.foundId}:f`, caseId: r.foundId, otherStation: r.missingStation, otherCaseNumber: r.missingNumber, at: r.at }] : []),
  ]);
}

// ---------------------------------------------------------------------------------------------- rotation and revocation

/** `childdesk station rotate-key`: a new signing key, announced by a statement both keys sign. */
export async function rotateStationKey(session: Session, outPath: string): Promise<{ fingerprint: string; keyId: string }> {
  requireKind(session, 'station');
  requirePermission(session, 'keys.manage');
  const { register } = session;
  const { previous, next } = register.keys.rotateSigningKey(session.user.id);
  const body: RotationBody = {
    format: 'childdesk-key-rotation/1',
    stationCode: register.info.stationCode!,
    registerId: register.info.registerId,
    at: register.clock().toISOString(),
    previous: { keyId: previous.keyId, publicKey: b64(previous.publicKey) },
    next: { keyId: next.keyId, publicKey: b64(next.publicKey) },
    fromSequence: (new ExportLog(register.db.sqlite).last()?.seq ?? 0) + 1,
  };
  await writeNewFile(outPath, signBody(session, new TextEncoder().encode(JSON.stringify(body)), [previous, next]));
  return { fingerprint: fingerprint(next.publicKey), keyId: next.keyId };
}

/** `childdesk district accept-rotation`: the old key must be the station's active key and sign the statement. */
export async function acceptRotation(session: Session, path: string): Promise<{ stationCode: string; fingerprint: string; alreadyAccepted: boolean }> {
  requireKind(session, 'district');
  requirePermission(session, 'keys.manage');
  const { register } = session;
  const signed = openSigned(await readJsonFile(path), path);
  const body = parseBody(rotationBodySchema, signed.body, path);
  const peers = new PeerKeys(register.db.sqlite);
  const old = peers.byKeyId('station', body.previous.keyId);
  const bySigner = (keyId: string, key: string) => signed.signatures.some((s) => s.keyId === keyId && verifies(s.signature, signed.body, unb64(key)));
  const result = { stationCode: body.stationCode, fingerprint: fingerprint(unb64(body.next.publicKey)) };
  // The same statement a second time: it was accepted before, nothing changes.
  const next = peers.byKeyId('station', body.next.keyId);
  if (
    old?.status === 'rotated' &&
    old.peerCode === body.stationCode &&
    old.signingPublicKey === body.previous.publicKey &&
    next?.peerCode === body.stationCode &&
    next.signingPublicKey === body.next.publicKey &&
    bySigner(body.previous.keyId, body.previous.publicKey) &&
    bySigner(body.next.keyId, body.next.publicKey)
  ) {
    return { ...result, alreadyAccepted: true };
  }
  if (!old || old.peerCode !== body.stationCode || old.status !== 'active' || old.signingPublicKey !== body.previous.publicKey) throw new AppError('BAD_SIGNED_FILE', '(the old key is not this station’s active key)');
  if (!bySigner(body.previous.keyId, body.previous.publicKey) || !bySigner(body.next.keyId, body.next.publicKey)) throw new AppError('BAD_SIGNED_FILE', basename(path));
  const at = register.clock().toISOString();
  register.db.sqlite.transaction(() => {
    peers.setStatus(old.id, 'rotated', body.fromSequence - 1, at);
    peers.add({ id: newRecordId(), peerKind: 'station', peerCode: body.stationCode, peerName: old.peerName, registerId: old.registerId, signingKeyId: body.next.keyId, signingPublicKey: body.next.publicKey, recipient: null, status: 'active', lastTrustedSeq: null, addedAt: at, changedAt: null });
    register.audit.append({ action: 'key.rotate', actorId: session.user.id, details: { station: body.stationCode, from: body.previous.keyId, to: body.next.keyId }, at });
  })();
  return { ...result, alreadyAccepted: false };
}

/** `childdesk district revoke`: a stolen PC's key; its bundles above `lastTrustedSeq` are quarantined. */
export function revokeStationKey(session: Session, stationCode: string, lastTrustedSeq: number): { revokedKeys: string[] } {
  requireKind(session, 'district');
  requirePermission(session, 'keys.manage');
  const { register } = session;
  const peers = new PeerKeys(register.db.sqlite);
  const keys = peers.stationKeys(stationCode).filter((k) => k.status === 'active');
  if (keys.length === 0) throw new AppError('NOT_FOUND', `(no active key for station ${stationCode})`);
  const at = register.clock().toISOString();
  register.db.sqlite.transaction(() => {
    for (const key of keys) peers.setStatus(key.id, 'revoked', lastTrustedSeq, at);
    register.audit.append({ action: 'peer.revoke', actorId: session.user.id, details: { station: stationCode, lastTrustedSeq }, at });
  })();
  return { revokedKeys: keys.map((k) => k.signingKeyId) };
}

// ---------------------------------------------------------------------------------------------- status

/** What the in-charge needs to see before exporting: keys, last bundle, last receipt. */
export function stationBundleStatus(session: Session): BundleStatus {
  requireKind(session, 'station');
  requirePermission(session, 'bundle.export');
  const { register } = session;
  const key = register.keys.signingKey(session.user.id);
  const district = new PeerKeys(register.db.sqlite).pinnedDistrict();
  const log = new ExportLog(register.db.sqlite);
  const last = log.last();
  const receipt = log.latestReceipt();
  return {
    stationKey: { keyId: key.keyId, fingerprint: fingerprint(key.publicKey) },
    district: district?.recipient ? { name: district.peerCode, fingerprint: fingerprint(new TextEncoder().encode(district.recipient), unb64(district.signingPublicKey)) } : null,
    lastExport: last ? { sequence: last.seq, createdAt: last.createdAt, cases: last.caseCount } : null,
    lastReceipt: receipt ? { throughSequence: receipt.ackSeq, issuedAt: receipt.issuedAt, importedAt: receipt.importedAt } : null,
  };
}
