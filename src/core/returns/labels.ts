import type { CaseCategory, Gender } from '../case-model.js';
import type { Bilingual } from '../checklist/rules.js';
import type { BailOutcome, DiversionOutcome, ProductionOutcome, Ratio, ReferralPartner, ReturnAgeBand, TimelinessOutcome } from './types.js';

/**
 * Every word of the monthly return, in English and Urdu: the printed return, the CSV and XLSX exports and the
 * charts take their labels from here, so a CPU officer reads the same term everywhere. The category, gender,
 * age-band, partner and bail words are those of the printed case forms (src/forms/words.ts) and the screens;
 * they are repeated here because core may not import forms.
 *
 * `{hours}` in a label is filled with fillHours (the guardian target is a station setting).
 */

const b = (en: string, ur: string): Bilingual => ({ en, ur });

export type ReturnLang = 'en' | 'ur';

export const RETURN_TABLE_IDS = ['summary', 'children', 'custody', 'bail', 'diversion', 'missing', 'referrals'] as const;
export type ReturnTableId = (typeof RETURN_TABLE_IDS)[number];

const CATEGORY: Record<CaseCategory, Bilingual> = {
  in_conflict: b('Juvenile accused (in conflict with the law)', 'کم عمر ملزم'),
  victim: b('Child victim', 'متاثرہ بچہ'),
  witness: b('Child witness', 'بچہ گواہ'),
  missing: b('Missing child', 'گمشدہ بچہ'),
  found: b('Found child', 'ملنے والا بچہ'),
  at_risk: b('Child at risk', 'خطرے سے دوچار بچہ'),
};

const GENDER: Record<Gender, Bilingual> = {
  male: b('Boy', 'لڑکا'),
  female: b('Girl', 'لڑکی'),
  transgender: b('Transgender', 'خواجہ سرا'),
};

const AGE_BAND: Record<ReturnAgeBand, Bilingual> = {
  under_10: b('Under 10', '10 سال سے کم'),
  '10_13': b('10 to 13', '10 سے 13 سال'),
  '14_15': b('14 to 15', '14 سے 15 سال'),
  '16_17': b('16 to 17', '16 سے 17 سال'),
  adult_18_plus: b('18 or over', '18 سال یا زیادہ'),
  unknown: b('Age not recorded', 'عمر درج نہیں'),
};

const PRODUCTION: Record<ProductionOutcome, Bilingual> = {
  within_24h: b('Produced within 24 h', '24 گھنٹوں میں پیش'),
  released_within_24h: b('Released within 24 h, not produced', '24 گھنٹوں میں رہا، پیش نہیں ہوا'),
  after_24h: b('Produced after 24 h', '24 گھنٹوں کے بعد پیش'),
  inconsistent_times: b('Production time before arrest: check the case', 'پیشی کا وقت گرفتاری سے پہلے: کیس چیک کریں'),
  not_recorded: b('No production recorded', 'پیشی درج نہیں'),
};

const GUARDIAN_TIMELINESS: Record<TimelinessOutcome, Bilingual> = {
  within_target: b('Within {hours} h', '{hours} گھنٹوں کے اندر'),
  later: b('Later', 'بعد میں'),
  not_recorded: b('Not recorded', 'درج نہیں'),
};

const LEGAL_TIMELINESS: Record<TimelinessOutcome, Bilingual> = {
  within_target: b('Within 24 h', '24 گھنٹوں کے اندر'),
  later: b('After 24 h', '24 گھنٹوں کے بعد'),
  not_recorded: b('Not recorded', 'درج نہیں'),
};

const BAIL: Record<BailOutcome, Bilingual> = {
  released_on_bail: b('Released on bail', 'ضمانت پر رہا'),
  placed_with_suitable_person: b('Placed with a suitable person', 'موزوں شخص کے حوالے'),
  placed_in_jrc: b('Placed in a Juvenile Rehabilitation Centre', 'جووینائل بحالی مرکز میں'),
  bail_granted: b('Heinous offence: bail granted', 'سنگین جرم: ضمانت منظور'),
  bail_refused: b('Heinous offence: bail refused', 'سنگین جرم: ضمانت نامنظور'),
  pending: b('Heinous offence: decision pending', 'سنگین جرم: فیصلہ زیر التوا'),
  not_recorded: b('Not recorded', 'درج نہیں'),
};

