import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEncryptor, decryptBytes } from '../../src/bundle/age.js';
import { collect, packBundleArchive, readBundleArchive, type BundleEntryName } from '../../src/bundle/archive.js';
import { writeBundle } from '../../src/bundle/bundle-file.js';
import { chunksOf, collectBytes } from '../../src/bundle/crypto-util.js';
import { BUNDLE_FORMAT, type Manifest } from '../../src/bundle/format.js';
import { bundleOutcomes, type BundleOutcomeCode } from '../../src/core/bundle-outcomes.js';
import { AppError } from '../../src/core/errors.js';
import { createCase, listCases, updateCase } from '../../src/services/cases.js';
import { RULE_PACK_VERSION } from '../../src/core/checklist/rules.js';
import { caseChecklist, completeStep } from '../../src/services/checklist.js';
import { stationStatusBoard } from '../../src/services/district.js';
import {
  acceptRotation,
  exportBundle,
  importBundles,
  importReceipt,
  pinDistrict,
  revokeStationKey,
  rotateStationKey,
  writeReceipt,
} from '../../src/services/bundles.js';
import type { Session } from '../../src/services/session.js';
import { addCases, contentHash, exchangeKeys, newDistrict, newStationNamed, loginAt, stationAndDistrict } from '../support/bundles.js';
import { fabricateBundle, fabricateStation } from '../support/fabricate-bundles.js';
import { juvenileCase, tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
let station: Session;
let district: Session;
const open: Session[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ({ station, district } = await stationAndDistrict(dir));
  open.push(station, district);
});
afterEach(() => {
  for (const session of open.splice(0)) session.register.close();
  cleanup();
});

const bundlePath = (name: string) => join(dir, `${name}.chd`);

async function exportTo(session: Session, name: string): Promise<string> {
  const path = bundlePath(name);
  await exportBundle(session, path);
  return path;
}

async function importOne(path: string, into: Session = district) {
  const [report] = await importBundles(into, [path]);
  return report!;
}

/** Decrypts a bundle with the district's identity and hands back its three entries. */
async function unpack(path: string): Promise<Record<BundleEntryName, Buffer>> {
  const identity = district.register.keys.agreementIdentity()!.identity;
  const tarBytes = await decryptBytes([identity], readFileSync(path));
  const entries = {} as Record<BundleEntryName, Buffer>;
  for await (const entry of readBundleArchive(chunksOf(tarBytes))) entries[entry.name] = await collect(entry.stream, 1 << 30);
  return entries;
}

/** Packs entries and encrypts them to the district under a fresh header. */
async function repack(entries: Record<BundleEntryName, Uint8Array>, name: string, encryptor = createEncryptor([district.register.keys.agreementIdentity()!.recipient])): Promise<string> {
  const tarBytes = await collectBytes(packBundleArchive(entries));
  const path = bundlePath(name);
  writeFileSync(path, await collectBytes(encryptor.stream(tarBytes)));
  return path;
}

function expectUnchangedBy(before: string) {
  expect(contentHash(district.register.db.sqlite)).toBe(before);
}

