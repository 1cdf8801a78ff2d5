import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundles, importReceipt, revokeStationKey, writeReceipt } from '../../src/services/bundles.js';
import { addDistrictNote, caseProvenance, districtMessagesFor, districtNotes, stationStatusBoard } from '../../src/services/district.js';
import { createCase } from '../../src/services/cases.js';
import { decideMatch, matchState, matchSuggestions } from '../../src/services/matching.js';
import type { Session } from '../../src/services/session.js';
import { addCases, exchangeKeys, newStationNamed, stationAndDistrict } from '../support/bundles.js';
import { tempDir } from '../support/register.js';

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

async function sendBundle(from: Session, name: string) {
  const path = join(dir, `${name}.chd`);
  await exportBundle(from, path);
  return (await importBundles(district, [path]))[0]!;
}

describe('district notes', () => {
  it('stay apart from the station’s fields and reach the station once, in the next receipt', async () => {
    const [caseId] = addCases(station, 1);
    await sendBundle(station, 'b1');
    const note = addDistrictNote(district, { caseId, kind: 'referral_outcome', text: 'Edhi home confirmed the child is safe' });
    expect(districtNotes(district, caseId!)).toEqual([expect.objectContaining({ id: note.id, sent: false })]);
    const stationData = district.register.db.sqlite.prepare('SELECT data FROM cases WHERE id = ?').pluck().get(caseId) as string;
    expect(stationData).not.toContain('Edhi home');
    // The audit trail records that a note was written, never what it says.
    expect(JSON.stringify(district.register.audit.recent(3))).not.toContain('Edhi home');

    await writeReceipt(district, 'QTA01', join(dir, 'r1.json'));
    expect(await importReceipt(station, join(dir, 'r1.json'))).toMatchObject({ notes: 1 });
    expect(districtMessagesFor(station, caseId!)).toEqual([expect.objectContaining({ kind: 'referral_outcome', text: 'Edhi home confirmed the child is safe' })]);
    expect(districtNotes(district, caseId!)[0]!.sent).toBe(true);
    // A second receipt does not send it again.
    await writeReceipt(district, 'QTA01', join(dir, 'r2.json'));
    expect(await importReceipt(station, join(dir, 'r2.json'))).toMatchObject({ notes: 0 });
    expect(districtMessagesFor(station, caseId!)).toHaveLength(1);
  });

  it('are refused at a station register and for unknown cases', async () => {
    expect(() => addDistrictNote(station, { caseId: 'x', kind: 'follow_up', text: 'x' })).toThrow(/other kind of register/);
    expect(() => addDistrictNote(district, { caseId: 'no-such-case', kind: 'follow_up', text: 'x' })).toThrow(/not found|No such/i);
  });
});

describe('station status board', () => {
  it('shows each station’s last bundle, gaps, quarantine and silence, with what to do', async () => {
    const quiet = await newStationNamed(dir, 'QTA02');
    const gappy = await newStationNamed(dir, 'QTA03');
    const revoked = await newStationNamed(dir, 'QTA04');
    open.push(quiet, gappy, revoked);
    for (const s of [quiet, gappy, revoked]) await exchangeKeys(dir, s, district);
    addCases(station, 2);
    await sendBundle(station, 'ok');
    addCases(gappy, 1);
    await exportBundle(gappy, join(dir, 'lost.chd')); // never arrives
    addCases(gappy, 1, 5);
    await sendBundle(gappy, 'gappy');
    addCases(revoked, 1);
    await sendBundle(revoked, 'r1');
    revokeStationKey(district, 'QTA04', 1);
    addCases(revoked, 1, 9);
    await sendBundle(revoked, 'r2');

    const board = new Map(stationStatusBoard(district).map((s) => [s.stationCode, s]));
    expect(board.get('QTA01')).toMatchObject({ lastBundle: { sequence: 1 }, cases: 2, gaps: [], advice: [] });
    expect(board.get('QTA02')).toMatchObject({ lastBundle: null, advice: [{ code: 'never_reported' }] });
    expect(board.get('QTA03')).toMatchObject({ gaps: [{ from: 1, to: 1 }], advice: [{ code: 'gap' }] });
    expect(board.get('QTA04')!.advice.map((a) => a.code)).toEqual(['revoked', 'quarantined']);

    const later = new Date(Date.parse(board.get('QTA01')!.lastBundle!.importedAt) + 20 * 86_400_000);
    const silent = stationStatusBoard(district, { silentDays: 14 }, later).find((s) => s.stationCode === 'QTA01')!;
    expect(silent).toMatchObject({ daysSilent: 20, advice: [{ code: 'silent' }] });
    expect(stationStatusBoard(district, { silentDays: 30 }, later).find((s) => s.stationCode === 'QTA01')!.advice).toEqual([]);
  });
});