const DIVERSION: Record<DiversionOutcome, Bilingual> = {
  referred_to_jjc: b('Referred to the Juvenile Justice Committee', 'جووینائل جسٹس کمیٹی کو بھیجا'),
  not_referred: b('Not referred', 'نہیں بھیجا'),
  not_eligible_heinous: b('Heinous offence: not eligible', 'سنگین جرم: اہل نہیں'),
  not_recorded: b('No decision recorded', 'فیصلہ درج نہیں'),
};

const PARTNER: Record<ReferralPartner, Bilingual> = {
  edhi: b('Edhi Foundation', 'ایدھی فاؤنڈیشن'),
  swd: b('Social Welfare Department', 'محکمہ سماجی بہبود'),
  pcpc: b('Police Child Protection Centre', 'پولیس چائلڈ پروٹیکشن سینٹر'),
  cpwb: b('Child Protection and Welfare Bureau', 'چائلڈ پروٹیکشن اینڈ ویلفیئر بیورو'),
  shelter: b('Shelter', 'پناہ گاہ'),
  hospital: b('Hospital', 'ہسپتال'),
  legal_aid: b('Legal aid', 'قانونی امداد'),
  ngo: b('Non-governmental organisation', 'غیر سرکاری تنظیم'),
  other: b('Other', 'دیگر'),
};

const TABLE: Record<ReturnTableId | 'data' | 'about', { title: Bilingual; sheet: Bilingual; note: Bilingual }> = {
  summary: {
    title: b('Summary by police station', 'تھانہ وار خلاصہ'),
    sheet: b('Summary', 'خلاصہ'),
    note: b(
      'Cases are counted in the month the child came to the police (Pakistan time). Percentages are of the juveniles arrested.',
      'کیس اس مہینے میں شمار ہوتے ہیں جب بچہ پولیس کے پاس آیا (پاکستانی وقت)۔ فیصد گرفتار کم عمر ملزمان میں سے ہیں۔',
    ),
  },
  children: {
    title: b('Children by category, gender and age', 'بچے: قسم، جنس اور عمر کے لحاظ سے'),
    sheet: b('Children', 'بچے'),
    note: b(
      'Age at report: from the date of birth, else the age recorded at report, else the age claimed or apparent.',
      'اندراج کے وقت کی عمر: تاریخ پیدائش سے، ورنہ اندراج پر درج عمر، ورنہ بتائی گئی یا ظاہری عمر۔',
    ),
  },
  custody: {
    title: b('Custody and court: arrested juveniles (A2, A4, A5, A6)', 'حراست اور عدالت: گرفتار کم عمر ملزمان'),
    sheet: b('Custody and court', 'حراست اور عدالت'),
    note: b(
      'Every arrested juvenile is in exactly one column of each group. Produced exactly 24 h after arrest counts as within 24 h.',
      'ہر گرفتار کم عمر ملزم ہر گروپ کے صرف ایک کالم میں ہے۔ گرفتاری کے ٹھیک 24 گھنٹے بعد پیشی 24 گھنٹوں کے اندر شمار ہوتی ہے۔',
    ),
  },
  bail: {
    title: b('Bail of arrested juveniles (A10, A11)', 'گرفتار کم عمر ملزمان کی ضمانت'),
    sheet: b('Bail', 'ضمانت'),
    note: b('The outcome recorded on the checklist; heinous offences record the court’s decision.', 'چیک لسٹ پر درج نتیجہ؛ سنگین جرائم میں عدالت کا فیصلہ۔'),
  },
  diversion: {
    title: b('Diversion: referral to the Juvenile Justice Committee (A9)', 'ڈائیورژن: جووینائل جسٹس کمیٹی کو ریفرل'),
    sheet: b('Diversion', 'ڈائیورژن'),
    note: b(
      'Of all juveniles accused. A9 applies to minor and major offences; the referral percentage leaves out heinous offences with no decision.',
      'تمام کم عمر ملزمان میں سے۔ یہ اصول معمولی اور بڑے جرائم پر لاگو ہے؛ ریفرل کی فیصد میں سنگین جرائم شامل نہیں۔',
    ),
  },
  missing: {
    title: b('Missing children (M3)', 'گمشدہ بچے'),
    sheet: b('Missing children', 'گمشدہ بچے'),
    note: b(
      'Reported: missing children reported in the month. Recovered: children recovered in the month, whenever they were reported (by the recovery time; else the hand-over time; else, when the district confirmed a match with a found child, the month it was confirmed), out of the children sought in the month (reported by its end and not recovered before it). Handed over: hand-overs in the month, out of the children recovered by its end and not handed over before it. A child handed over counts as recovered.',
      'رپورٹ: مہینے میں رپورٹ ہونے والے گمشدہ بچے۔ بازیاب: مہینے میں بازیاب ہونے والے بچے، خواہ کبھی رپورٹ ہوئے ہوں (بازیابی کے وقت سے؛ ورنہ حوالگی کے وقت سے؛ ورنہ ضلع نے کسی ملنے والے بچے سے میچ کی تصدیق جس مہینے کی)، مہینے میں تلاش کیے جانے والے بچوں میں سے (مہینے کے آخر تک رپورٹ شدہ اور اس سے پہلے بازیاب نہ ہونے والے)۔ حوالے: مہینے میں حوالگی، مہینے کے آخر تک بازیاب اور اس سے پہلے حوالے نہ کیے گئے بچوں میں سے۔ حوالے کیا گیا بچہ بازیاب شمار ہوتا ہے۔',
    ),
  },
  referrals: {
    title: b('Referrals by partner', 'شراکت داروں کو ریفرل'),
    sheet: b('Referrals', 'ریفرل'),
    note: b('Referrals recorded on the month’s cases; a case may be referred to several partners.', 'مہینے کے کیسوں پر درج ریفرل؛ ایک کیس کئی جگہ بھیجا جا سکتا ہے۔'),
  },
  data: {
    title: b('All figures, one per row (for pivot tables)', 'تمام اعداد، ہر سطر میں ایک (پیوٹ ٹیبل کے لیے)'),
    sheet: b('Data', 'ڈیٹا'),
    note: b(
      'Rows for "All stations" are the district totals: filter them out before adding stations up.',
      '"تمام تھانے" والی سطریں ضلعی میزان ہیں: تھانوں کو جمع کرنے سے پہلے انہیں الگ کریں۔',
    ),
  },
  about: {
    title: b('Monthly return of the police child help desks', 'پولیس چائلڈ ہیلپ ڈیسک کی ماہانہ رپورٹ'),
    sheet: b('About', 'تعارف'),
    note: b('Juvenile Justice System Act, 2018. Confidential: no child is named in this return (JJSA s.13).', 'جووینائل جسٹس سسٹم ایکٹ 2018۔ خفیہ: اس رپورٹ میں کسی بچے کا نام نہیں (دفعہ 13)۔'),
  },
};

