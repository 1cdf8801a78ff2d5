import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormPrinter } from '../../src/forms/pdf.js';
import { PAGE } from '../../src/forms/styles.js';
import { FORMS } from '../../src/forms/registry.js';
import { FORM_LANGS, FORM_NAMES, type FormLang, type FormName } from '../../src/forms/types.js';
import { caseDigest, formatSeal, sealBytes } from '../../src/forms/seal.js';
import { createCase, showCase, updateCase } from '../../src/services/cases.js';
import { printForms, verifyPrint, type PrintedForm } from '../../src/services/forms.js';
import type { Session } from '../../src/services/session.js';
import { createFixtures, FORM_CASE, fullJuvenile, type Fixture } from '../forms/fixtures.js';
import { decodeQr, meanPixelDifference, pageImage, pdfFonts, pdfText, pdfWords, readPng, URDU } from '../forms/pdf-tools.js';
import { newStation, tempDir } from '../support/register.js';

/**
 * Every form in every language, printed through Chromium exactly as the CLI prints it, then read back with
 * poppler and jsQR: page count, nothing outside the page, the Urdu font embedded, the QR seal verifying
 * against the register, the signatures on the page of the last section, and every page close to its
 * reference image in test/forms/reference.
 */

const REFERENCE = fileURLToPath(new URL('../forms/reference', import.meta.url));

/**
 * Pages each form takes with the fixture cases: one sheet, except where the content really needs more (the
 * intake's whole checklist; in both languages the longer forms). Every form not listed takes exactly one.
 */
const EXPECTED_PAGES: Record<FormLang, Partial<Record<FormName, number>>> = {
  en: { intake: 2 },
  ur: { intake: 3, production: 2 },
  both: { intake: 3, age: 2, 'probation-notice': 2, 'legal-aid': 2, production: 2, 'bail-diversion': 2 },
};
const expectedPages = (form: FormName, lang: FormLang) => EXPECTED_PAGES[lang][form] ?? 1;

const MM = 72 / 25.4;

/** The first words of each form's last section, printed with its signatures (the Closing wrapper). */
const CLOSING: Record<FormName, string> = {
  intake: 'further rules do not apply',
  age: 'Remarks of the determining officer',
  'guardian-notice': 'How the guardian was informed',
  'probation-notice': 'How the probation officer was informed',
  'legal-aid': 'Legal practitioner assigned',
  production: 'Request to the court',
  'bail-diversion': 'Recorded so far',
  referral: 'Acknowledgement by the organisation',
  'missing-report': 'Anyone with information',
  handover: 'Receipt',
};

let dir: string;
let cleanup: () => void;
let session: Session;
let printer: FormPrinter;
let cases: Fixture;
const printed = new Map<string, PrintedForm>();

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  ({ session } = await newStation(dir));
  cases = createFixtures(session);
  printer = await FormPrinter.launch();
  const jobs = FORM_NAMES.flatMap((form) =>
    FORM_LANGS.map((lang) => ({ request: { caseId: cases[FORM_CASE[form]], form, lang, referral: form === 'referral' ? 1 : undefined }, out: join(dir, `${form}-${lang}.pdf`) })),
  );
  for (const result of await printForms(session, jobs, { printer, checkLayout: true })) printed.set(`${result.form}-${result.lang}`, result);
}, 120_000);

afterAll(async () => {
  await printer?.close();
  session?.register.close();
  cleanup?.();
});

const every = FORM_NAMES.flatMap((form) => FORM_LANGS.map((lang) => [form, lang] as const));

