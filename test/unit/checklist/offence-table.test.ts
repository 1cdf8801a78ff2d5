import { describe, expect, it } from 'vitest';
import { classifyOffence, classOf, lookupSection, normaliseSection, OFFENCE_TABLE } from '../../../src/core/offence-table.js';

describe('offence table', () => {
  it('ships at least 60 sections, each with a source', () => {
    expect(OFFENCE_TABLE.size).toBeGreaterThanOrEqual(60);
    for (const entry of OFFENCE_TABLE.values()) expect(entry.source, entry.key).toMatch(/\w/);
  });

  it('classes each entry by its maximum: minor <= 3 years, major <= 7, heinous above, life or death', () => {
    for (const entry of OFFENCE_TABLE.values()) {
      if (entry.max === null) continue;
      const expected = entry.max === 'life' || entry.max === 'death' ? 'heinous' : entry.max <= 3 ? 'minor' : entry.max <= 7 ? 'major' : 'heinous';
      expect(classOf(entry.max), entry.key).toBe(expected);
    }
    expect([classOf(3), classOf(3.5), classOf(7), classOf(7.5), classOf('life'), classOf('death')]).toEqual(['minor', 'major', 'major', 'heinous', 'heinous', 'heinous']);
  });

  it.each([
    ['PPC 379', 'PPC 379'],
    ['ppc 302(b)', 'PPC 302(b)'],
    ['PPC 302 (b)', 'PPC 302(b)'],
    ['P.P.C. 392', 'PPC 392'],
    ['PPC. 337-a(ii)', 'PPC 337-A(ii)'],
    ['cnsa 9(c)', 'CNSA 9(c)'],
    ['Arms 13', 'PAO 13'],
    ['section 379', null],
    ['', null],
  ])('reads %j as %j', (text, key) => {
    expect(normaliseSection(text)).toBe(key);
  });

  it('falls back from an unlisted sub-clause to the section, but not from a section to a guess', () => {
    expect(lookupSection('PPC 506(i)')?.key).toBe('PPC 506');
    expect(lookupSection('PPC 337-A')).toBeNull();
    expect(lookupSection('PPC 999')).toBeNull();
  });

  it('takes the class from the gravest section; common intention adds nothing', () => {
    expect(classifyOffence({ sections: ['PPC 379', 'PPC 34'] })).toMatchObject({ known: true, offenceClass: 'minor', gravestSection: 'PPC 379' });
    expect(classifyOffence({ sections: ['PPC 379', 'PPC 392', 'PPC 34'] })).toMatchObject({ offenceClass: 'heinous', max: 10, gravestSection: 'PPC 392' });
    expect(classifyOffence({ sections: ['CNSA 9(b)'] })).toMatchObject({ offenceClass: 'major' });
  });

  it('needs the officer’s maximum for a section the table lacks, and then uses the graver of the two', () => {
    expect(classifyOffence({ sections: ['PPC 999'] })).toEqual({ known: false, unknownSections: ['PPC 999'] });
    expect(classifyOffence({ sections: ['PPC 999'], maxPunishmentYears: 5 })).toMatchObject({ known: true, offenceClass: 'major', gravestSection: null });
    expect(classifyOffence({ sections: ['PPC 302', 'PPC 999'], maxPunishmentYears: 5 })).toMatchObject({ offenceClass: 'heinous', gravestSection: 'PPC 302' });
    expect(classifyOffence({ sections: ['PPC 34'] })).toEqual({ known: false, unknownSections: [] });
    expect(classifyOffence(undefined)).toEqual({ known: false, unknownSections: [] });
  });
});
