import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/core/case-model.js';
import { isolateTimesIn, maskId, showTime } from '../../../src/renderer/format.js';
import { en } from '../../../src/renderer/i18n/en.js';
import { ur } from '../../../src/renderer/i18n/ur.js';
import { rankSimilar } from '../../../src/renderer/screens/CaseForm.js';
import { CaseDetails } from '../../../src/renderer/screens/CaseView.js';

const LRI = '\u2066';
const PDI = '\u2069';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { en: { translation: en }, ur: { translation: ur } }, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
});

function record(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'c1',
    caseNumber: 'QTA01-2026-0001',
    stationCode: 'QTA01',
    revision: 1,
    createdAt: '2026-11-30T08:00:00.000Z',
    createdBy: 'u1',
    updatedAt: '2026-11-30T08:00:00.000Z',
    updatedBy: 'u1',
    category: 'missing',
    reportedAt: '2026-11-30T08:00:00.000Z',
    status: 'open',
    child: { name: 'سارہ بی بی', fatherName: 'Abdul Rahim', gender: 'female', claimedAge: 9, bForm: '54400-7654321-2', address: 'House 4, Jinnah Road', district: 'Quetta', language: 'Brahui', disability: 'Hearing' },
    guardian: { name: 'Amina', relation: 'mother', address: 'House 4, Jinnah Road' },
    referrals: [],
    missing: { lastSeenAt: '2026-11-30T06:00:00.000Z', lastSeenPlace: 'Liaquat Bazaar', description: 'Green frock', recoveredPlace: 'Edhi centre Sariab', handedOverAt: '2026-11-30T10:00:00.000Z' },
    offence: { firNumber: '88/2026', firDate: '2026-11-29', sections: ['PPC 364-A'], maxPunishmentYears: 14 },
    notes: 'Mother came with the B-Form',
    ...overrides,
  } as CaseRecord;
}

const render = (props: { record: CaseRecord; atDistrict?: boolean; showNames?: boolean }) =>
  renderToStaticMarkup(createElement(CaseDetails, { atDistrict: false, showNames: false, ...props }));

describe('times inside right-to-left text', () => {
  it('are direction-isolated by the one formatter', () => {
    expect(showTime('2026-12-01T08:00:00.000Z')).toBe(`${LRI}2026-12-01 13:00${PDI}`);
    expect(showTime(undefined)).toBe('');
    expect(i18next.getFixedT('ur')('caseView.reported', { at: showTime('2026-12-01T08:00:00.000Z') })).toBe(`اندراج ${LRI}2026-12-01 13:00${PDI}`);
    expect(isolateTimesIn('مکمل: 2026-12-01 13:00۔')).toBe(`مکمل: ${LRI}2026-12-01 13:00${PDI}۔`);
  });
});

describe('the case screen details', () => {
  it('show everything entered, with names, addresses and B-Form masked until "Show names"', () => {
    const html = render({ record: record() });
    for (const text of ['Quetta', 'Brahui', 'Hearing', 'Liaquat Bazaar', 'Green frock', 'Edhi centre Sariab', '2026-11-29', '14 years', 'Mother came with the B-Form', 'PPC 364-A', `${LRI}2026-11-30 15:00${PDI}`]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('سارہ');
    expect(html).not.toContain('Jinnah Road');
    expect(html).not.toContain('7654321');
    expect(html).toContain('5••••-•••••••-•');
    const shown = render({ record: record(), showNames: true });
    for (const text of ['سارہ بی بی', 'Abdul Rahim', 'House 4, Jinnah Road', '54400-7654321-2', 'Amina (mother)']) expect(shown).toContain(text);
  });

  it('at the district, say a withheld guardian name is withheld instead of "undefined"', () => {
    const districtCopy = record({ category: 'in_conflict', child: { gender: 'male', claimedAge: 15 } as CaseRecord['child'], guardian: { relation: 'father' } as CaseRecord['guardian'], notes: undefined });
    const html = render({ record: districtCopy, atDistrict: true, showNames: true });
    expect(html).not.toContain('undefined');
    expect(html).toMatch(/<dt>Guardian’s name<\/dt><dd><span class="muted">name withheld \(JJSA s\.13\)<\/span> \(father\)<\/dd>/);
    expect(html).toMatch(/<dt>Phone<\/dt><dd dir="ltr"><span class="muted">kept at the station \(JJSA s\.13\)</);
    expect(html).toMatch(/<dt>B-Form \/ CRC number<\/dt><dd dir="ltr"><span class="muted">kept at the station \(JJSA s\.13\)</);
  });

  it('mask a B-Form keeping its shape', () => {
    expect(maskId('54400-1234567-1')).toBe('5••••-•••••••-•');
  });
});

describe('the duplicate check at intake', () => {
  const other = record({ child: { name: 'Zainab Bibi', fatherName: 'Muhammad Ali', gender: 'female', claimedAge: 15, bForm: '54400-1234567-1' } as CaseRecord['child'] });
  const typed = { name: '', bForm: '', fatherName: '', age: '', dateOfBirth: '' };
  it('finds an exact B-Form match whatever the name, and ranks it above a name match', () => {
    const byBForm = rankSimilar({ ...typed, name: 'Sara', bForm: '5440012345671' }, other)!;
    expect(byBForm.reasons).toEqual(['bForm']);
    const byName = rankSimilar({ ...typed, name: 'Zainab' }, other)!;
    expect(byName.reasons).toEqual(['name']);
    expect(byBForm.score).toBeGreaterThan(byName.score);
    expect(rankSimilar({ ...typed, name: 'Sara', bForm: '54400-1234567-2' }, other)).toBeNull();
  });

  it('ranks by father’s name and age among name matches', () => {
    const plain = rankSimilar({ ...typed, name: 'Zainab' }, other)!;
    const father = rankSimilar({ ...typed, name: 'Zainab', fatherName: 'muhammad ali' }, other)!;
    const both = rankSimilar({ ...typed, name: 'Zainab', fatherName: 'Muhammad Ali', age: '16' }, other)!;
    expect(father.reasons).toEqual(['name', 'fatherName']);
    expect(both.reasons).toEqual(['name', 'fatherName', 'age']);
    expect(both.score).toBeGreaterThan(father.score);
    expect(father.score).toBeGreaterThan(plain.score);
  });
});

describe('the base font stack', () => {
  it('falls back to the bundled Nastaliq font for Urdu letters in English mode (ہ, ے)', () => {
    const css = readFileSync(new URL('../../../src/renderer/styles.css', import.meta.url), 'utf8');
    const root = /:root\s*\{[^}]*font-family:\s*([^;]+);/.exec(css)![1]!;
    expect(root).toContain("'Noto Nastaliq Urdu'");
    expect(root.indexOf("'Noto Sans'")).toBeLessThan(root.indexOf("'Noto Nastaliq Urdu'"));
    const main = readFileSync(new URL('../../../src/renderer/main.tsx', import.meta.url), 'utf8');
    expect(main).toContain('@fontsource/noto-nastaliq-urdu/400.css');
  });
});
