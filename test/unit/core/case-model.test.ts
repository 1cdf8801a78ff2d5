import { describe, expect, it } from 'vitest';
import { caseInputSchema, changedPaths, mergePatch, parseCaseInput, withoutRecordOnlyFields } from '../../../src/core/case-model.js';
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

  it('refuses a misspelt or unknown field by its full path instead of dropping it', () => {
    const typo = { ...juvenileCase(), custody: { arestedAt: '2026-11-20T23:30:00+05:00' }, extra: 1 };
    const result = parseCaseInput(typo);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.path).sort()).toEqual(['custody.arestedAt', 'extra']);
      expect(result.problems[0]?.problem).toMatch(/not a field/);
    }
  });

  it('drops the bookkeeping fields of `case show` output from a patch, and nothing else', () => {
    const shown = { id: 'x', caseNumber: 'QTA01-2026-0001', revision: 3, checklist: [], problems: [], notes: 'kept' };
    expect(withoutRecordOnlyFields(shown)).toEqual({ notes: 'kept' });
  });

  // Scripts outside the project rely on these exact names (issue: "Case JSON field names"): renaming one fails here.
  it('keeps the public case JSON field names', () => {
    const fields = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);
    const shape = caseInputSchema.shape;
    const inner = (key: keyof typeof shape) => {
      const field = shape[key] as unknown as { unwrap?: () => unknown; shape?: Record<string, unknown> };
      return fields((field.unwrap ? field.unwrap() : field) as { shape: Record<string, unknown> });
    };
    expect(fields(caseInputSchema)).toEqual(expect.arrayContaining(['category', 'reportedAt', 'child', 'guardian', 'offence', 'custody', 'missing']));
    expect(inner('child')).toEqual(expect.arrayContaining(['name', 'fatherName', 'gender', 'dateOfBirth', 'claimedAge', 'bForm']));
    expect(inner('guardian')).toEqual(expect.arrayContaining(['name', 'relation', 'phone']));
    expect(inner('offence')).toEqual(expect.arrayContaining(['firNumber', 'firDate', 'sections', 'maxPunishmentYears']));
    expect(inner('custody')).toEqual(expect.arrayContaining(['arrestedAt', 'place', 'producedAt', 'releasedAt']));
    expect(inner('missing')).toEqual(expect.arrayContaining(['lastSeenAt', 'lastSeenPlace', 'recoveredAt', 'handedOverTo']));
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