describe('missing and found children across stations', () => {
  it('suggests the missing child for a child found at another station, remembers the decision, and tells both stations', async () => {
    const other = await newStationNamed(dir, 'PSN01');
    open.push(other);
    await exchangeKeys(dir, other, district);
    const missingId = createCase(station, {
      category: 'missing',
      reportedAt: '2026-11-10T09:00:00+05:00',
      child: { name: 'Zainab Bibi', fatherName: 'Muhammad Ali Kakar', gender: 'female', claimedAge: 9, district: 'Quetta' },
      guardian: { name: 'Muhammad Ali Kakar', relation: 'father', phone: '0300-1234567' },
      missing: { lastSeenAt: '2026-11-10T08:00:00+05:00', lastSeenPlace: 'Quetta bus stand' },
    }).id;
    createCase(station, { category: 'missing', reportedAt: '2026-11-10T09:00:00+05:00', child: { name: 'Bilal Ahmed', fatherName: 'Noor Ahmed', gender: 'male', claimedAge: 12 }, missing: { lastSeenAt: '2026-11-09T08:00:00+05:00' } });
    const foundId = createCase(other, {
      category: 'found',
      reportedAt: '2026-11-14T16:00:00+05:00',
      child: { name: 'زینب', fatherName: 'محمد علی', gender: 'female', claimedAge: 10, district: 'Pishin' },
    }).id;
    await sendBundle(station, 'missing');
    await sendBundle(other, 'found');

    const [first] = matchSuggestions(district);
    expect(first!.found).toMatchObject({ caseId: foundId, stationCode: 'PSN01' });
    expect(first!.suggestions[0]).toMatchObject({ caseId: missingId, stationCode: 'QTA01' });
    expect(first!.suggestions[0]!.reasons.map((r) => r.en).join(' ')).not.toMatch(/Zainab|زینب/);

    decideMatch(district, { missingCaseId: missingId, foundCaseId: foundId, decision: 'confirmed', score: first!.suggestions[0]!.score });
    expect(matchSuggestions(district).flatMap((f) => f.suggestions).map((s) => s.caseId)).not.toContain(missingId);
    expect(() => decideMatch(district, { missingCaseId: missingId, foundCaseId: foundId, decision: 'rejected' })).toThrow(/already decided/);

    for (const [session, code, own, otherNumber] of [[station, 'QTA01', missingId, 'PSN01-'], [other, 'PSN01', foundId, 'QTA01-']] as const) {
      await writeReceipt(district, code, join(dir, `${code}-receipt.json`));
      expect(await importReceipt(session, join(dir, `${code}-receipt.json`))).toMatchObject({ matches: 1 });
      expect(districtMessagesFor(session, own)).toEqual([expect.objectContaining({ kind: 'match', otherCaseNumber: expect.stringContaining(otherNumber) })]);
    }
  });

  it('suggests neither child of a confirmed pair for anyone else, and keeps its index up to date across imports', async () => {
    const other = await newStationNamed(dir, 'PSN01');
    open.push(other);
    await exchangeKeys(dir, other, district);
    const child = { name: 'Zainab Bibi', fatherName: 'Muhammad Ali Kakar', gender: 'female', claimedAge: 9, district: 'Quetta' } as const;
    const missingId = createCase(station, { category: 'missing', reportedAt: '2026-11-10T09:00:00+05:00', child, missing: { lastSeenAt: '2026-11-10T08:00:00+05:00', lastSeenPlace: 'Quetta bus stand' } }).id;
    const foundId = createCase(other, { category: 'found', reportedAt: '2026-11-14T16:00:00+05:00', child: { ...child, district: 'Pishin' } }).id;
    await sendBundle(station, 'missing');
    await sendBundle(other, 'found');
    expect(matchSuggestions(district).map((f) => f.found.caseId)).toEqual([foundId]);
    const state = matchState(district);

    // A second found child who looks just as much like her comes in with a later bundle: taken into the same index.
    const againId = createCase(other, { category: 'at_risk', reportedAt: '2026-11-15T10:00:00+05:00', child: { ...child, claimedAge: 10, district: 'Pishin' } }).id;
    await sendBundle(other, 'again');
    const both = matchSuggestions(district);
    expect(matchState(district)).toBe(state);
    expect(both.map((f) => f.found.caseId).sort()).toEqual([foundId, againId].sort());
    expect(both.every((f) => f.suggestions[0]!.caseId === missingId)).toBe(true);

    decideMatch(district, { missingCaseId: missingId, foundCaseId: foundId, decision: 'confirmed' });
    // She is found: not suggested for the other child, and the confirmed found child gets no suggestions either.
    expect(matchSuggestions(district)).toEqual([]);
    expect(matchSuggestions(district, { foundCaseId: againId })).toEqual([]);
  });
});

describe('provenance of a district case', () => {
  it('names the bundle sequence the current revision came in and when it was imported', async () => {
    const created = createCase(station, { category: 'missing', reportedAt: '2026-11-10T09:00:00+05:00', child: { name: 'Bilal Ahmed', gender: 'male', claimedAge: 12 } });
    const first = await sendBundle(station, 'one');
    expect(caseProvenance(district, created.caseNumber)).toEqual({ stationCode: 'QTA01', bundleId: expect.any(String), sequence: 1, importedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(first).toBeTruthy();
    expect(() => caseProvenance(district, 'QTA01-2026-9999')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