const FIGURE = {
  cases: b('Cases reported', 'درج کیس'),
  children: b('Children', 'بچے'),
  juvenilesAccused: b('Juveniles accused', 'کم عمر ملزمان'),
  arrested: b('Juveniles arrested', 'گرفتار کم عمر ملزمان'),
  production: b('Produced before the court (A6)', 'عدالت میں پیشی (A6)'),
  producedWithin24h: b('Produced before the court within 24 h of arrest (A6)', 'گرفتاری کے 24 گھنٹوں میں عدالت میں پیشی (A6)'),
  guardianInformed: b('Guardian informed (A2)', 'سرپرست کو اطلاع (A2)'),
  guardianWithinTarget: b('Guardian informed within {hours} h of arrest (A2)', 'گرفتاری کے {hours} گھنٹوں میں سرپرست کو اطلاع (A2)'),
  legalAssistance: b('Legal practitioner informed the juvenile of rights (A4)', 'وکیل کے ذریعے حقوق سے آگاہی (A4)'),
  legalWithin24h: b('Legal practitioner within 24 h of custody (A4)', 'حراست کے 24 گھنٹوں میں وکیل (A4)'),
  lockupOrJail: b('Kept in a police lock-up or jail (A5: should be none)', 'تھانے کی حوالات یا جیل میں رکھا گیا (A5: صفر ہونا چاہیے)'),
  lockupOrJailHeinous: b('… of them, heinous offence', '… ان میں سنگین جرم'),
  bail: b('Bail outcome (A10, A11)', 'ضمانت کا نتیجہ'),
  diversion: b('Diversion decision (A9)', 'ڈائیورژن کا فیصلہ (A9)'),
  referredToJjc: b('Referred to the JJC, of juveniles eligible or undecided', 'جے جے سی کو ریفرل، اہل یا غیر فیصلہ شدہ ملزمان میں سے'),
  missingReported: b('Missing children reported', 'گمشدہ بچوں کی رپورٹ'),
  missingSought: b('Missing children sought in the month', 'مہینے میں زیرِ تلاش گمشدہ بچے'),
  missingRecovered: b('Recovered in the month', 'مہینے میں بازیاب'),
  missingRecoveredByMatch: b('… of them, by a confirmed district match', '… ان میں ضلعی میچ کی تصدیق سے'),
  missingHandedOver: b('Handed over in the month', 'مہینے میں حوالے کیے گئے'),
  referrals: b('Referrals', 'ریفرل'),
  referralsTotal: b('Referrals, all partners', 'کل ریفرل'),
  referralCases: b('Cases with a referral', 'ریفرل والے کیس'),
} as const satisfies Record<string, Bilingual>;
export type ReturnFigureId = keyof typeof FIGURE;