describe.each(every)('the %s form in %s', (form, lang) => {
  const result = () => printed.get(`${form}-${lang}`)!;

  it('prints on the expected number of A4 pages', () => {
    expect(result().pages).toBe(expectedPages(form, lang));
    const words = pdfWords(result().path);
    expect(Math.round(words[0]!.pageWidth)).toBe(595);
    expect(Math.round(words[0]!.pageHeight)).toBe(842);
  });

  it('has nothing outside the printable width or spilling out of its box (measured in Chromium before printing)', () => {
    expect(result().layout).toEqual([]);
  });

  it('keeps every word of the PDF inside the page margins (the running footer inside the bottom margin)', () => {
    const top = PAGE.marginTopMm * MM;
    const left = PAGE.marginLeftMm * MM;
    const strays = pdfWords(result().path).filter((w) => {
      const right = w.pageWidth - PAGE.marginRightMm * MM;
      const bottom = w.pageHeight - PAGE.marginBottomMm * MM;
      if (w.xMin < left - 3 || w.xMax > right + 3) return true;
      if (URDU.test(w.text)) {
        // Nastaliq word boxes are the font's whole ascent and descent (2.4 em): allow that, but never into the footer.
        return w.yMin < top - 14 || w.yMax > bottom + 10;
      }
      const inFooter = w.yMin > bottom + 4 && w.yMax < w.pageHeight - 6;
      // The running header of a continuation page sits in the top margin, clear of the page's edge and body.
      const inHeader = w.page > 1 && w.yMin > 6 && w.yMax < top - 1;
      return !inFooter && !inHeader && (w.yMin < top - 3 || w.yMax > bottom + 3);
    });
    expect(strays.map((w) => `${w.page}:${w.text}@${Math.round(w.xMin)},${Math.round(w.yMin)}`)).toEqual([]);
  });

  it('embeds its fonts, and the Urdu in Noto Nastaliq Urdu', () => {
    const fonts = pdfFonts(result().path);
    expect(fonts.some((f) => f.includes('NotoSans'))).toBe(true);
    if (lang !== 'en') {
      expect(fonts.some((f) => f.includes('NotoNastaliqUrdu'))).toBe(true);
      expect(pdfText(result().path)).toMatch(URDU);
    }
  });

  it('carries a QR seal that verifies against the register and names this very print (form, language, time)', () => {
    const text = decodeQr(pageImage(result().path, join(dir, `${form}-${lang}-qr`), 150));
    const { revision } = result();
    expect(text).toMatch(new RegExp(`^CHD2:QTA01:QTA01-2026-\\d{4}:${revision}:[A-Za-z0-9_-]{43}:${form}:${lang}:20261121T060000000Z:[0-9a-f]{12}:`));
    const check = verifyPrint(session, text!);
    expect(check).toMatchObject({ outcome: 'matches', ok: true, printedRevision: revision, currentRevision: revision, sealVersion: 'CHD2' });
    expect(check.print).toMatchObject({ form, lang, printedAt: '2026-11-21T06:00:00.000Z', recorded: true });
    expect(check.en).toContain(`It is the ${FORMS[form].title.en} (${FORMS[form].code}, ${lang}) printed 2026-11-21 11:00.`);
  });

  it('looks like its reference images, every page (50 dpi)', () => {
    const pages = result().pages;
    const references = readdirSync(REFERENCE).filter((f) => new RegExp(`^${form}-${lang}-\\d+\\.png$`).test(f));
    expect(references, 'one reference image per page: run node --import tsx test/forms/render-references.ts').toHaveLength(pages);
    for (let page = 1; page <= pages; page++) {
      const reference = join(REFERENCE, `${form}-${lang}-${page}.png`);
      expect(existsSync(reference), `${reference} is missing: run node --import tsx test/forms/render-references.ts`).toBe(true);
      const fresh = readPng(pageImage(result().path, join(dir, `${form}-${lang}-ref-${page}`), 50, page));
      // The QR differs on every run (new register key, new case ids); the rest should be all but identical.
      expect(meanPixelDifference(fresh, readPng(reference)), `page ${page}`).toBeLessThan(6);
    }
  });

  it('keeps the signatures on the page of the last section, and heads every further page with the case number and page x of y', () => {
    const { pages, path, caseNumber } = result();
    const words = pdfWords(path);
    const onPage = (page: number) => words.filter((w) => w.page === page);
    for (let page = 2; page <= pages; page++) {
      const top = onPage(page).filter((w) => w.yMax < PAGE.marginTopMm * MM + 2);
      expect(top.map((w) => w.text).join(' '), `page ${page} running header`).toContain(caseNumber);
      expect(top.map((w) => w.text).join(' ')).toContain(`page ${page} of ${pages}`);
    }
    if (lang === 'ur') {
      // The signature boxes and the stamp alone are some 25 words: the last page holds the last section too.
      expect(onPage(pages).length).toBeGreaterThan(40);
      return;
    }
    const text = onPage(pages).map((w) => w.text).join(' ');
    expect(text, `the last page of ${form}/${lang} holds the signatures`).toContain('Signature');
    expect(text, `the last page of ${form}/${lang} holds the last section (${CLOSING[form]})`).toContain(CLOSING[form]);
  });
});

