import { describe, expect, it } from 'vitest';
import { type Completion } from '../../../src/core/checklist/evaluate.js';
import { FORMS } from '../../../src/forms/registry.js';
import { FORM_NAMES } from '../../../src/forms/types.js';
import * as WORDS from '../../../src/forms/words.js';
import { RULES } from '../../../src/core/checklist/rules.js';
import { A1_DONE as A1, FORM_RECORDS as CASES, childVictim, fullJuvenile, heinousUnder16, recordOf, recoveredMissing, renderFixtureForm } from '../../forms/fixtures.js';

/**
 * What the forms say, word by word: each half of a bilingual sentence in its own language, the status of
 * every rule a form states, which lines a child who is not accused gets, and the age-evidence warning.
 */


const render = renderFixtureForm;

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
const tagsOut = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#?\w+;/g, ' ');
/** Recorded values (names, numbers, places) are in <bdi>: they are the case's, not the form's wording. */
const valuesOut = (html: string) => html.replace(/<bdi[^>]*>.*?<\/bdi>/gs, ' ');

/** The English and the Urdu halves of every bilingual sentence (P) and line (Lines) of a 'both' form. */
function halves(html: string, lang: 'en' | 'ur'): string[] {
  const dir = lang === 'en' ? 'ltr' : 'rtl';
  const paragraphs = [...html.matchAll(new RegExp(`<p class="para" lang="${lang}" dir="${dir}">(.*?)</p>`, 'gs'))].map((m) => m[1]!);
  const lines = [...html.matchAll(new RegExp(`<div lang="${lang}" dir="${dir}">(.*?)</div>`, 'gs'))].map((m) => m[1]!);
  return [...paragraphs, ...lines];
}

/** Every English phrase of the forms' word tables (labels, choices, states), three letters or more. */
function englishWords(): string[] {
  const out = new Set<string>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const v = value as Record<string, unknown>;
    if (typeof v.en === 'string' && typeof v.ur === 'string') {
      if (/[A-Za-z]{3}/.test(v.en)) out.add(v.en);
      return;
    }
    for (const child of Object.values(v)) visit(child);
  };
  for (const [name, table] of Object.entries(WORDS)) if (name !== 'b') visit(table);
  return [...out];
}

describe('each half of a bilingual sentence is in its own language', () => {
  const cases = [CASES.juvenile, CASES.heinous, CASES.victim, CASES.missing];
  const urduNames = cases.flatMap((r) => [r.child.name, r.child.altName, r.guardian?.name].filter((n): n is string => Boolean(n) && ARABIC.test(n!)));
  const english = englishWords();

  it.each(FORM_NAMES)('the %s form in both languages', (form) => {
    for (const record of cases) {
      if (!FORMS[form].categories.includes(record.category)) continue;
      if (form === 'referral' && record.referrals.length === 0) continue;
      for (const layout of ['stacked', 'side'] as const) {
        const html = render(form, 'both', { record, layout });
        const en = halves(html, 'en');
        const ur = halves(html, 'ur');
        expect(en.length, `${form}: no English halves found`).toBeGreaterThan(0);
        expect(ur.length).toBe(en.length);
        for (const half of en) {
          let text = tagsOut(half);
          for (const name of urduNames) text = text.split(name).join(' ');
          expect(text, `${form}: Urdu inside the English half`).not.toMatch(ARABIC);
        }
        for (const half of ur) {
          const text = tagsOut(valuesOut(half));
          for (const phrase of english) expect(text, `${form}: "${phrase}" inside the Urdu half`).not.toContain(phrase);
        }
      }
    }
  });

  it('the guardian notice says where the child is kept in one language per half', () => {
    const record = recordOf({ ...fullJuvenile(), custody: { arrestedAt: '2026-11-20T23:30:00+05:00', place: 'police_lockup' } });
    const html = render('guardian-notice', 'both', { record });
    const [enNotice] = halves(html, 'en').filter((h) => h.includes('taken into custody'));
    const [urNotice] = halves(html, 'ur').filter((h) => h.includes('حراست میں لیا'));
    expect(tagsOut(enNotice!)).toContain('Police lock-up');
    expect(enNotice).not.toContain(WORDS.CUSTODY_PLACE.police_lockup!.ur);
    expect(urNotice).toContain(WORDS.CUSTODY_PLACE.police_lockup!.ur);
    expect(urNotice).not.toContain('Police lock-up');
  });
});

