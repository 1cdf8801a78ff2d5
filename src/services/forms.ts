import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CaseRecord } from '../core/case-model.js';
import { AppError } from '../core/errors.js';
import { formatKarachi } from '../core/time.js';
import { renderFormDocument } from '../forms/document.js';
import { embeddedFontCss } from '../forms/font-loader.js';
import type { LayoutProblem, PdfPrinter, PrintsPdf } from '../forms/printer.js';
import { FORMS, formUnavailable } from '../forms/registry.js';
import { caseDigest, formatSeal, parseSeal, sealBytes, type Seal, type SealFields } from '../forms/seal.js';
import { BILINGUAL_LAYOUTS, FORM_LANGS, FORM_NAMES, type BilingualLayout, type FormLang, type FormName } from '../forms/types.js';
import { auditLog } from '../store/schema.js';
import { showCase } from './cases.js';
import { caseChecklist } from './checklist.js';
import { parseInput, requirePermission, type Session } from './session.js';

/**
 * Printing the case forms. Every printed copy carries a QR seal signed with the register's key over the case
 * revision's digest; the print is audited with that digest (form, language, revision, digest: no names), so a
 * paper copy can later be checked against the register even after the case has moved on.
 */

export const formRequestSchema = z.object({
  caseId: z.string().trim().min(1).max(64),
  form: z.enum(FORM_NAMES),
  lang: z.enum(FORM_LANGS).default('en'),
  /** For 'both': English and Urdu one above the other, or side by side. */
  layout: z.enum(BILINGUAL_LAYOUTS).default('stacked'),
  /** Referral letters: which referral, from 1. Needed when the case has more than one. */
  referral: z.number().int().min(1).max(50).optional(),
  /** An unsigned, unaudited copy for the screen, marked PREVIEW. */
  preview: z.boolean().default(false),
});
export type FormRequest = z.input<typeof formRequestSchema>;

export type PreparedForm = {
  html: string;
  caseId: string;
  caseNumber: string;
  revision: number;
  digest: string;
  keyId: string | null;
  form: FormName;
  lang: FormLang;
  referral: number | null;
  /** The instant in the seal (UTC ISO, to the millisecond). */
  printedAt: string;
  /** The seal's print id (null for a preview): the audit row carries it, so a paper names its own print. */
  printId: string | null;
};

/** Renders one form to its complete HTML document, signed (unless a preview), without auditing it. */
function prepareForm(session: Session, request: FormRequest): PreparedForm {
  requirePermission(session, 'form.print');
  const req = parseInput(formRequestSchema, request, 'form');
  const record = showCase(session, req.caseId);
  const referralIndex = req.referral === undefined ? (req.form === 'referral' && record.referrals.length === 1 ? 0 : undefined) : req.referral - 1;
  const unavailable = formUnavailable(req.form, record, referralIndex);
  if (unavailable) throw new AppError('FORM_NOT_FOR_CASE', unavailable);
  const now = session.register.clock();
  const evaluation = caseChecklist(session, record.id, now);
  const digest = caseDigest(record);
  const { info } = session.register;
  const printedAt = now.toISOString();
  // The seal names this very print (form, language, instant), and the audit row records the same instant.
  const fields: SealFields | null = req.preview
    ? null
    : {
        version: 'CHD2',
        stationCode: record.stationCode,
        caseNumber: record.caseNumber,
        revision: record.revision,
        digest,
        form: req.form,
        lang: req.lang,
        printedAt,
        printId: randomBytes(6).toString('hex'),
        keyId: session.register.keys.signingKey(session.user.id).keyId,
      };
  let seal: string | null = null;
  if (fields) {
    const signed = session.register.keys.sign(sealBytes(fields));
    if (signed.keyId !== fields.keyId) throw new AppError('INTERNAL', 'The signing key changed while printing.');
    seal = formatSeal({ ...fields, signature: signed.signature });
  }
  const html = renderFormDocument(
    {
      form: req.form,
      lang: req.lang,
      layout: req.layout as BilingualLayout,
      station: { code: info.stationCode ?? record.stationCode, name: info.stationName, district: info.district },
      record,
      evaluation,
      printedBy: { name: session.user.displayName || session.user.username, role: session.user.role },
      printedAt,
      seal,
      referralIndex,
    },
    { fontCss: embeddedFontCss() },
  );
  return {
    html,
    caseId: record.id,
    caseNumber: record.caseNumber,
    revision: record.revision,
    digest,
    keyId: fields?.keyId ?? null,
    form: req.form,
    lang: req.lang,
    referral: referralIndex === undefined ? null : referralIndex + 1,
    printedAt,
    printId: fields ? fields.printId : null,
  };
}

