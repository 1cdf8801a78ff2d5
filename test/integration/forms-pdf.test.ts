import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormPrinter } from '../../src/forms/pdf.js';
import { PAGE } from '../../src/forms/styles.js';
import { FORM_LANGS, FORM_NAMES, type FormLang, type FormName } from '../../src/forms/types.js';
import { updateCase } from '../../src/services/cases.js';
import { printForms, verifyPrint, type PrintedForm } from '../../src/services/forms.js';
import type { Session } from '../../src/services/session.js';
import { createFixtures, FORM_CASE, type Fixture } from '../forms/fixtures.js';
import { decodeQr, meanPixelDifference, pageImage, pdfFonts, pdfText, pdfWords, readPng, URDU } from '../forms/pdf-tools.js';
import { newStation, tempDir } from '../support/register.js';

/**
 * Every form in every language, printed through Chromium exactly as the CLI prints it, then read back with
 * poppler and jsQR: page count, nothing outside the page, the Urdu font embedded, the QR seal verifying
 * against the register, and the first page close to its reference image in test/forms/reference.
 */

const REFERENCE = fileURLToPath(new URL('../forms/reference', import.meta.url));

/** Pages each form takes with the fixture cases: one sheet, except where the content really needs more. */
const EXPECTED_PAGES: Record<FormLang, Partial<Record<FormName, number>>> = {
  en: { intake: 2 },
  ur: { intake: 3, production: 2 },
  both: { intake: 3, age: 2, 'probation-notice': 2, 'legal-aid': 2, production: 2, 'bail-diversion': 2, 'missing-report': 2, 'guardian-notice': 1, referral: 1, handover: 1 },
};
const expectedPages = (form: FormName, lang: FormLang) => EXPECTED_PAGES[lang][form] ?? 1;

const MM = 72 / 25.4;

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
      return !inFooter && (w.yMin < top - 3 || w.yMax > bottom + 3);
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

  it('carries a QR seal that verifies against the register', () => {
    const text = decodeQr(pageImage(result().path, join(dir, `${form}-${lang}-qr`), 150));
    expect(text).toMatch(/^CHD1:QTA01:QTA01-2026-\d{4}:1:/);
    const check = verifyPrint(session, text!);
    expect(check).toMatchObject({ outcome: 'matches', ok: true, printedRevision: 1, currentRevision: 1 });
    expect(check.prints!.some((p) => p.form === form && p.lang === lang)).toBe(true);
  });

  it('looks like its reference image (first page at 50 dpi)', () => {
    const reference = join(REFERENCE, `${form}-${lang}.png`);
    expect(existsSync(reference), `${reference} is missing: run node --import tsx test/forms/render-references.ts`).toBe(true);
    const fresh = readPng(pageImage(result().path, join(dir, `${form}-${lang}-ref`), 50));
    // The QR differs on every run (new register key, new case ids); the rest should be all but identical.
    expect(meanPixelDifference(fresh, readPng(reference))).toBeLessThan(6);
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

describe('checking a paper copy later', () => {
  it('says which revision a paper shows once the case has moved on, from the digest recorded when it was printed', () => {
    const paper = decodeQr(pageImage(printed.get('guardian-notice-en')!.path, join(dir, 'later-qr'), 150))!;
    updateCase(session, cases.juvenile, { custody: { releasedAt: '2026-11-21T10:45:00+05:00' } });
    const check = verifyPrint(session, paper);
    expect(check).toMatchObject({ outcome: 'older_revision', ok: false, printedRevision: 1, currentRevision: 2 });
    expect(check.en).toContain('This paper copy shows revision 1; the register is now at revision 2');
    expect(check.ur).toMatch(URDU);
  });

  it('refuses a tampered seal: a changed revision, digest or case number breaks the signature', () => {
    const paper = decodeQr(pageImage(printed.get('handover-en')!.path, join(dir, 'tamper-qr'), 150))!;
    const parts = paper.split(':');
    const tampered = [
      [...parts.slice(0, 3), '2', ...parts.slice(4)].join(':'),
      [...parts.slice(0, 4), `${parts[4]!.slice(0, -1)}${parts[4]!.endsWith('A') ? 'B' : 'A'}`, ...parts.slice(5)].join(':'),
      [parts[0], parts[1], 'QTA01-2026-0001', ...parts.slice(3)].join(':'),
    ];
    for (const text of tampered) expect(verifyPrint(session, text).outcome).toBe('not_signed_here');
    expect(verifyPrint(session, 'https://example.org/not-a-seal')).toMatchObject({ outcome: 'not_a_seal', ok: false });
  });

  it('audits prints and checks with the digest and revision, never a name', () => {
    const rows = session.register.audit.recent(500).filter((r) => r.action === 'form.print' || r.action === 'print.verify');
    expect(rows.filter((r) => r.action === 'form.print')).toHaveLength(FORM_NAMES.length * FORM_LANGS.length + 1);
    const print = JSON.parse(rows.find((r) => r.action === 'form.print')!.details);
    expect(print).toMatchObject({ revision: 1, digest: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), output: 'pdf' });
    const all = rows.map((r) => r.details).join('\n');
    for (const secret of ['Zainab', 'زینب', 'Muhammad', 'Hamza', 'Bilal', '0300-1234567']) expect(all).not.toContain(secret);
  });
});