describe('every rule a form states carries its own status, from the rule pack', () => {
  const a5 = RULES.find((r) => r.id === 'A5')!;
  const a6 = RULES.find((r) => r.id === 'A6')!;

  it('the guardian notice words the lock-up rule from A5: case-law, with the heinous-offence exception', () => {
    for (const lang of ['en', 'ur'] as const) {
      const text = tagsOut(render('guardian-notice', lang));
      expect(text).toContain(a5.explanation[lang]);
      expect(text).toContain('PLD 2022 SC 551');
      expect(text).toContain(WORDS.RULE_STATUS['case-law'][lang]);
    }
    const en = render('guardian-notice', 'en');
    expect(en).toContain('heinous-offence case is the only exception');
    expect(en).not.toContain('A juvenile may not be kept in a police lock-up or jail');
  });

  it('the production form asks for remand with A5’s status and states A6 from the pack', () => {
    const en = tagsOut(render('production', 'en'));
    expect(en).toMatch(/Remand to the observation home during the inquiry \(rule A5, JJSA s\.5, s\.6; PLD 2022 SC 551: Case-law/);
    expect(en).not.toContain('never a police lock-up or jail');
    expect(en).toContain(a6.explanation.en);
    expect(en).toContain('Law (text of the Constitution)');
  });

  it('the intake checklist never calls A6 “Law (text of the Act)”: its basis is the Constitution, its JJSA rule unconfirmed', () => {
    const html = render('intake', 'en');
    const row = /<tr[^>]*><td><bdi class="v">A6<\/bdi>.*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(row).toContain('Constitution Art.10(2)');
    expect(row).not.toContain('Law (text of the Act)');
    expect(tagsOut(row)).toContain('Law (text of the Constitution)');
    const note = (a6 as { statusNote?: { en: string } }).statusNote;
    if (note) expect(row).toContain(note.en.replace(/’/g, '’'));
  });

  it('the notices to the guardian and the probation officer give s.5’s status (case-law)', () => {
    expect(tagsOut(render('probation-notice', 'en'))).toMatch(/JJSA 2018 s\.5: Case-law/);
    expect(tagsOut(render('guardian-notice', 'en'))).toMatch(/Notice under JJSA s\.5 \(Case-law/);
  });
});

describe('what a child who is not accused gets', () => {
  it('the age record of a victim, witness, missing or found child has no arrest and no criminal responsibility', () => {
    const missing = CASES.missing;
    const found = recordOf({ ...recoveredMissing(), category: 'found' });
    const witness = recordOf({ ...childVictim(), category: 'witness' });
    for (const record of [CASES.victim, witness, missing, found]) {
      for (const lang of ['en', 'both'] as const) {
        const text = tagsOut(render('age', lang, { record, completions: [] }));
        expect(text, record.category).not.toContain('Arrested');
        expect(text).not.toContain('Age at arrest');
        expect(text).not.toContain('Criminal responsibility');
        expect(text).not.toContain('PPC s.82');
      }
    }
    const accused = tagsOut(render('age', 'en'));
    expect(accused).toContain('Arrested');
    expect(accused).toContain('Criminal responsibility (PPC s.82, s.83)');
  });

  it('a found child’s report is titled “Found child report”, a missing child’s “Missing child report”', () => {
    const found = recordOf({ ...recoveredMissing(), category: 'found' });
    const h1 = (html: string) => tagsOut(/<h1>(.*?)<\/h1>/s.exec(html)![1]!);
    expect(h1(render('missing-report', 'en', { record: found }))).toContain('Found child report');
    expect(h1(render('missing-report', 'en', { record: found }))).not.toContain('Missing');
    expect(h1(render('missing-report', 'ur', { record: found }))).toContain('ملنے والے بچے کی رپورٹ');
    expect(h1(render('missing-report', 'en'))).toContain('Missing child report');
  });

  it('the circulated missing-child report carries no B-Form, date of birth, father or family phone', () => {
    const record = CASES.missing;
    for (const lang of ['en', 'ur', 'both'] as const) {
      const html = render('missing-report', lang, { record });
      for (const secret of [record.child.bForm!, record.child.dateOfBirth!, record.guardian!.phone!, record.child.fatherName!]) expect(html).not.toContain(secret);
      expect(html).toContain(record.missing!.description!);
      expect(html).toContain(record.missing!.lastSeenPlace!);
      expect(html).toContain('Civil Lines Quetta');
    }
  });
});

describe('the age record warns when the evidence relied on ranks below a document on file (JJSA s.8)', () => {
  const withEvidence = (ageEvidence: string, documentNumber?: string): Completion => ({ ...A1, evidence: { ageEvidence, ...(documentNumber ? { documentNumber } : {}) } });
  const warningOf = (html: string) => /<p class="para warn evidence-warning">(.*?)<\/p>/s.exec(html)?.[1];

  it.each(['school_certificate', 'medical_examination'])('%s ticked while a B-Form number is recorded', (evidence) => {
    const html = render('age', 'en', { completions: [withEvidence(evidence)] });
    const warning = tagsOut(warningOf(html) ?? '');
    expect(warning).toContain('a NADRA B-Form number');
    expect(warning).toContain('JJSA s.8');
    expect(warningOf(render('age', 'ur', { completions: [withEvidence(evidence)] }))).toMatch(ARABIC);
  });

  it('a medical opinion while a document number is recorded, and no B-Form', () => {
    const record = recordOf({ ...heinousUnder16() });
    const warning = tagsOut(warningOf(render('age', 'en', { record, completions: [withEvidence('medical_examination', 'SC-2019-443')] })) ?? '');
    expect(warning).toContain('documents outrank a medical opinion');
    expect(warningOf(render('age', 'en', { record, completions: [withEvidence('school_certificate', 'SC-2019-443')] }))).toBeUndefined();
  });

  it('no warning when the best document was used, or nothing better is on file', () => {
    expect(warningOf(render('age', 'en', { completions: [withEvidence('nadra_bform_crc')] }))).toBeUndefined();
    expect(warningOf(render('age', 'en', { completions: [withEvidence('birth_certificate')] }))).toBeUndefined();
    expect(warningOf(render('age', 'en', { record: CASES.heinous, completions: [withEvidence('medical_examination')] }))).toBeUndefined();
  });
});
