import { describe, expect, it } from 'vitest';
import { changedPaths, mergePatch, parseCaseInput } from '../../../src/core/case-model.js';
import { juvenileCase } from '../../support/register.js';

describe('case model', () => {
  it('accepts a complete juvenile case and stores instants as UTC', () => {
    const result = parseCaseInput(juvenileCase());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value.reportedAt).toBe('2026-11-20T18:30:00.000Z');
      expect(result.value.status).toBe('open');
      expect(result.value.referrals).toEqual([]);
    }
  });

  it('names each bad field and its problem, never the value typed', () => {
    const bad = juvenileCase({ child: { name: 'Secret Name', gender: 'boy' as never, dateOfBirth: '2026-13-01' } });
    const result = parseCaseInput(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.problems.map((p) => p.path).sort();
      expect(paths).toEqual(['child.dateOfBirth', 'child.gender']);
      expect(JSON.stringify(result.problems)).not.toContain('Secret Name');
      expect(result.problems.find((p) => p.path === 'child.dateOfBirth')?.problem).toMatch(/YYYY-MM-DD/);
    }
  });

  it.each([
    ['category', { category: 'suspect' }],
    ['reportedAt', { reportedAt: '20/11/2026' }],
    ['child.name', { child: { name: '   ', gender: 'male' } }],
    ['child.bForm', { child: { name: 'Ali', gender: 'male', bForm: '12345' } }],
    ['guardian.phone', { guardian: { name: 'Ali', relation: 'father', phone: 'call me' } }],
    ['offence.maxPunishmentYears', { offence: { sections: [], maxPunishmentYears: 'forever' } }],
    ['custody.place', { custody: { place: 'cell' } }],
    ['referrals.0.to', { referrals: [{ to: 'friend', referredAt: '2026-11-20T10:00:00+05:00' }] }],
  ])('rejects a bad %s', (path, override) => {
    const result = parseCaseInput({ ...juvenileCase(), ...override });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain(path);
  });

  it('accepts "life" and "death" as a maximum punishment', () => {
    for (const max of ['life', 'death', 7]) {
      expect(parseCaseInput(juvenileCase({ offence: { sections: ['PPC 302'], maxPunishmentYears: max as never } })).ok).toBe(true);
    }
  });
});

describe('mergePatch (RFC 7386)', () => {
  it('merges objects, replaces arrays and removes fields set to null', () => {
    const base = { a: { b: 1, c: 2 }, list: [1, 2], gone: 'x' };
    expect(mergePatch(base, { a: { c: 3 }, list: [9], gone: null })).toEqual({ a: { b: 1, c: 3 }, list: [9] });
  });
  it('does not modify the original', () => {
    const base = { a: { b: 1 } };
    mergePatch(base, { a: { b: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });
});

describe('changedPaths', () => {
  it('lists the leaf paths that differ, sorted', () => {
    expect(changedPaths({ a: { b: 1, c: 2 }, d: [1] }, { a: { b: 1, c: 3 }, d: [1, 2], e: 'x' })).toEqual(['a.c', 'd', 'e']);
  });
  it('is empty when nothing changed', () => {
    expect(changedPaths({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('mergePatchBetween', () => {
  it('produces the patch that mergePatch turns back into the new version', async () => {
    const { mergePatchBetween } = await import('../../../src/core/case-model.js');
    const before = { a: { b: 1, c: 2 }, list: [1], gone: 'x', same: 'y' };
    const after = { a: { b: 1, c: 3, d: 4 }, list: [1, 2], same: 'y', added: true };
    const patch = mergePatchBetween(before, after);
    expect(patch).toEqual({ a: { c: 3, d: 4 }, list: [1, 2], gone: null, added: true });
    expect(mergePatch(before, patch)).toEqual(after);
  });
});