function auditPrint(session: Session, form: PreparedForm, output: 'html' | 'pdf', pages?: number): void {
  session.register.audit.append({
    action: 'form.print',
    actorId: session.user.id,
    entityType: 'case',
    entityId: form.caseId,
    details: {
      form: form.form,
      lang: form.lang,
      revision: form.revision,
      digest: form.digest,
      keyId: form.keyId,
      printedAt: form.printedAt,
      printId: form.printId,
      output,
      ...(form.referral !== null ? { referral: form.referral } : {}),
      ...(pages !== undefined ? { pages } : {}),
    },
  });
}

/**
 * The form as one self-contained HTML document: what the desktop app previews and prints (printToPDF) and what
 * the CLI prints through Chromium, byte for byte. A signed copy is audited as printed when it is handed out;
 * `{ preview: true }` gives an unsigned copy marked PREVIEW, and nothing is audited.
 */
export function renderFormHtml(
  session: Session,
  caseId: string,
  form: FormName,
  lang: FormLang = 'en',
  options: { layout?: BilingualLayout; referral?: number; preview?: boolean } = {},
): string {
  const prepared = prepareForm(session, { caseId, form, lang, ...options });
  if (!options.preview) auditPrint(session, prepared, 'html');
  return prepared.html;
}

export type PrintedForm = {
  caseId: string;
  caseNumber: string;
  form: FormName;
  lang: FormLang;
  revision: number;
  referral: number | null;
  path: string;
  pages: number;
  bytes: number;
  layout: LayoutProblem[] | null;
};

/** Where to write: a path, or a path made from the case number (known once the case is read). */
export type PrintJob = { request: FormRequest; out: string | ((caseNumber: string) => string) };

/**
 * Prints forms to PDF files through the caller's printer (the CLI's warm Chromium). Each file is audited once
 * it is written; a failure stops the batch with what was printed so far already recorded.
 */