describe('bundles: station export and district import', () => {
  it('ok: imports new cases with JJSA s.13 identity protection, and audits the import', async () => {
    const ids = addCases(station, 3);
    completeStep(station, { caseId: ids[0], ruleId: 'A2', evidence: { informedPerson: 'Muhammad Ali', method: 'phone', informedAt: '2026-11-20T19:30:00Z' } });
    const report = await importOne(await exportTo(station, 'b1'));
    expect(report).toMatchObject({ outcome: 'applied', code: 'ok', stationCode: 'QTA01', sequence: 1, casesAdded: 3, casesUpdated: 0, stale: 0, gaps: [] });
    const row = district.register.db.sqlite.prepare('SELECT data, revision FROM cases WHERE id = ?').get(ids[0]) as { data: string; revision: number };
    // Revision 2: completing A2 is a change to the case (see "a checklist step completed after the export").
    expect(row.revision).toBe(2);
    // A juvenile accused's name, father's name and guardian's phone never leave the station.
    expect(row.data).not.toContain('Zainab');
    expect(row.data).not.toContain('0300-1234567');
    expect(row.data).not.toContain('Muhammad Ali');
    // Checklist steps travel with when and the evidence picked from fixed lists, never typed text.
    expect(JSON.parse(row.data)).toMatchObject({ category: 'in_conflict', child: { gender: 'female', claimedAge: 15 }, completions: [{ ruleId: 'A2', choices: { method: 'phone' } }] });
    expect(district.register.audit.recent(5).map((r) => r.action)).toContain('bundle.import');
  });

  it('the manifest names the app version from package.json (not a copy of it in the code)', async () => {
    addCases(station, 1);
    const manifest = JSON.parse((await unpack(await exportTo(station, 'version')))['manifest.json'].toString('utf8')) as Manifest;
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(manifest.app.version).toBe(version);
  });

  it('duplicate: the same bundle twice changes nothing and says when it was first imported', async () => {
    addCases(station, 2);
    const path = await exportTo(station, 'b1');
    await importOne(path);
    const before = contentHash(district.register.db.sqlite);
    const again = await importOne(path);
    expect(again).toMatchObject({ outcome: 'skipped', code: 'duplicate', casesAdded: 0 });
    expect(again.importedAt).toBeTruthy();
    expectUnchangedBy(before);
  });

  it('stale and updated: a re-sent bundle skips records the district already holds, and a newer revision wins', async () => {
    const [first] = addCases(station, 2);
    await importOne(await exportTo(station, 'b1'));
    updateCase(station, first!, { notes: 'guardian came' });
    const report = await importOne(await exportTo(station, 'b2'));
    // No receipt yet, so bundle 2 re-sends both cases: one newer (updated), one the same revision (stale).
    expect(report).toMatchObject({ outcome: 'applied', code: 'stale', casesUpdated: 1, stale: 1, casesAdded: 0 });
    expect(district.register.db.sqlite.prepare('SELECT revision FROM cases WHERE id = ?').pluck().get(first)).toBe(2);
  });

  it('the district search index follows an imported case, and a newer revision that renames the child', async () => {
    const { id } = createCase(station, juvenileCase({ category: 'missing', child: { name: 'Zainab Bibi', gender: 'female' }, custody: undefined, offence: undefined }));
    await importOne(await exportTo(station, 'b1'));
    const found = (search: string) => listCases(district, { search }).map((c) => c.id);
    expect(found('zainab')).toEqual([id]);
    updateCase(station, id, { child: { name: 'Zaynab Bibi' } });
    await importOne(await exportTo(station, 'b2'));
    expect(found('zainab')).toEqual([]);
    expect(found('zaynab')).toEqual([id]);
    // FTS5's own check: every index entry matches the text in the case row.
    expect(() => district.register.db.sqlite.exec("INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
  });

  it('gap: a later bundle applies and records the missing range; the late one fills it', async () => {
    addCases(station, 1);
    const b1 = await exportTo(station, 'b1');
    addCases(station, 1, 10);
    const b2 = await exportTo(station, 'b2');
    addCases(station, 1, 20);
    const b3 = await exportTo(station, 'b3');
    expect(await importOne(b1)).toMatchObject({ code: 'ok' });
    expect(await importOne(b3)).toMatchObject({ outcome: 'applied', code: 'gap', gaps: [{ from: 2, to: 2 }] });
    expect(await importOne(b2)).toMatchObject({ outcome: 'applied', gaps: [] });
  });

  it('not-a-bundle: any other file is refused without touching the register', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'not a bundle at all');
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(path)).toMatchObject({ outcome: 'rejected', code: 'not-a-bundle' });
    expect(await importOne(join(dir, 'missing.chd'))).toMatchObject({ outcome: 'rejected', code: 'not-a-bundle' });
    expectUnchangedBy(before);
  });

  it('not-for-us: a bundle encrypted to another district', async () => {
    const other = await newDistrict(dir, 'Pishin');
    open.push(other);
    const otherStation = await newStationNamed(dir, 'PSN01');
    open.push(otherStation);
    await exchangeKeys(dir, otherStation, other);
    addCases(otherStation, 1);
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(await exportTo(otherStation, 'pishin'))).toMatchObject({ outcome: 'rejected', code: 'not-for-us' });
    expectUnchangedBy(before);
  });

  it('damaged: a copy cut short or with a changed byte', async () => {
    addCases(station, 5);
    const path = await exportTo(station, 'b1');
    const bytes = readFileSync(path);
    const before = contentHash(district.register.db.sqlite);
    writeFileSync(bundlePath('short'), bytes.subarray(0, bytes.length - 100));
    expect(await importOne(bundlePath('short'))).toMatchObject({ outcome: 'rejected', code: 'damaged' });
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40]! ^= 0x01;
    writeFileSync(bundlePath('flipped'), flipped);
    expect(await importOne(bundlePath('flipped'))).toMatchObject({ outcome: 'rejected', code: 'damaged' });
    expectUnchangedBy(before);
  });

  it('damaged: a copy of a bundle larger than one 64 KiB chunk, cut short or altered past the first chunk, is refused and the next file still imports', async () => {
    const large = await fabricateStation(dir, district, 'QTA07');
    const good = bundlePath('large');
    await fabricateBundle(good, district, large, 3000, 11);
    const bytes = readFileSync(good);
    expect(bytes.length).toBeGreaterThan(4 * 64 * 1024);
    writeFileSync(bundlePath('large-short'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const flipped = Buffer.from(bytes);
    flipped[64 * 1024 * 3 + 77]! ^= 0x20;
    writeFileSync(bundlePath('large-flipped'), flipped);
    const before = contentHash(district.register.db.sqlite);
    const refused = await importBundles(district, [bundlePath('large-short'), bundlePath('large-flipped')]);
    expect(refused).toMatchObject([
      { outcome: 'rejected', code: 'damaged', stationCode: 'QTA07' },
      { outcome: 'rejected', code: 'damaged', stationCode: 'QTA07' },
    ]);
    expectUnchangedBy(before);
    // On one command line with a good bundle after them: the good one is still imported.
    const reports = await importBundles(district, [bundlePath('large-short'), bundlePath('large-flipped'), good]);
    expect(reports.map((r) => r.code)).toEqual(['damaged', 'damaged', 'ok']);
    expect(reports[2]).toMatchObject({ outcome: 'applied', casesAdded: 3000 });
  });

  it('damaged: an altered copy of a bundle already imported is not reported as a duplicate', async () => {
    const large = await fabricateStation(dir, district, 'QTA07');
    const good = bundlePath('large');
    await fabricateBundle(good, district, large, 3000, 12);
    expect(await importOne(good)).toMatchObject({ code: 'ok', casesAdded: 3000 });
    const bytes = readFileSync(good);
    const flipped = Buffer.from(bytes);
    flipped[64 * 1024 * 2 + 5]! ^= 0x01;
    writeFileSync(bundlePath('large-flipped'), flipped);
    writeFileSync(bundlePath('large-short'), bytes.subarray(0, bytes.length - 1000));
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(bundlePath('large-flipped'))).toMatchObject({ outcome: 'rejected', code: 'damaged', stationCode: 'QTA07', sequence: 1 });
    expect(await importOne(bundlePath('large-short'))).toMatchObject({ outcome: 'rejected', code: 'damaged' });
    // The intact file is still the duplicate it is.
    expect(await importOne(good)).toMatchObject({ outcome: 'skipped', code: 'duplicate' });
    expectUnchangedBy(before);
  });

  it('unknown-station: a station the district never enrolled', async () => {
    const stranger = await newStationNamed(dir, 'QTA99');
    open.push(stranger);
    // It pinned the district's key (public) but the district never enrolled its key.
    await pinDistrict(stranger, join(dir, 'district-Quetta.pub'));
    addCases(stranger, 1);
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(await exportTo(stranger, 'stranger'))).toMatchObject({ outcome: 'rejected', code: 'unknown-station' });
    expectUnchangedBy(before);
  });

  it('bad-signature: a manifest changed after signing (even re-bound to a new outer header)', async () => {
    addCases(station, 1);
    const entries = await unpack(await exportTo(station, 'b1'));
    const encryptor = createEncryptor([district.register.keys.agreementIdentity()!.recipient]);
    const manifest = JSON.parse(entries['manifest.json'].toString()) as Manifest;
    const forged = Buffer.from(JSON.stringify({ ...manifest, outerHeaderSha256: encryptor.headerSha256, sequence: 2 }, null, 2));
    const path = await repack({ ...entries, 'manifest.json': forged }, 'forged', encryptor);
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(path)).toMatchObject({ outcome: 'rejected', code: 'bad-signature' });
    expectUnchangedBy(before);
  });

  it('rebound: a signed bundle re-encrypted under a new header, or labelled for another district', async () => {
    addCases(station, 1);
    const entries = await unpack(await exportTo(station, 'b1'));
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(await repack(entries, 'reencrypted'))).toMatchObject({ outcome: 'rejected', code: 'rebound' });
    expectUnchangedBy(before);

    // A station tricked into pinning a key file that pairs this district's recipient with another register.
    const file = JSON.parse(readFileSync(join(dir, 'district-Quetta.pub'), 'utf8')) as Record<string, unknown>;
    const mislabelled = join(dir, 'mislabelled.pub');
    writeFileSync(mislabelled, JSON.stringify({ ...file, registerId: '0190f0c0-0000-7000-8000-000000000001' }));
    const other = await newStationNamed(dir, 'QTA02');
    open.push(other);
    await exchangeKeys(dir, other, district);
    await pinDistrict(other, mislabelled);
    addCases(other, 1);
    const afterEnrolment = contentHash(district.register.db.sqlite);
    expect(await importOne(await exportTo(other, 'mislabelled'))).toMatchObject({ outcome: 'rejected', code: 'rebound' });
    expectUnchangedBy(afterEnrolment);
  });

  it('payload-mismatch: a change file that is not the one the manifest describes', async () => {
    addCases(station, 2);
    const real = await exportTo(station, 'b1');
    const manifest = JSON.parse((await unpack(real))['manifest.json'].toString()) as Manifest;
    const signer = station.register.keys.signingKey();
    const lying = bundlePath('lying');
    await writeBundle({
      path: lying,
      recipient: district.register.keys.agreementIdentity()!.recipient,
      signer,
      lines: [],
      manifest: ({ outerHeaderSha256, changes }) => ({ ...manifest, bundleId: crypto.randomUUID(), outerHeaderSha256, files: { 'changes.ndjson.gz': changes }, changes: { ...manifest.changes, cases: 2 } }),
    });
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(lying)).toMatchObject({ outcome: 'rejected', code: 'payload-mismatch' });
    expectUnchangedBy(before);
  });

  it('revoked-key: bundles after the last trusted sequence are quarantined', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    addCases(station, 1, 5);
    const b2 = await exportTo(station, 'b2');
    revokeStationKey(district, 'QTA01', 1);
    const casesBefore = district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get();
    expect(await importOne(b2)).toMatchObject({ outcome: 'quarantined', code: 'revoked-key' });
    expect(district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(casesBefore);
    expect(district.register.db.sqlite.prepare("SELECT outcome FROM imported_bundles WHERE seq = 2").pluck().get()).toBe('revoked-key');
  });

  it('quarantine: a resend says it is held, and a held-back number is not "missing" on the board or in the receipt', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    addCases(station, 1, 5);
    const b2 = await exportTo(station, 'b2');
    revokeStationKey(district, 'QTA01', 1);
    expect(await importOne(b2)).toMatchObject({ outcome: 'quarantined', code: 'revoked-key' });
    const before = contentHash(district.register.db.sqlite);
    const again = await importOne(b2);
    expect(again).toMatchObject({ outcome: 'quarantined', code: 'revoked-key', sequence: 2 });
    expect(again.message).toMatch(/already held in quarantine/);
    expect(again.messageUr).toContain('قرنطینہ');
    expectUnchangedBy(before);

    // The station gets a new key, enrolled in person; its next bundle re-sends everything since its last receipt.
    await rotateStationKey(station, join(dir, 'rotation.json'));
    await exchangeKeys(dir, station, district);
    expect(await importOne(await exportTo(station, 'b3'))).toMatchObject({ outcome: 'applied', sequence: 3, casesAdded: 1 });
    const [board] = stationStatusBoard(district);
    expect(board).toMatchObject({ gaps: [], quarantined: [{ sequence: 2, code: 'revoked-key' }] });
    expect(board!.advice.map((a) => a.code)).not.toContain('gap');
    const receipt = await writeReceipt(district, 'QTA01', join(dir, 'receipt.json'));
    expect(receipt).toMatchObject({ throughSequence: 3, gaps: [], quarantined: [{ sequence: 2, code: 'revoked-key' }] });
    expect(await importReceipt(station, join(dir, 'receipt.json'))).toMatchObject({ throughSequence: 3, gaps: [] });
    // So the station stops re-sending: the next bundle carries only what changed after bundle 3.
    addCases(station, 1, 20);
    expect(await exportBundle(station, bundlePath('b4'))).toMatchObject({ sequence: 4, cases: 1 });
  });

  it('quarantine: a number that truly never arrived is still missing beside one held back', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    const b2 = await exportTo(station, 'b2');
    revokeStationKey(district, 'QTA01', 1);
    await importOne(b2);
    await rotateStationKey(station, join(dir, 'rotation.json'));
    await exchangeKeys(dir, station, district);
    await exportTo(station, 'b3-lost');
    expect(await importOne(await exportTo(station, 'b4'))).toMatchObject({ code: 'gap', gaps: [{ from: 3, to: 3 }] });
    expect(stationStatusBoard(district)[0]).toMatchObject({ gaps: [{ from: 3, to: 3 }] });
    expect(await writeReceipt(district, 'QTA01', join(dir, 'receipt.json'))).toMatchObject({ throughSequence: 1, gaps: [{ from: 3, to: 3 }], quarantined: [{ sequence: 2 }] });
    expect(await importOne(bundlePath('b3-lost'))).toMatchObject({ outcome: 'applied', gaps: [] });
    expect(await writeReceipt(district, 'QTA01', join(dir, 'receipt2.json'))).toMatchObject({ throughSequence: 4, gaps: [] });
  });

  it('fork: a station restored from a backup exports a different bundle under a number already used', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    // The backup: a copy of the register after bundle 1.
    station.register.close();
    open.splice(open.indexOf(station), 1);
    const backup = join(dir, 'backup.db');
    copyFileSync(join(dir, 'station-QTA01.db'), backup);
    copyFileSync(join(dir, 'station-QTA01.db.keys.json'), `${backup}.keys.json`);
    station = await loginAt(join(dir, 'station-QTA01.db'));
    open.push(station);
    addCases(station, 1, 10);
    expect(await importOne(await exportTo(station, 'b2'))).toMatchObject({ outcome: 'applied', sequence: 2 });

    const restored = await loginAt(backup);
    open.push(restored);
    createCase(restored, juvenileCase());
    const casesBefore = district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get();
    expect(await importOne(await exportTo(restored, 'b2-fork'))).toMatchObject({ outcome: 'quarantined', code: 'fork', sequence: 2 });
    expect(district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(casesBefore);
  });

  it('implausible-jump: a sequence number far beyond the last one', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    station.register.db.sqlite
      .prepare("INSERT INTO exports_log (seq, bundle_id, created_at, created_by, from_audit_seq, to_audit_seq, case_count, manifest_hash, prev_manifest_hash) VALUES (900, 'x', 'x', 'x', 0, 0, 0, ?, '')")
      .run('0'.repeat(64));
    const before = contentHash(district.register.db.sqlite);
    expect(await importOne(await exportTo(station, 'far'))).toMatchObject({ outcome: 'rejected', code: 'implausible-jump', sequence: 901 });
    expectUnchangedBy(before);
  });

  it('every outcome code has a test above', () => {
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    for (const code of Object.keys(bundleOutcomes) as BundleOutcomeCode[]) expect(source).toContain(`code: '${code}'`);
  });
});

