import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/time.js';
import { createCase, updateCase } from '../../src/services/cases.js';
import { caseChecklist, completeStep, dueList } from '../../src/services/checklist.js';
import type { Session } from '../../src/services/session.js';
import { changeSettings } from '../../src/services/settings.js';
import { juvenileCase, newStation, tempDir, testOptions } from '../support/register.js';

// 2026-11-21 06:30 in Quetta: 7 hours after the 23:30 arrest in the fixture.
const NOW = '2026-11-21T01:30:00Z';
let dir: string;
let cleanup: () => void;
let session: Session;
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  ({ session } = await newStation(dir, testOptions(fixedClock(NOW))));
});
afterEach(() => {
  session.register.close();
  cleanup();
});

const state = (checklist: ReturnType<typeof caseChecklist>, ruleId: string) => checklist.obligations.find((o) => o.ruleId === ruleId);

describe('checklist on a stored case', () => {
  it('shows every rule with due time, state, basis and status, and the offence class', () => {
    const { id } = createCase(session, juvenileCase());
    const checklist = caseChecklist(session, id);
    expect(checklist.rulePackVersion).toBe('jjsa-2018.1');
    expect(checklist.offenceClass).toBe('minor');
    expect(state(checklist, 'A6')).toMatchObject({ state: 'pending', dueAt: '2026-11-21T18:30:00.000Z', basis: 'Constitution Art.10(2)', status: 'text' });
    expect(state(checklist, 'A2')).toMatchObject({ state: 'overdue' });
    expect(session.register.db.sqlite.prepare('SELECT rule_pack_version AS v FROM cases').get()).toEqual({ v: 'jjsa-2018.1' });
  });

  it('completes a step with its evidence, audits it without the evidence values, and shows who and when', () => {
    const { id } = createCase(session, juvenileCase());
    const after = completeStep(session, {
      caseId: id,
      ruleId: 'A2',
      doneAt: '2026-11-21T00:30:00+05:00',
      evidence: { informedPerson: 'Muhammad Ali (father)', method: 'phone', informedAt: '2026-11-21T00:30:00+05:00' },
    });
    expect(state(after, 'A2')).toMatchObject({ state: 'done', completion: { doneBy: session.user.displayName, late: false, evidence: { method: 'phone', informedAt: '2026-11-20T19:30:00.000Z' } } });
    const [row] = session.register.audit.recent(1);
    expect(row!.action).toBe('checklist.complete');
    expect(JSON.parse(row!.details)).toEqual({ caseNumber: 'QTA01-2026-0001', ruleId: 'A2', doneAt: '2026-11-20T19:30:00.000Z', evidenceFields: ['informedAt', 'informedPerson', 'method'] });
    expect(row!.details).not.toContain('Muhammad');
  });

  it('a completed step is a change to the case: its revision goes up, with who and when, in one audit row', () => {
    const { id } = createCase(session, juvenileCase());
    const before = session.register.cases.get(id)!;
    const auditBefore = session.register.audit.recent(1)[0]!.seq;
    completeStep(session, { caseId: id, ruleId: 'A8', evidence: { confirmed: true } });
    const after = session.register.cases.get(id)!;
    expect(after.revision).toBe(before.revision + 1);
    expect(after).toMatchObject({ updatedBy: session.user.id, updatedAt: new Date(NOW).toISOString() });
    expect(session.register.audit.recent(5).filter((r) => r.seq > auditBefore).map((r) => r.action)).toEqual(['checklist.complete']);
    // A refused step changes nothing, revision included.
    expect(() => completeStep(session, { caseId: id, ruleId: 'A2', evidence: { method: 'phone' } })).toThrow();
    expect(session.register.cases.get(id)!.revision).toBe(after.revision);
  });

  it('an edit made on the copy from before a completed step still saves; one made before another edit is refused', () => {
    const { id } = createCase(session, juvenileCase());
    const seen = session.register.cases.get(id)!.revision;
    completeStep(session, { caseId: id, ruleId: 'A8', evidence: { confirmed: true } });
    // The step changed no case data, so nobody's work is overwritten by an edit based on revision `seen`.
    const edited = updateCase(session, id, { notes: 'guardian came' }, seen);
    expect(edited).toMatchObject({ revision: seen + 2, notes: 'guardian came' });
    // Someone else's edit in between is a real conflict.
    expect(() => updateCase(session, id, { notes: 'other' }, seen)).toThrow(expect.objectContaining({ code: 'STALE_REVISION' }));
    expect(() => updateCase(session, id, { notes: 'other' }, seen + 1)).toThrow(expect.objectContaining({ code: 'STALE_REVISION' }));
    expect(() => updateCase(session, id, { notes: 'other' }, seen + 5)).toThrow(expect.objectContaining({ code: 'STALE_REVISION' }));
    expect(updateCase(session, id, { notes: 'after reload' }, seen + 2)).toMatchObject({ revision: seen + 3 });
  });

  it('refuses missing or unknown evidence, unknown rules, steps that do not apply, and future times', () => {
    const { id } = createCase(session, juvenileCase());
    expect(() => completeStep(session, { caseId: id, ruleId: 'A2', evidence: { method: 'phone' } })).toThrow(/evidence\.informedPerson/);
    expect(() => completeStep(session, { caseId: id, ruleId: 'A1', evidence: { ageEvidence: 'astrology' } })).toThrow(/evidence\.ageEvidence/);
    expect(() => completeStep(session, { caseId: id, ruleId: 'A1', evidence: { ageEvidence: 'none', extra: 1 } })).toThrow(/extra|evidence/);
    expect(() => completeStep(session, { caseId: id, ruleId: 'Z9', evidence: {} })).toThrow(/no rule Z9/);
    expect(() => completeStep(session, { caseId: id, ruleId: 'M1', evidence: { firNumber: '1', registeredAt: NOW } })).toThrow(/does not apply/);
    expect(() => completeStep(session, { caseId: id, ruleId: 'A8', doneAt: '2026-12-01T00:00:00Z', evidence: { confirmed: true } })).toThrow(/future/);
    expect(session.register.checklist.forCase(id)).toEqual([]);
  });

  it('follows case changes: production recorded on the case settles A6', () => {
    const { id } = createCase(session, juvenileCase());
    updateCase(session, id, { custody: { producedAt: '2026-11-21T10:00:00+05:00' } });
    expect(state(caseChecklist(session, id), 'A6')).toMatchObject({ state: 'done', completion: { auto: true, late: false } });
  });

  it('switches unconfirmed rules off when the in-charge says so', () => {
    const { id } = createCase(session, juvenileCase());
    changeSettings(session, { unconfirmedRules: 'off' });
    expect(state(caseChecklist(session, id), 'A15')?.state).toBe('switched_off');
  });
});

describe('due list across the station', () => {
  it('lists overdue first, then what falls due within the window, without names', () => {
    createCase(session, juvenileCase());
    createCase(session, juvenileCase({ category: 'missing', reportedAt: '2026-11-21T05:00:00+05:00', custody: undefined, offence: undefined }));
    const due = dueList(session, { withinHours: 24 });
    expect(due.length).toBeGreaterThan(3);
    expect(due[0]!.state).toBe('overdue');
    const ranks = due.map((d) => ['overdue', 'cannot_compute', 'due_soon', 'pending'].indexOf(d.state));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(due.map((d) => `${d.caseNumber}:${d.ruleId}`)).toContain('QTA01-2026-0002:M1');
    expect(JSON.stringify(due)).not.toMatch(/زینب|Zainab|Muhammad/);
    expect(dueList(session, { withinHours: 0 }).every((d) => d.state !== 'pending')).toBe(true);
  });

  it('leaves out closed cases', () => {
    const { id } = createCase(session, juvenileCase());
    updateCase(session, id, { status: 'closed' });
    expect(dueList(session)).toEqual([]);
  });
});