export async function printForms(session: Session, jobs: PrintJob[], options: { printer: PdfPrinter; checkLayout?: boolean }): Promise<PrintedForm[]> {
  requirePermission(session, 'form.print');
  const prepared = jobs.map((job) => {
    const form = prepareForm(session, { ...job.request, preview: false });
    return { form, out: typeof job.out === 'function' ? job.out(form.caseNumber) : job.out };
  });
  const printed: PrintedForm[] = [];
  for (const { form, out } of prepared) {
    const result = await options.printer.print(form.html, { checkLayout: options.checkLayout });
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, result.pdf);
    } catch (error) {
      throw new AppError('PRINT_FAILED', `${out}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
    }
    auditPrint(session, form, 'pdf', result.pages);
    printed.push({ caseId: form.caseId, caseNumber: form.caseNumber, form: form.form, lang: form.lang, revision: form.revision, referral: form.referral, path: out, pages: result.pages, bytes: result.pdf.length, layout: result.layout });
  }
  return printed;
}

/**
 * One signed form as PDF bytes, for the app's Save as PDF (the desktop app prints it with its own Chromium).
 * Audited as printed once the PDF exists.
 */
export async function formPdf(session: Session, request: Omit<FormRequest, 'preview'>, printer: PrintsPdf): Promise<{ pdf: Uint8Array; pages: number }> {
  const form = prepareForm(session, { ...request, preview: false });
  const { pdf, pages } = await printer.print(form.html);
  auditPrint(session, form, 'pdf', pages);
  return { pdf, pages };
}

/** The ids of the open cases a form applies to, oldest case number first (for `--all-open`). */
export function openCasesFor(session: Session, form: FormName): Array<{ id: string; caseNumber: string }> {
  requirePermission(session, 'case.read');
  return session.register.cases
    .openCases()
    .filter((record) => formUnavailable(form, record, form === 'referral' ? 0 : undefined) === null)
    .map((record) => ({ id: record.id, caseNumber: record.caseNumber }))
    .sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
}

export type PrintCheckOutcome = 'matches' | 'older_revision' | 'not_a_seal' | 'not_signed_here' | 'unknown_case' | 'not_recorded';

export type PrintCheck = {
  outcome: PrintCheckOutcome;
  /** True only when the paper shows the case as the register holds it now. */
  ok: boolean;
  en: string;
  ur: string;
  caseNumber?: string;
  printedRevision?: number;
  currentRevision?: number;
  /** The recorded prints of exactly this revision and digest (when, which form). */
  prints?: Array<{ at: string; form: string; lang: string }>;
  /** Which print this paper is, from its seal (CHD2): form, language, when; recorded tells whether the audit trail has it. */
  print?: { form: string; lang: string; printedAt: string; printId: string; recorded: boolean };
  /** The seal's format: CHD1 papers do not say which form or print they are. */
  sealVersion?: 'CHD1' | 'CHD2';
};

type PrintRow = { at: string; details: { form?: string; lang?: string; revision?: number; digest?: string; printedAt?: string; printId?: string } };

function printsOf(session: Session, record: CaseRecord): PrintRow[] {
  return session.register.db.orm
    .select({ at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'form.print'), eq(auditLog.entityType, 'case'), eq(auditLog.entityId, record.id)))
    .orderBy(asc(auditLog.seq))
    .all()
    .map((row) => ({ at: row.at, details: JSON.parse(row.details) as PrintRow['details'] }));
}

function check(outcome: PrintCheckOutcome, en: string, ur: string, extra: Partial<PrintCheck> = {}): PrintCheck {
  return { outcome, ok: outcome === 'matches', en, ur, ...extra };
}

/**
 * Checks the text of a scanned QR seal against this register: signed by one of its keys, the case exists,
 * and the digest is the one of the revision printed (now, or as recorded in the audit trail when it was
 * printed). The check itself is audited (outcome and revisions only).
 */
export function verifyPrint(session: Session, qrText: string): PrintCheck {
  requirePermission(session, 'case.read');
  const text = parseInput(z.string().max(1000), qrText, 'qr');
  const result = checkSeal(session, text);
  session.register.audit.append({
    action: 'print.verify',
    actorId: session.user.id,
    ...(result.caseNumber ? { entityType: 'case', entityId: session.register.cases.get(result.caseNumber)?.id } : {}),
    details: {
      outcome: result.outcome,
      ...(result.printedRevision ? { revision: result.printedRevision } : {}),
      ...(result.currentRevision ? { currentRevision: result.currentRevision } : {}),
      ...(result.print ? { form: result.print.form, lang: result.print.lang, printedAt: result.print.printedAt, printId: result.print.printId } : {}),
    },
  });
  return result;
}

function checkSeal(session: Session, text: string): PrintCheck {
  const seal = parseSeal(text);
  if (!seal) return check('not_a_seal', 'This is not a Child Help Desk print seal.', 'یہ چائلڈ ہیلپ ڈیسک کی پرنٹ مہر نہیں۔');
  if (!session.register.keys.verifyOwn(seal.keyId, sealBytes(seal), seal.signature)) {
    return check(
      'not_signed_here',
      'The seal was not signed by this register: the paper was altered, or it was printed by another register.',
      'یہ مہر اس رجسٹر کی دستخط شدہ نہیں: کاغذ میں تبدیلی کی گئی ہے، یا یہ کسی اور رجسٹر سے پرنٹ ہوا۔',
      { caseNumber: seal.caseNumber, printedRevision: seal.revision },
    );
  }
  const record = session.register.cases.get(seal.caseNumber);
  if (!record || record.stationCode !== seal.stationCode) {
    return check('unknown_case', `Case ${seal.caseNumber} is not in this register.`, `کیس ${seal.caseNumber} اس رجسٹر میں موجود نہیں۔`, { caseNumber: seal.caseNumber, printedRevision: seal.revision });
  }
  const allPrints = printsOf(session, record).filter((p) => p.details.revision === seal.revision && p.details.digest === seal.digest);
  const prints = allPrints.map((p) => ({ at: p.at, form: p.details.form ?? '', lang: p.details.lang ?? '' }));
  const exact = seal.version === 'CHD1' ? undefined : allPrints.find((p) => p.details.printId === seal.printId && p.details.printedAt === seal.printedAt && p.details.form === seal.form && p.details.lang === seal.lang);
  const print = seal.version === 'CHD1' ? undefined : { form: seal.form, lang: seal.lang, printedAt: seal.printedAt, printId: seal.printId, recorded: exact !== undefined };
  const base = { caseNumber: record.caseNumber, printedRevision: seal.revision, currentRevision: record.revision, sealVersion: seal.version ?? 'CHD2', ...(print ? { print } : {}) };
  const which = whichPrint(seal, exact !== undefined, prints);
  if (seal.revision === record.revision && caseDigest(record) === seal.digest) {
    return check('matches', `This paper matches the register: case ${record.caseNumber}, revision ${record.revision}. ${which.en}`, `یہ کاغذ رجسٹر کے مطابق ہے: کیس ${record.caseNumber}، نظرثانی ${record.revision}۔ ${which.ur}`, { ...base, prints });
  }
  // An older paper is vouched for by the digest recorded when it was printed: for a CHD2 seal, that very print.
  if (seal.revision < record.revision && (seal.version === 'CHD1' ? prints.length > 0 : exact !== undefined)) {
    return check(
      'older_revision',
      `This paper copy shows revision ${seal.revision}; the register is now at revision ${record.revision}. ${which.en} Ask the station for a fresh copy.`,
      `یہ کاغذی نقل نظرثانی ${seal.revision} دکھاتی ہے؛ رجسٹر اب نظرثانی ${record.revision} پر ہے۔ ${which.ur} اسٹیشن سے نئی نقل منگوائیں۔`,
      { ...base, prints },
    );
  }
  return check(
    'not_recorded',
    `The seal is signed by this register, but no print of revision ${seal.revision} with this digest is recorded (the register is at revision ${record.revision}). Do not rely on this paper.`,
    `مہر اس رجسٹر کی دستخط شدہ ہے، لیکن نظرثانی ${seal.revision} کا ایسا کوئی پرنٹ درج نہیں (رجسٹر نظرثانی ${record.revision} پر ہے)۔ اس کاغذ پر انحصار نہ کریں۔`,
    base,
  );
}

/** "It is the Notice to the guardian (CHD-3, en) printed 2026-11-21 11:00." from a CHD2 seal; for CHD1, the prints of that revision. */
function whichPrint(seal: Seal, recorded: boolean, prints: Array<{ at: string; form: string; lang: string }>): { en: string; ur: string } {
  if (seal.version !== 'CHD1') {
    const spec = FORMS[seal.form];
    const when = formatKarachi(seal.printedAt);
    const missing = recorded ? { en: '', ur: '' } : { en: ' That print is not in the audit trail.', ur: ' یہ پرنٹ آڈٹ ریکارڈ میں درج نہیں۔' };
    return {
      en: `It is the ${spec.title.en} (${spec.code}, ${seal.lang}) printed ${when}.${missing.en}`,
      ur: `یہ ${spec.title.ur} (${spec.code}، ${seal.lang}) ہے جو ${when} پر پرنٹ ہوا۔${missing.ur}`,
    };
  }
  if (prints.length === 0) return { en: 'This older seal does not say which form it is.', ur: 'یہ پرانی مہر نہیں بتاتی کہ یہ کون سا فارم ہے۔' };
  const list = prints.map((p) => `${p.form} (${p.lang}) ${formatKarachi(p.at)}`).join('; ');
  return {
    en: `This older seal does not say which form it is; prints of this revision: ${list}.`,
    ur: `یہ پرانی مہر نہیں بتاتی کہ یہ کون سا فارم ہے؛ اس نظرثانی کے پرنٹ: ${list}۔`,
  };
}