const COLUMN = {
  month: b('Month', 'مہینہ'),
  district: b('District', 'ضلع'),
  station: b('Police station', 'تھانہ'),
  table: b('Table', 'جدول'),
  figure: b('Figure', 'مد'),
  category: b('Category', 'قسم'),
  gender: b('Gender', 'جنس'),
  ageBand: b('Age band', 'عمر کا درجہ'),
  outcome: b('Outcome', 'نتیجہ'),
  count: b('Count', 'تعداد'),
  of: b('Out of', 'کل میں سے'),
  percent: b('Percent', 'فیصد'),
  key: b('Key', 'کوڈ'),
  total: b('Total', 'کل'),
  percentOfArrested: b('% of arrested', 'گرفتار میں سے %'),
  percentOfSought: b('% of sought', 'زیرِ تلاش میں سے %'),
  percentOfAwaitingHandover: b('% of recovered, not yet handed over', 'بازیاب مگر حوالے نہ کیے گئے میں سے %'),
  period: b('Period (UTC)', 'مدت (یو ٹی سی)'),
  guardianTarget: b('Guardian target (hours)', 'سرپرست کو اطلاع کا ہدف (گھنٹے)'),
  rowsCounted: b('Cases counted', 'شمار شدہ کیس'),
  definitions: b('Definitions', 'تعریفیں'),
} as const satisfies Record<string, Bilingual>;

export const RETURN_LABELS = {
  table: TABLE,
  figure: FIGURE,
  column: COLUMN,
  category: CATEGORY,
  gender: GENDER,
  ageBand: AGE_BAND,
  production: PRODUCTION,
  guardianTimeliness: GUARDIAN_TIMELINESS,
  legalTimeliness: LEGAL_TIMELINESS,
  bail: BAIL,
  diversion: DIVERSION,
  partner: PARTNER,
  allStations: b('All stations', 'تمام تھانے'),
  of: b('{count} of {of}', '{of} میں سے {count}'),
  none: b('—', '—'),
} as const;

/** A label with its `{hours}` filled in. */
export function fillHours(label: Bilingual, hours: number): Bilingual {
  const text = String(hours);
  return { en: label.en.replaceAll('{hours}', text), ur: label.ur.replaceAll('{hours}', text) };
}

/** "7 of 9 (77.8%)" / "9 میں سے 7 (77.8%)": a ratio with its denominator, as printed. */
export function formatRatio(value: Ratio, lang: ReturnLang): string {
  const words = RETURN_LABELS.of[lang].replace('{count}', String(value.count)).replace('{of}', String(value.of));
  return value.percent === null ? words : `${words} (${value.percent}%)`;
}

/** "November 2026" / "نومبر 2026". */
const MONTH_NAMES: readonly Bilingual[] = [
  b('January', 'جنوری'), b('February', 'فروری'), b('March', 'مارچ'), b('April', 'اپریل'), b('May', 'مئی'), b('June', 'جون'),
  b('July', 'جولائی'), b('August', 'اگست'), b('September', 'ستمبر'), b('October', 'اکتوبر'), b('November', 'نومبر'), b('December', 'دسمبر'),
];

export function monthLabel(month: string): Bilingual {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? b(month, month);
  return { en: `${name.en} ${month.slice(0, 4)}`, ur: `${name.ur} ${month.slice(0, 4)}` };
}

/** "Nov 26" / "نومبر 26": a month on a chart axis. */
export function shortMonthLabel(month: string): Bilingual {
  const name = MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? b(month, month);
  return { en: `${name.en.slice(0, 3)} ${month.slice(2, 4)}`, ur: `${name.ur} ${month.slice(2, 4)}` };
}