describe('checklist steps after an export', () => {
  it('a checklist step completed after the export reaches the district in the next bundle', async () => {
    const ids = addCases(station, 2);
    await importOne(await exportTo(station, 'b1'));
    await writeReceipt(district, 'QTA01', join(dir, 'receipt.json'));
    await importReceipt(station, join(dir, 'receipt.json'));
    completeStep(station, { caseId: ids[1], ruleId: 'A2', evidence: { informedPerson: 'Muhammad Ali', method: 'phone', informedAt: '2026-11-20T19:30:00Z' } });
    const report = await importOne(await exportTo(station, 'b2'));
    expect(report).toMatchObject({ outcome: 'applied', code: 'ok', casesAdded: 0, casesUpdated: 1, stale: 0 });
    const row = district.register.db.sqlite.prepare('SELECT data, revision FROM cases WHERE id = ?').get(ids[1]) as { data: string; revision: number };
    expect(row.revision).toBe(2);
    expect(JSON.parse(row.data).completions).toMatchObject([{ ruleId: 'A2', choices: { method: 'phone' } }]);
    expect(row.data).not.toContain('Muhammad Ali');
    expect(caseChecklist(district, ids[1]!).obligations.find((o) => o.ruleId === 'A2')).toMatchObject({ state: 'done' });
  });
});

