import { describe, expect, it } from 'vitest';
import { RULES, type Rule } from '../../../src/core/checklist/rules.js';

/**
 * The rule pack against the legal reference (shared/domain/jjsa-police-duties.md): who each rule is for, the
 * status notes the reference adds to the status word, and the caveats both languages must carry.
 */
const rule = (id: string): Rule => RULES.find((r) => r.id === id)!;

describe('rule pack applicability, as the reference gives it', () => {
  it('applies the A rules (child arrested or in conflict with the law) to juveniles only, M1-M2 to missing, M3 to missing and found', () => {
    for (const r of RULES.filter((x) => x.id.startsWith('A'))) expect(r.applies.categories, r.id).toEqual(['in_conflict']);
    expect(rule('M1').applies.categories).toEqual(['missing']);
    expect(rule('M2').applies.categories).toEqual(['missing']);
    expect(rule('M3').applies).toMatchObject({ categories: ['missing', 'found'], recovered: true });
  });

  it('A16 (JJSA s.13) protects the juvenile, not victims, witnesses or missing children', () => {
    expect(rule('A16').applies.categories).toEqual(['in_conflict']);
    expect(rule('A16').statusNote?.en).toMatch(/juvenile/);
  });

  it('keeps the custody duties to a recorded arrest, and A9/A10 to minor and major offences, A11 to heinous', () => {
    for (const id of ['A2', 'A3', 'A4', 'A5', 'A6', 'A10', 'A11', 'A12', 'A14', 'A15', 'A17']) expect(rule(id).applies.arrested, id).toBe(true);
    for (const id of ['A1', 'A7', 'A8', 'A9', 'A13']) expect(rule(id).applies.arrested, id).toBeUndefined();
    expect(rule('A9').applies.offenceClasses).toEqual(['minor', 'major']);
    expect(rule('A10').applies.offenceClasses).toEqual(['minor', 'major']);
    expect(rule('A11').applies.offenceClasses).toEqual(['heinous']);
    expect(rule('A15').applies.genders).toEqual(['female']);
  });
});

describe('mixed statuses carry their note', () => {
  it.each([
    ['A6', 'text', /Art\.10\(2\).*JJSA-specific rule is unconfirmed/],
    ['A9', 'case-law', /eligibility beyond them is unconfirmed/],
    ['A11', 'case-law', /over 16; under 16 unconfirmed/],
    ['A2', 'case-law', /No fixed hours/],
    ['M1', 'unconfirmed', /section numbers/],
  ] as const)('%s is %s with a note', (id, status, note) => {
    expect(rule(id).status).toBe(status);
    expect(rule(id).statusNote?.en).toMatch(note);
    expect(rule(id).statusNote?.ur).toMatch(/[\u0600-\u06FF]/);
  });
});

describe('Urdu explanations keep the legal caveats of the English', () => {
  const UNCONFIRMED_UR = /غیر مصدقہ|مصدقہ نہیں/;
  it.each([
    ['A1', /outrank/, /فوقیت/],
    ['A6', /not confirmed/, UNCONFIRMED_UR],
    ['A9', /unconfirmed/, UNCONFIRMED_UR],
    ['A14', /not confirmed/, UNCONFIRMED_UR],
    ['A15', /content not read/, /متن نہیں پڑھا/],
  ] as const)('%s', (id, en, ur) => {
    expect(rule(id).explanation.en).toMatch(en);
    expect(rule(id).explanation.ur).toMatch(ur);
  });

  it('every explanation that says "unconfirmed", "not confirmed" or "not read" in English says so in Urdu', () => {
    for (const r of RULES) {
      if (/unconfirmed|not confirmed|not read/.test(r.explanation.en)) expect(r.explanation.ur, r.id).toMatch(/غیر مصدقہ|مصدقہ نہیں|نہیں پڑھا/);
    }
  });
});
