import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../src/core/case-model.js';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.js';
import { NEVER_PRINTED } from '../../../src/forms/disclosure.js';
import { FORMS, formUnavailable } from '../../../src/forms/registry.js';
import { FORM_LANGS, FORM_NAMES, type FormLang, type FormName } from '../../../src/forms/types.js';
import { FORM_CASE, FORM_RECORDS as CASES, renderFixtureForm, SECRET, type RenderOptions } from '../../forms/fixtures.js';

const SEAL = 'CHD1:QTA01:QTA01-2026-0001:1:digest:key:sig';
const render = (form: FormName, lang: FormLang, options: RenderOptions = {}) => renderFixtureForm(form, lang, { ...options, seal: options.seal === undefined ? SEAL : options.seal });

function valueAt(record: CaseRecord, path: string): string | undefined {
  const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], record);
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

describe.each(FORM_NAMES)('the %s form as HTML', (form) => {
  it.each(FORM_LANGS)('is a self-contained document in %s: direction, no fetches, no name in the title', (lang) => {
    const html = render(form, lang);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(lang === 'ur' ? '<html lang="ur" dir="rtl">' : '<html lang="en" dir="ltr">');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)="https?:/);
    const title = /<title>(.*)<\/title>/.exec(html)![1]!;
    expect(title).toMatch(new RegExp(`^${FORMS[form].code} ${form} QTA01-2026-\\d{4} r1$`));
    expect(html).toContain('Inspector Rahim');
    expect(html).toContain('2026-11-21 11:00');
  });

  it('never prints what its recipient does not need (JJSA s.13, see src/forms/disclosure.ts)', () => {
    const record = CASES[FORM_CASE[form]];
    for (const lang of FORM_LANGS) {
      const html = render(form, lang);
      for (const path of NEVER_PRINTED[form]) {
        const value = valueAt(record, path);
        if (value) expect(html, `${form}/${lang} shows ${path}`).not.toContain(value);
      }
    }
  });
});

describe('what each form says', () => {
  it('a referral letter carries no FIR, offence, category or notes, whatever the case', () => {
    for (const record of [CASES.juvenile, CASES.victim]) {
      const html = render('referral', 'en', { record });
      for (const text of [SECRET.firNumber, '130/2026', 'PPC', 'accused', 'conflict with the law', 'victim', SECRET.notes, SECRET.address]) expect(html).not.toContain(text);
    }
  });

  it('the bail note marks the under-16 heinous bail rule as unconfirmed guidance, never as law', () => {
    const html = render('bail-diversion', 'en');
    const row = /<tr class="unconfirmed">.*?JJSA s\.6\(4\).*?<\/tr>/s.exec(html)?.[0] ?? '';
    expect(row).toContain('Unconfirmed guidance — not confirmed law');
    expect(row).toContain('secondary sources only');
    expect(row).not.toContain('Law (text of the Act)');
    expect(render('bail-diversion', 'ur')).toContain('غیر مصدقہ رہنمائی، مصدقہ قانون نہیں');
  });

  it('the bail note states no unconfirmed position where the station switched such guidance off', () => {
    const html = render('bail-diversion', 'en', { settings: { ...DEFAULT_SETTINGS, unconfirmedRules: 'off' } });
    expect(html).toContain('switched off at this station');
    expect(html).not.toContain('treated as entitled to bail');
  });

  it('the bail note for a minor offence states the bailable position with its case-law status', () => {
    const html = render('bail-diversion', 'en', { record: CASES.juvenile });
    expect(html).toContain('A minor or major offence is bailable');
    expect(html).toMatch(/JJSA s\.6\(1\), s\.6\(3\); PLD 2022 SC 551.*?Case-law/s);
    expect(html).toContain('Juvenile Justice Committee');
  });

  it('the age record ticks the evidence relied on (A1)', () => {
    const html = render('age', 'en');
    expect(html).toMatch(/box box-on"><\/span> NADRA B-Form \/ CRC/);
    expect(html.match(/box box-on/g)).toHaveLength(1);
  });

  it('a preview is marked and carries no seal', () => {
    const html = render('intake', 'en', { seal: null });
    expect(html).toContain('PREVIEW — not signed');
    expect(html).not.toContain('class="qr-svg"');
    expect(render('intake', 'en')).toContain('class="qr-svg"');
  });

  it('both languages side by side sets paragraphs in two columns', () => {
    expect(render('guardian-notice', 'both', { layout: 'side' })).toContain('para-bi-side');
    expect(render('guardian-notice', 'both')).toContain('para-bi-stacked');
  });
});

describe('which forms a case can have', () => {
  it('juvenile forms are for juvenile cases; missing-child forms for missing and found children', () => {
    expect(formUnavailable('guardian-notice', CASES.missing)).toMatch(/in_conflict/);
    expect(formUnavailable('missing-report', CASES.juvenile)).toMatch(/missing, found/);
    expect(formUnavailable('legal-aid', CASES.victim)).toBeNull();
    expect(formUnavailable('intake', CASES.missing)).toBeNull();
  });

  it('a referral letter needs a referral, and which one when there are several', () => {
    expect(formUnavailable('referral', CASES.missing)).toMatch(/no referral/);
    expect(formUnavailable('referral', CASES.juvenile)).toMatch(/2 referrals/);
    expect(formUnavailable('referral', CASES.juvenile, 1)).toBeNull();
    expect(formUnavailable('referral', CASES.juvenile, 2)).toMatch(/choose 1 to 2/);
  });
});