describe('manifest', () => {
  it('names the rule pack the station evaluated its checklists with', async () => {
    addCases(station, 1);
    const manifest = JSON.parse((await unpack(await exportTo(station, 'b1')))['manifest.json'].toString()) as Manifest;
    expect(manifest.rulePackVersion).toBe(RULE_PACK_VERSION);
  });
});

describe('receipts', () => {
  it('tell the station what the district holds; export then starts after the acknowledged bundle', async () => {
    addCases(station, 2);
    await importOne(await exportTo(station, 'b1'));
    const receipt = join(dir, 'receipt.json');
    await writeReceipt(district, 'QTA01', receipt);
    expect(await importReceipt(station, receipt)).toMatchObject({ throughSequence: 1, gaps: [] });
    addCases(station, 1, 10);
    const b2 = await exportBundle(station, bundlePath('b2'));
    expect(b2).toMatchObject({ sequence: 2, cases: 1 });
  });

  it('a station restored from an older backup refuses to export below what the district acknowledged', async () => {
    addCases(station, 1);
    station.register.close();
    open.splice(open.indexOf(station), 1);
    const backup = join(dir, 'backup.db');
    copyFileSync(join(dir, 'station-QTA01.db'), backup);
    copyFileSync(join(dir, 'station-QTA01.db.keys.json'), `${backup}.keys.json`);
    station = await loginAt(join(dir, 'station-QTA01.db'));
    open.push(station);
    await importOne(await exportTo(station, 'b1'));
    const receipt = join(dir, 'receipt.json');
    await writeReceipt(district, 'QTA01', receipt);

    const restored = await loginAt(backup);
    open.push(restored);
    await importReceipt(restored, receipt);
    const error = await exportBundle(restored, bundlePath('refused')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('RESTORED_FROM_BACKUP');
    expect((error as AppError).message).toContain('restored from an older backup');
  });

  it('a receipt altered after signing is refused', async () => {
    await importOne(await exportTo(station, 'b1'));
    const receipt = join(dir, 'receipt.json');
    await writeReceipt(district, 'QTA01', receipt);
    const signed = JSON.parse(readFileSync(receipt, 'utf8')) as { body: string };
    const body = JSON.parse(Buffer.from(signed.body, 'base64').toString()) as Record<string, unknown>;
    writeFileSync(receipt, JSON.stringify({ ...signed, body: Buffer.from(JSON.stringify({ ...body, throughSequence: 99 })).toString('base64') }));
    await expect(importReceipt(station, receipt)).rejects.toMatchObject({ code: 'BAD_SIGNED_FILE' });
  });
});

describe('key rotation', () => {
  it('a statement signed by old and new keys moves the district to the new key; old-key bundles after it are held back', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    const oldKeyBundle = await exportTo(station, 'b2-old-key');
    // A copy of the register that still holds the old key (a cloned PC, a backup restored elsewhere).
    station.register.close();
    open.splice(open.indexOf(station), 1);
    const copy = join(dir, 'copy.db');
    copyFileSync(join(dir, 'station-QTA01.db'), copy);
    copyFileSync(join(dir, 'station-QTA01.db.keys.json'), `${copy}.keys.json`);
    station = await loginAt(join(dir, 'station-QTA01.db'));
    open.push(station);
    const statement = join(dir, 'rotation.json');
    await rotateStationKey(station, statement);
    expect(await acceptRotation(district, statement)).toMatchObject({ stationCode: 'QTA01', alreadyAccepted: false });
    addCases(station, 1, 10);
    // Bundle 2 was made with the old key before the rotation; the statement says new bundles start at 3.
    expect(await importOne(oldKeyBundle)).toMatchObject({ outcome: 'applied', sequence: 2 });
    expect(await importOne(await exportTo(station, 'b3'))).toMatchObject({ outcome: 'applied', sequence: 3, casesAdded: 1 });
    // The old key signing bundle 3 or later: held back, and nothing of it applied.
    const cloned = await loginAt(copy);
    open.push(cloned);
    createCase(cloned, juvenileCase());
    const casesBefore = district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get();
    expect(await importOne(await exportTo(cloned, 'b3-old-key'))).toMatchObject({ outcome: 'quarantined', code: 'revoked-key', sequence: 3 });
    expect(district.register.db.sqlite.prepare('SELECT COUNT(*) FROM cases').pluck().get()).toBe(casesBefore);
    expect(BUNDLE_FORMAT).toBe('childdesk-bundle/1');
  });

  it('the same statement accepted twice says it was already accepted and changes nothing', async () => {
    const statement = join(dir, 'rotation.json');
    await rotateStationKey(station, statement);
    await acceptRotation(district, statement);
    const before = contentHash(district.register.db.sqlite);
    expect(await acceptRotation(district, statement)).toMatchObject({ stationCode: 'QTA01', alreadyAccepted: true });
    expectUnchangedBy(before);
  });

  it('a bundle signed with the new key before the statement is accepted points to accept-rotation', async () => {
    addCases(station, 1);
    await importOne(await exportTo(station, 'b1'));
    const statement = join(dir, 'rotation.json');
    await rotateStationKey(station, statement);
    addCases(station, 1, 10);
    const b2 = await exportTo(station, 'b2');
    const early = await importOne(b2);
    expect(early).toMatchObject({ outcome: 'rejected', code: 'unknown-station', stationCode: 'QTA01' });
    expect(early.action).toContain('accept-rotation');
    expect(early.message).toMatch(/rotated its key/);
    await acceptRotation(district, statement);
    expect(await importOne(b2)).toMatchObject({ outcome: 'applied', sequence: 2 });
  });

  it('a statement not signed by the current key is refused', async () => {
    const statement = join(dir, 'rotation.json');
    await rotateStationKey(station, statement);
    const signed = JSON.parse(readFileSync(statement, 'utf8')) as { body: string; signatures: unknown[] };
    writeFileSync(statement, JSON.stringify({ ...signed, signatures: signed.signatures.slice(1) }));
    await expect(acceptRotation(district, statement)).rejects.toMatchObject({ code: 'BAD_SIGNED_FILE' });
  });
});
