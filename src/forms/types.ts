import type { CaseRecord } from '../core/case-model.js';
import type { Evaluation } from '../core/checklist/evaluate.js';
import type { Bilingual } from '../core/checklist/rules.js';
import type { Role } from '../core/roles.js';

/**
 * What a printable form is rendered from. Everything is plain data, already read from the register by the
 * service, so the components and the HTML builder stay pure (no node:, no store): the Electron renderer can
 * show the same document as a preview.
 */

export const FORM_NAMES = [
  'intake',
  'age',
  'guardian-notice',
  'probation-notice',
  'legal-aid',
  'production',
  'bail-diversion',
  'referral',
  'missing-report',
  'handover',
] as const;
export type FormName = (typeof FORM_NAMES)[number];

/**
 * A printed form's file name: case number, form, which referral, language (`QTA01-2026-0001-referral-2-ur.pdf`),
 * never a child's name. The CLI writes it; the app suggests it when the officer saves a PDF.
 */
export function formFileName(caseNumber: string, form: FormName, lang: string, referral: number | null | undefined, extension: 'pdf' | 'html'): string {
  return `${caseNumber}-${form}${referral ? `-${referral}` : ''}-${lang}.${extension}`;
}

export const FORM_LANGS = ['en', 'ur', 'both'] as const;
/** English, Urdu (Nastaliq, right to left), or both on the same sheet. */
export type FormLang = (typeof FORM_LANGS)[number];

/** How a bilingual ('both') form sets the two languages: side by side in columns, or one above the other. */
export const BILINGUAL_LAYOUTS = ['stacked', 'side'] as const;
export type BilingualLayout = (typeof BILINGUAL_LAYOUTS)[number];

export type { Bilingual };

export type FormInput = {
  form: FormName;
  lang: FormLang;
  layout: BilingualLayout;
  station: { code: string; name: string | null; district: string };
  record: CaseRecord;
  /** The case's checklist at the time of printing (completions carry the officer's name). */
  evaluation: Evaluation;
  printedBy: { name: string; role: Role };
  /** UTC ISO instant; shown in Asia/Karachi. */
  printedAt: string;
  /** The signed QR text (see seal.ts); null for an unsigned preview, which is marked as such. */
  seal: string | null;
  /** Referral letters: which referral of the case (0-based). */
  referralIndex?: number;
};