describe('both languages side by side (a station may prefer columns to stacking)', () => {
  it('prints the guardian notice in two columns inside the page, with the Nastaliq embedded', async () => {
    const out = join(dir, 'guardian-notice-side.pdf');
    const [side] = await printForms(session, [{ request: { caseId: cases.juvenile, form: 'guardian-notice', lang: 'both', layout: 'side' }, out }], { printer, checkLayout: true });
    expect(side!.layout).toEqual([]);
    expect(side!.pages).toBe(1);
    expect(pdfFonts(out).some((f) => f.includes('NotoNastaliqUrdu'))).toBe(true);
    const words = pdfWords(out);
    expect(words.every((w) => w.xMin >= 0 && w.xMax <= w.pageWidth && w.yMin >= 0 && w.yMax <= w.pageHeight)).toBe(true);
  });
});

describe('a longer case', () => {
  /** Long address, many sections, long names: what a real case can hold. */
  const longer = () =>
    createCase(session, {
      ...fullJuvenile(),
      child: { ...fullJuvenile().child, name: 'محمد عبدالرحمن خان بلوچ', altName: 'Muhammad Abdul Rehman Khan Baloch', fatherName: 'Abdul Ghafoor Khan Baloch', address: 'House 1207-B, Street 14, Mohalla Shahbaz Town Phase II, near the Government Boys High School, Sariab Road, Quetta' },
      guardian: { name: 'Abdul Ghafoor Khan Baloch', relation: 'father', phone: '0300-7654321', address: 'House 1207-B, Street 14, Mohalla Shahbaz Town Phase II, near the Government Boys High School, Sariab Road, Quetta' },
      offence: { firNumber: '1234/2026', firDate: '2026-11-20', sections: ['PPC 379', 'PPC 380', 'PPC 411', 'PPC 34', 'PPC 109', 'PPC 427'] },
    }).id;

  it.each([
    ['production', 'en', 1],
    // Two sheets in both languages with this much to say: the last section and signatures on the second.
    ['guardian-notice', 'both', 2],
    ['production', 'ur', 2],
  ] as const)('prints the %s form in %s on %i page(s), the signatures with the last section', async (form, lang, pages) => {
    const out = join(dir, `longer-${form}-${lang}.pdf`);
    const [result] = await printForms(session, [{ request: { caseId: longer(), form, lang }, out }], { printer, checkLayout: true });
    expect(result!.layout).toEqual([]);
    expect(result!.pages).toBe(pages);
    if (lang === 'ur') {
      expect(pdfWords(out).filter((w) => w.page === pages).length).toBeGreaterThan(40);
    } else {
      const last = pdfWords(out).filter((w) => w.page === pages).map((w) => w.text).join(' ');
      expect(last).toContain('Signature');
      expect(last).toContain(CLOSING[form]);
    }
  });
});

