import type { ReactElement } from 'react';
import type { CaseCategory, CaseRecord } from '../core/case-model.js';
import { HandoverForm, MissingReportForm, ReferralForm } from './forms-child.js';
import { AgeForm, BailDiversionForm, GuardianNoticeForm, LegalAidForm, ProbationNoticeForm, ProductionForm } from './forms-juvenile.js';
import { IntakeForm } from './form-intake.js';
import type { Bilingual, FormInput, FormName } from './types.js';
import { b } from './words.js';

/** Every printable form: its title, number, legal basis, the cases it is for, and its body component. */
export type FormSpec = {
  name: FormName;
  /** Printed in the header, e.g. "CHD-3". */
  code: string;
  title: Bilingual;
  /** A title that depends on the case (the missing-child report of a found child is a found-child report). */
  titleFor?: (record: CaseRecord) => Bilingual;
  basis?: Bilingual;
  categories: readonly CaseCategory[];
  Body: (props: { input: FormInput }) => ReactElement;
};

const ALL: readonly CaseCategory[] = ['in_conflict', 'victim', 'witness', 'missing', 'found', 'at_risk'];
const JUVENILE: readonly CaseCategory[] = ['in_conflict'];

export const FORMS: Record<FormName, FormSpec> = {
  intake: {
    name: 'intake',
    code: 'CHD-1',
    title: b('Case intake and summary', 'کیس کا اندراج اور خلاصہ'),
    basis: b('Juvenile Justice System Act 2018: statutory checklist', 'جووینائل جسٹس سسٹم ایکٹ 2018: قانونی چیک لسٹ'),
    categories: ALL,
    Body: IntakeForm,
  },
  age: {
    name: 'age',
    code: 'CHD-2',
    title: b('Age determination record', 'عمر کے تعین کا ریکارڈ'),
    basis: b('JJSA 2018 s.8; PLD 2020 SC 356 [case-law]', 'جے جے ایس اے 2018 دفعہ 8؛ پی ایل ڈی 2020 ایس سی 356 [عدالتی نظیر]'),
    categories: ALL,
    Body: AgeForm,
  },
  'guardian-notice': {
    name: 'guardian-notice',
    code: 'CHD-3',
    title: b('Notice to the guardian', 'سرپرست کو اطلاع نامہ'),
    basis: b('JJSA 2018 s.5 [case-law]', 'جے جے ایس اے 2018 دفعہ 5 [عدالتی نظیر]'),
    categories: JUVENILE,
    Body: GuardianNoticeForm,
  },
  'probation-notice': {
    name: 'probation-notice',
    code: 'CHD-4',
    title: b('Notice to the probation officer', 'پروبیشن افسر کو اطلاع نامہ'),
    basis: b('JJSA 2018 s.5 [case-law]', 'جے جے ایس اے 2018 دفعہ 5 [عدالتی نظیر]'),
    categories: JUVENILE,
    Body: ProbationNoticeForm,
  },
  'legal-aid': {
    name: 'legal-aid',
    code: 'CHD-5',
    title: b('Request for legal assistance at State expense', 'سرکاری خرچ پر قانونی معاونت کی درخواست'),
    basis: b('JJSA 2018 s.3 [law (text)]', 'جے جے ایس اے 2018 دفعہ 3 [قانون کا متن]'),
    categories: ['in_conflict', 'victim'],
    Body: LegalAidForm,
  },
  production: {
    name: 'production',
    code: 'CHD-6',
    title: b('Production before the Juvenile Court', 'جووینائل کورٹ میں پیشی'),
    basis: b('and request for remand to the observation home · Constitution Art.10(2); JJSA 2018 s.5, s.6', 'اور آبزرویشن ہوم میں ریمانڈ کی استدعا · آئین آرٹیکل 10(2)؛ جے جے ایس اے 2018 دفعہ 5، 6'),
    categories: JUVENILE,
    Body: ProductionForm,
  },
  'bail-diversion': {
    name: 'bail-diversion',
    code: 'CHD-7',
    title: b('Bail and diversion note', 'ضمانت اور ڈائیورژن نوٹ'),
    basis: b('JJSA 2018 s.6, s.9, s.10', 'جے جے ایس اے 2018 دفعہ 6، 9، 10'),
    categories: JUVENILE,
    Body: BailDiversionForm,
  },
  referral: {
    name: 'referral',
    code: 'CHD-8',
    title: b('Referral letter', 'ریفرل خط'),
    categories: ALL,
    Body: ReferralForm,
  },
  'missing-report': {
    name: 'missing-report',
    code: 'CHD-9',
    title: b('Missing child report', 'گمشدہ بچے کی رپورٹ'),
    titleFor: (record) => (record.category === 'found' ? b('Found child report', 'ملنے والے بچے کی رپورٹ') : b('Missing child report', 'گمشدہ بچے کی رپورٹ')),
    basis: b('ZARRA 2020 [unconfirmed guidance]', 'زارا 2020 [غیر مصدقہ رہنمائی]'),
    categories: ['missing', 'found'],
    Body: MissingReportForm,
  },
  handover: {
    name: 'handover',
    code: 'CHD-10',
    title: b('Recovery and hand-over receipt', 'بازیابی اور حوالگی کی رسید'),
    basis: b('Practice (CPU progress reports)', 'رائج طریقہ'),
    categories: ['missing', 'found', 'at_risk'],
    Body: HandoverForm,
  },
};

/** The form's title for this case. */
export function formTitle(form: FormName, record: CaseRecord): Bilingual {
  const spec = FORMS[form];
  return spec.titleFor ? spec.titleFor(record) : spec.title;
}

/**
 * Why this form cannot be printed for this case, in words without names (for an error detail), or null.
 * A referral letter needs a referral; notices to a guardian or probation officer belong to juvenile cases.
 */
export function formUnavailable(form: FormName, record: CaseRecord, referralIndex?: number): string | null {
  const spec = FORMS[form];
  if (!spec.categories.includes(record.category)) {
    return `The ${form} form is for ${spec.categories.join(', ')} cases; this case is ${record.category}.`;
  }
  if (form === 'referral') {
    if (record.referrals.length === 0) return 'The case has no referral recorded: add the referral first.';
    if (referralIndex === undefined && record.referrals.length > 1) {
      return `The case has ${record.referrals.length} referrals: choose one (1 to ${record.referrals.length}).`;
    }
    if (referralIndex !== undefined && (referralIndex < 0 || referralIndex >= record.referrals.length)) {
      return `The case has ${record.referrals.length} referral(s): choose 1 to ${record.referrals.length}.`;
    }
  }
  return null;
}
