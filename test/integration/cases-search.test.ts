import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { createCase, createCases, listCases, showCase, updateCase } from '../../src/services/cases.js';
import type { Session } from '../../src/services/session.js';
import { juvenileCase, newStation, tempDir } from '../support/register.js';

let dir: string;
let cleanup: () => void;
let session: Session;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ({ session } = await newStation(dir));
});
afterEach(() => {
  session.register.close();
  cleanup();
});

const names = (query: object) => listCases(session, query).map((r) => r.childName);

describe('cases', () => {
  it('numbers cases STATION-YYYY-NNNN per Pakistan calendar year', () => {
    const a = createCase(session, juvenileCase());
    const b = createCase(session, juvenileCase());
    const nextYear = createCase(session, juvenileCase({ reportedAt: '2027-01-01T00:10:00+05:00' }));
    expect([a.caseNumber, b.caseNumber, nextYear.caseNumber]).toEqual(['QTA01-2026-0001', 'QTA01-2026-0002', 'QTA01-2027-0001']);
  });

  it('numbers a batch that spans two years in the order given, and carries on after it', () => {
    const nextYear = '2027-01-01T00:10:00+05:00';
    const batch = createCases(session, [juvenileCase(), juvenileCase({ reportedAt: nextYear }), juvenileCase()]);
    expect(batch.map((c) => c.caseNumber)).toEqual(['QTA01-2026-0001', 'QTA01-2027-0001', 'QTA01-2026-0002']);
    expect([createCase(session, juvenileCase()).caseNumber, createCase(session, juvenileCase({ reportedAt: nextYear })).caseNumber]).toEqual(['QTA01-2026-0003', 'QTA01-2027-0002']);
  });

  it('raises the revision on every change and keeps the case whole', () => {
    const { id } = createCase(session, juvenileCase());
    const updated = updateCase(session, id, { guardian: { phone: '0333-7654321' }, referrals: [{ to: 'legal_aid', referredAt: '2026-11-21T09:00:00+05:00' }] });
    expect(updated.revision).toBe(2);
    expect(updated.guardian).toEqual({ name: 'Muhammad Ali', relation: 'father', phone: '0333-7654321' });
    expect(updated.referrals).toHaveLength(1);
    expect(updateCase(session, id, { guardian: { phone: '0333-7654321' } }).revision).toBe(2);
    expect(updateCase(session, id, { notes: 'seen by probation officer' }).revision).toBe(3);
  });

  it('refuses a change on an outdated copy', () => {
    const { id } = createCase(session, juvenileCase());
    updateCase(session, id, { notes: 'first' });
    expect(() => updateCase(session, id, { notes: 'second' }, 1)).toThrow(expect.objectContaining({ code: 'STALE_REVISION' }));
  });

  it('writes nothing when a patch makes the case invalid', () => {
    const { id } = createCase(session, juvenileCase());
    expect(() => updateCase(session, id, { child: { gender: 'unknown' } })).toThrow(/child\.gender/);
    expect(() => updateCase(session, id, { child: null })).toThrow(/child/);
    expect(showCase(session, id).revision).toBe(1);
  });

  it('writes none of a batch when one case is invalid, and names it', () => {
    const batch = [juvenileCase(), { ...juvenileCase(), category: 'nope' }];
    expect(() => createCases(session, batch)).toThrow(/1\.category/);
    expect(listCases(session)).toHaveLength(0);
  });

  it('finds a case by id or case number, and says NOT_FOUND otherwise', () => {
    const { id, caseNumber } = createCase(session, juvenileCase());
    expect(showCase(session, caseNumber).id).toBe(id);
    expect(() => showCase(session, 'QTA01-2026-9999')).toThrow(AppError);
  });
});

describe('search', () => {
  beforeEach(() => {
    createCases(session, [
      juvenileCase({ child: { name: 'محمد علی', altName: 'Muhammad Ali', fatherName: 'Ghulam Rasool', gender: 'male' } }),
      juvenileCase({ category: 'missing', child: { name: 'Zainab Bibi', altName: 'زینب بی بی', gender: 'female' }, guardian: { name: 'Noor Jahan', relation: 'mother' }, offence: { firNumber: '77/2026', sections: [] } }),
      juvenileCase({ category: 'victim', child: { name: 'Karim Khan', gender: 'male' }, guardian: { name: 'Shabana Begum', relation: 'mother' } }),
    ]);
  });

  it('matches a fragment of an Urdu name', () => {
    expect(names({ search: 'زین' })).toEqual(['Zainab Bibi']);
  });

  it('matches a Roman fragment whatever the case', () => {
    expect(names({ search: 'HAMMAD' })).toEqual(['محمد علی']);
  });

  it('matches Urdu typed with Arabic code points (Arabic yeh)', () => {
    expect(names({ search: '\u0639\u0644\u064A' })).toEqual(['محمد علی']);
  });

  it("matches the father's and guardian's names, the case number and the FIR number", () => {
    expect(names({ search: 'rasool' })).toEqual(['محمد علی']);
    expect(names({ search: 'shabana' })).toEqual(['Karim Khan']);
    expect(names({ search: 'QTA01-2026-0002' })).toEqual(['Zainab Bibi']);
    expect(names({ search: '77/2026' })).toEqual(['Zainab Bibi']);
  });

  it('still finds two-letter fragments (below the trigram size) by scanning', () => {
    expect(names({ search: 'ka' }).sort()).toEqual(['Karim Khan']);
  });

  it('combines search with a category filter and returns newest first', () => {
    expect(names({ search: 'ali', category: 'in_conflict' })).toEqual(['محمد علی']);
    expect(names({})).toEqual(['Karim Khan', 'Zainab Bibi', 'محمد علی']);
  });

  it('treats quotes in the query as text, not search syntax', () => {
    expect(names({ search: '"zai" OR *' })).toEqual([]);
  });

  it('follows a name change into the index', () => {
    const [karim] = listCases(session, { search: 'karim' });
    updateCase(session, karim!.id, { child: { name: 'Kareem Khan' } });
    expect(names({ search: 'karim' })).toEqual([]);
    expect(names({ search: 'kareem' })).toEqual(['Kareem Khan']);
  });

  it('keeps the index exactly in step with the case rows through creates and edits (no triggers since migration 0005)', () => {
    const [karim] = listCases(session, { search: 'karim' });
    updateCase(session, karim!.id, { child: { name: 'Kareem Khan' } });
    updateCase(session, karim!.id, { notes: 'search text unchanged' });
    createCase(session, juvenileCase({ child: { name: 'Gul Bibi', gender: 'female' } }));
    // FTS5's own check: with rank 1 it compares every index entry with the content table's text.
    expect(() => session.register.db.sqlite.exec("INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    session.register.db.sqlite.prepare("UPDATE cases SET search_text = 'out of step' WHERE id = ?").run(karim!.id);
    expect(() => session.register.db.sqlite.exec("INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)")).toThrow(/malformed|corrupt/i);
  });
});