describe('checking a paper copy later', () => {
  it('says which revision a paper shows once the case has moved on, from the digest recorded when it was printed', () => {
    const paper = decodeQr(pageImage(printed.get('guardian-notice-en')!.path, join(dir, 'later-qr'), 150))!;
    const revision = printed.get('guardian-notice-en')!.revision;
    updateCase(session, cases.juvenile, { custody: { releasedAt: '2026-11-21T10:45:00+05:00' } });
    const check = verifyPrint(session, paper);
    expect(check).toMatchObject({ outcome: 'older_revision', ok: false, printedRevision: revision, currentRevision: revision + 1 });
    expect(check.en).toContain(`This paper copy shows revision ${revision}; the register is now at revision ${revision + 1}`);
    // The paper names itself, not the last form printed from that revision (the side-by-side notice came later).
    expect(check.print).toMatchObject({ form: 'guardian-notice', lang: 'en', recorded: true });
    expect(check.en).toContain('It is the Notice to the guardian (CHD-3, en) printed');
    expect(check.ur).toMatch(URDU);
  });

  it('refuses a tampered seal: a changed revision, digest or case number breaks the signature', () => {
    const paper = decodeQr(pageImage(printed.get('handover-en')!.path, join(dir, 'tamper-qr'), 150))!;
    const parts = paper.split(':');
    const swap = (i: number, value: string) => [...parts.slice(0, i), value, ...parts.slice(i + 1)].join(':');
    const tampered = [
      swap(3, String(Number(parts[3]) + 1)),
      swap(4, `${parts[4]!.slice(0, -1)}${parts[4]!.endsWith('A') ? 'B' : 'A'}`),
      swap(2, 'QTA01-2026-0001'),
      // Which form, language, time and print it is are signed too.
      swap(5, 'missing-report'),
      swap(6, 'ur'),
      swap(7, '20261121T070000000Z'),
      swap(8, '000000000000'),
    ];
    for (const text of tampered) expect(verifyPrint(session, text).outcome).toBe('not_signed_here');
    expect(verifyPrint(session, 'https://example.org/not-a-seal')).toMatchObject({ outcome: 'not_a_seal', ok: false });
  });

  it('still verifies a CHD1 seal (printed before the form and print were signed), and says it cannot tell which form', () => {
    const record = showCase(session, cases.missing);
    const fields = { version: 'CHD1' as const, stationCode: record.stationCode, caseNumber: record.caseNumber, revision: record.revision, digest: caseDigest(record), keyId: session.register.keys.signingKey(session.user.id).keyId };
    const { signature } = session.register.keys.sign(sealBytes(fields));
    const text = formatSeal({ ...fields, signature });
    expect(text).toMatch(/^CHD1:QTA01:/);
    const check = verifyPrint(session, text);
    expect(check).toMatchObject({ outcome: 'matches', ok: true, sealVersion: 'CHD1', printedRevision: record.revision });
    expect(check.print).toBeUndefined();
    expect(check.en).toContain('This older seal does not say which form it is; prints of this revision: ');
    expect(check.en).toContain('missing-report (en)');
  });

  it('audits prints and checks with the digest and revision, never a name', () => {
    const rows = session.register.audit.recent(500).filter((r) => r.action === 'form.print' || r.action === 'print.verify');
    // Every form in every language, the side-by-side notice, and the three longer-case prints.
    expect(rows.filter((r) => r.action === 'form.print')).toHaveLength(FORM_NAMES.length * FORM_LANGS.length + 1 + 3);
    const print = JSON.parse(rows.find((r) => r.action === 'form.print')!.details);
    expect(print).toMatchObject({ revision: expect.any(Number), digest: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), output: 'pdf', printedAt: '2026-11-21T06:00:00.000Z', printId: expect.stringMatching(/^[0-9a-f]{12}$/) });
    const all = rows.map((r) => r.details).join('\n');
    for (const secret of ['Zainab', 'زینب', 'Muhammad', 'Hamza', 'Bilal', '0300-1234567']) expect(all).not.toContain(secret);
  });
});
