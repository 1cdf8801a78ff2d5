import { describe, expect, it } from 'vitest';
import { classifyOffence, classOf, lookupSection, normaliseSection, OFFENCE_TABLE, sectionsIn } from '../../../src/core/offence-table.js';

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
    // As FIRs write them: the law after the number, hyphens, "s." / "u/s", letters for sub-clauses.
    ['302 PPC', 'PPC 302'],
    ['302-PPC', 'PPC 302'],
    ['PPC-302', 'PPC 302'],
    ['302 P.P.C.', 'PPC 302'],
    ['s.379 PPC', 'PPC 379'],
    ['S. 379 PPC', 'PPC 379'],
    ['u/s 302 PPC', 'PPC 302'],
    ['Section 392 PPC', 'PPC 392'],
    ['PPC section 392', 'PPC 392'],
    ['302(b) PPC', 'PPC 302(b)'],
    ['302-B PPC', 'PPC 302(b)'],
    ['9(c) CNSA', 'CNSA 9(c)'],
    ['9-C CNSA', 'CNSA 9(c)'],
    ['9C CNSA', 'CNSA 9(c)'],
    ['CNSA 9-c', 'CNSA 9(c)'],
    ['364-A PPC', 'PPC 364-A'],
    ['364A PPC', 'PPC 364-A'],
    ['PPC 337-A(ii)', 'PPC 337-A(ii)'],
    ['13 Arms', 'PAO 13'],
    ['302 XYZ', null],
    ['PPC', null],
    ['302', null],
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

  it('keeps the class heinous when a known section already reaches it, whatever a missing section carries', () => {
    expect(classifyOffence({ sections: ['PPC 302', 'PPC 999'] })).toEqual({ known: true, offenceClass: 'heinous', max: 'death', gravestSection: 'PPC 302', unknownSections: ['PPC 999'] });
    expect(classifyOffence({ sections: ['PPC 999', '302 PPC', 'PPC 34'] })).toMatchObject({ known: true, offenceClass: 'heinous', unknownSections: ['PPC 999'] });
    // Below the top class a missing section could still raise it: unknown, and the missing sections named.
    expect(classifyOffence({ sections: ['PPC 380', 'PPC 999'] })).toEqual({ known: false, unknownSections: ['PPC 999'] });
    expect(classifyOffence({ sections: ['PPC 392', 'ABC 1'] })).toMatchObject({ known: true, offenceClass: 'heinous', unknownSections: ['ABC 1'] });
  });

  it('classifies FIR spellings through the table', () => {
    expect(classifyOffence({ sections: ['302-PPC'] })).toMatchObject({ known: true, offenceClass: 'heinous', gravestSection: 'PPC 302', unknownSections: [] });
    expect(classifyOffence({ sections: ['9-C CNSA'] })).toMatchObject({ offenceClass: 'heinous', gravestSection: 'CNSA 9(c)' });
    expect(classifyOffence({ sections: ['s.379 PPC', '34 PPC'] })).toMatchObject({ offenceClass: 'minor', gravestSection: 'PPC 379', unknownSections: [] });
  });

  it.each([
    ['302/34 PPC', ['302 PPC', '34 PPC']],
    ['u/s 302/324/34 PPC', ['302 PPC', '324 PPC', '34 PPC']],
    ['PPC 379, 411', ['379 PPC', '411 PPC']],
    ['PPC 324 & 34', ['324 PPC', '34 PPC']],
    ['9(c)/15 CNSA', ['9(c) CNSA', '15 CNSA']],
    ['302 PPC', ['302 PPC']],
    ['302/34', ['302/34']],
  ])('reads several sections charged in one entry: %s', (entry, sections) => {
    expect(sectionsIn(entry)).toEqual(sections);
  });

  it('classes "302/34 PPC" by its gravest section, with nothing left unknown', () => {
    expect(classifyOffence({ sections: ['302/34 PPC'] })).toMatchObject({ known: true, offenceClass: 'heinous', gravestSection: 'PPC 302', unknownSections: [] });
  });
});
