import type { AgeBand } from '../core/age.js';
import type { CaseCategory, Gender } from '../core/case-model.js';
import type { ObligationState } from '../core/checklist/evaluate.js';
import type { RuleStatus } from '../core/checklist/rules.js';
import type { OffenceClass } from '../core/offence-table.js';
import type { Role } from '../core/roles.js';
import type { Bilingual } from './types.js';

/**
 * The printed forms' vocabulary in English and Urdu. Urdu words follow the app's screens (src/renderer/i18n)
 * so an officer reads the same term on paper as on screen.
 */

export const b = (en: string, ur: string): Bilingual => ({ en, ur });

export const CATEGORY: Record<CaseCategory, Bilingual> = {
  in_conflict: b('Juvenile accused (in conflict with the law)', 'کم عمر ملزم'),
  victim: b('Child victim', 'متاثرہ بچہ'),
  witness: b('Child witness', 'بچہ گواہ'),
  missing: b('Missing child', 'گمشدہ بچہ'),
  found: b('Found child', 'ملنے والا بچہ'),
  at_risk: b('Child at risk', 'خطرے سے دوچار بچہ'),
};

export const GENDER: Record<Gender, Bilingual> = {
  male: b('Boy', 'لڑکا'),
  female: b('Girl', 'لڑکی'),
  transgender: b('Transgender', 'خواجہ سرا'),
};

export const CUSTODY_PLACE: Record<string, Bilingual> = {
  observation_home: b('Observation home', 'آبزرویشن ہوم'),
  police_lockup: b('Police lock-up', 'تھانے کی حوالات'),
  jail: b('Jail', 'جیل'),
  juvenile_rehabilitation_centre: b('Juvenile Rehabilitation Centre', 'بحالی مرکز برائے کم عمر'),
  suitable_person: b('Suitable person', 'موزوں شخص'),
  guardian: b('With the guardian', 'سرپرست کے پاس'),
  hospital: b('Hospital', 'ہسپتال'),
  other: b('Other', 'دیگر'),
};

export const PARTNER: Record<string, Bilingual> = {
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

/** What a referral to each kind of partner asks for: the letter's purpose line. */
export const REFERRAL_PURPOSE: Record<string, Bilingual> = {
  edhi: b('care and shelter of the child until the child can safely return to the family', 'بچے کی دیکھ بھال اور پناہ، جب تک وہ محفوظ طریقے سے خاندان کے پاس واپس نہ جا سکے'),
  swd: b('assessment of the child’s welfare needs and placement or support', 'بچے کی فلاحی ضروریات کا جائزہ اور رہائش یا معاونت'),
  pcpc: b('protection, care and psychosocial support', 'تحفظ، دیکھ بھال اور نفسیاتی و سماجی معاونت'),
  cpwb: b('protection, care and rehabilitation', 'تحفظ، دیکھ بھال اور بحالی'),
  shelter: b('safe shelter and care', 'محفوظ پناہ اور دیکھ بھال'),
  hospital: b('medical examination and treatment', 'طبی معائنہ اور علاج'),
  legal_aid: b('legal assistance at State expense', 'سرکاری خرچ پر قانونی معاونت'),
  ngo: b('support, counselling and follow-up', 'معاونت، مشاورت اور پیروی'),
  other: b('support and care', 'معاونت اور دیکھ بھال'),
};

export const STATE: Record<ObligationState, Bilingual> = {
  pending: b('Pending', 'باقی'),
  due_soon: b('Due soon', 'جلد واجب'),
  overdue: b('Overdue', 'تاخیر'),
  done: b('Done', 'مکمل'),
  not_applicable: b('Not applicable', 'لاگو نہیں'),
  switched_off: b('Switched off', 'بند'),
  cannot_compute: b('Cannot compute', 'حساب ممکن نہیں'),
};

/**
 * The legal reference's status words, as printed. An unconfirmed rule is never presented as law: its status
 * says so in both languages wherever it appears.
 */
export const RULE_STATUS: Record<RuleStatus, Bilingual> = {
  text: b('Law (text of the Act)', 'قانون کا متن'),
  'case-law': b('Case-law', 'عدالتی نظیر'),
  unconfirmed: b('Unconfirmed guidance — not confirmed law', 'غیر مصدقہ رہنمائی، مصدقہ قانون نہیں'),
  practice: b('Practice', 'رائج طریقہ'),
};

export const OFFENCE_CLASS: Record<OffenceClass | 'unknown', Bilingual> = {
  minor: b('Minor (up to 3 years)', 'معمولی (3 سال تک)'),
  major: b('Major (over 3, up to 7 years)', 'بڑا (3 سے زائد، 7 سال تک)'),
  heinous: b('Heinous (over 7 years, life or death)', 'سنگین (7 سال سے زائد، عمر قید یا موت)'),
  unknown: b('Unknown: maximum punishment not recorded', 'نامعلوم: زیادہ سے زیادہ سزا درج نہیں'),
};

export const AGE_BAND: Record<AgeBand, Bilingual> = {
  under_10: b('Under 10', '10 سال سے کم'),
  '10_13': b('10 to 13', '10 سے 13 سال'),
  '14_15': b('14 to 15', '14 سے 15 سال'),
  '16_17': b('16 to 17', '16 سے 17 سال'),
  adult_18_plus: b('18 or over', '18 سال یا زیادہ'),
};

export const AGE_EVIDENCE: Record<string, Bilingual> = {
  birth_certificate: b('Birth certificate', 'پیدائش کا سرٹیفکیٹ'),
  nadra_bform_crc: b('NADRA B-Form / CRC', 'نادرا ب فارم / سی آر سی'),
  school_certificate: b('School certificate', 'اسکول سرٹیفکیٹ'),
  medical_examination: b('Medical officer’s examination', 'میڈیکل افسر کا معائنہ'),
  none: b('No evidence available', 'کوئی ثبوت دستیاب نہیں'),
};

export const CHOICE: Record<string, Bilingual> = {
  ...AGE_EVIDENCE,
  in_person: b('In person', 'بالمشافہ'),
  phone: b('Phone', 'فون'),
  message: b('Message', 'پیغام'),
  letter: b('Letter', 'خط'),
  sub_inspector: b('Sub-Inspector', 'سب انسپکٹر'),
  inspector: b('Inspector', 'انسپکٹر'),
  dsp: b('DSP', 'ڈی ایس پی'),
  sp: b('SP', 'ایس پی'),
  referred_to_jjc: b('Referred to the Juvenile Justice Committee', 'جووینائل جسٹس کمیٹی کو بھیجا'),
  not_referred: b('Not referred', 'نہیں بھیجا'),
  released_on_bail: b('Released on bail', 'ضمانت پر رہا'),
  placed_with_suitable_person: b('Placed with a suitable person', 'موزوں شخص کے حوالے'),
  placed_in_jrc: b('Placed in a Juvenile Rehabilitation Centre', 'جووینائل بحالی مرکز میں'),
  bail_granted: b('Bail granted', 'ضمانت منظور'),
  bail_refused: b('Bail refused', 'ضمانت نامنظور'),
  pending: b('Pending', 'زیر التوا'),
};

export const ROLE: Record<Role, Bilingual> = {
  desk_officer: b('Desk officer', 'ڈیسک افسر'),
  station_incharge: b('SHO / in-charge', 'ایس ایچ او / انچارج'),
  district_officer: b('District CPU officer', 'ضلعی سی پی یو افسر'),
};

/** Labels shared by several forms. */
export const L = {
  agency: b('Police Child Help Desk', 'پولیس چائلڈ ہیلپ ڈیسک'),
  station: b('Police station', 'تھانہ'),
  district: b('District', 'ضلع'),
  caseNumber: b('Case number', 'کیس نمبر'),
  revision: b('Revision', 'نظرثانی'),
  printedBy: b('Printed by', 'پرنٹ کنندہ'),
  printedAt: b('Printed at (PKT)', 'پرنٹ کا وقت'),
  timesNote: b('All times are Pakistan Standard Time (Asia/Karachi).', 'تمام اوقات پاکستان کے معیاری وقت کے مطابق ہیں۔'),
  qrCaption: b('Scan to check this paper against the register', 'اس کاغذ کی رجسٹر سے تصدیق کے لیے اسکین کریں'),
  preview: b('PREVIEW — not signed; print from the register for a valid copy', 'پیش منظر — دستخط شدہ نہیں؛ درست نقل کے لیے رجسٹر سے پرنٹ کریں'),
  confidential: b('Confidential: JJSA 2018 s.13 forbids disclosing anything that may identify the child.', 'خفیہ: جے جے ایس اے 2018 دفعہ 13 کے تحت بچے کی شناخت ظاہر کرنے والی کوئی بات افشا کرنا منع ہے۔'),
  child: b('Child', 'بچہ'),
  name: b('Name', 'نام'),
  altName: b('Name (other script)', 'دوسرے رسم الخط میں نام'),
  fatherName: b('Father’s / guardian’s name', 'والد / سرپرست کا نام'),
  gender: b('Gender', 'جنس'),
  dateOfBirth: b('Date of birth', 'تاریخ پیدائش'),
  claimedAge: b('Age claimed or apparent', 'بتائی گئی یا ظاہری عمر'),
  age: b('Age', 'عمر'),
  ageYears: b('years', 'سال'),
  ageBand: b('Age band', 'عمر کا درجہ'),
  bForm: b('B-Form / CRC number', 'ب فارم / سی آر سی نمبر'),
  address: b('Address', 'پتہ'),
  language: b('Language', 'زبان'),
  disability: b('Disability / special needs', 'معذوری / خصوصی ضروریات'),
  guardian: b('Guardian', 'سرپرست'),
  relation: b('Relation', 'رشتہ'),
  phone: b('Phone', 'فون'),
  offence: b('Offence', 'جرم'),
  firNumber: b('FIR number', 'ایف آئی آر نمبر'),
  firDate: b('FIR date', 'ایف آئی آر کی تاریخ'),
  sections: b('Sections', 'دفعات'),
  maxPunishment: b('Maximum punishment', 'زیادہ سے زیادہ سزا'),
  offenceClass: b('Offence class', 'جرم کا درجہ'),
  custody: b('Custody', 'حراست'),
  arrestedAt: b('Arrested at', 'گرفتاری کا وقت'),
  custodyPlace: b('Place of custody', 'حراست کی جگہ'),
  producedAt: b('Produced before the court', 'عدالت میں پیشی'),
  releasedAt: b('Released at', 'رہائی کا وقت'),
  category: b('Category', 'قسم'),
  status: b('Status', 'حیثیت'),
  reportedAt: b('Came to the police', 'پولیس کے پاس آنے کا وقت'),
  open: b('Open', 'کھلا'),
  closed: b('Closed', 'بند'),
  notes: b('Notes', 'نوٹس'),
  referrals: b('Referrals', 'ریفرل'),
  referredTo: b('Referred to', 'کس کو بھیجا'),
  referredAt: b('Referred at', 'بھیجنے کا وقت'),
  outcome: b('Outcome', 'نتیجہ'),
  none: b('None recorded', 'کچھ درج نہیں'),
  notRecorded: b('not recorded', 'درج نہیں'),
  signature: b('Signature', 'دستخط'),
  nameRank: b('Name and rank', 'نام اور عہدہ'),
  date: b('Date', 'تاریخ'),
  stamp: b('Station stamp', 'تھانے کی مہر'),
  officer: b('Officer', 'افسر'),
  sho: b('SHO / officer in charge', 'ایس ایچ او / انچارج افسر'),
  io: b('Investigating officer', 'تفتیشی افسر'),
  receivedBy: b('Received by', 'وصول کنندہ'),
  thumb: b('Signature or thumb impression', 'دستخط یا انگوٹھے کا نشان'),
  cnic: b('CNIC number', 'شناختی کارڈ نمبر'),
  to: b('To', 'بنام'),
  subject: b('Subject', 'موضوع'),
  legalBasis: b('Legal basis', 'قانونی بنیاد'),
  years: b('years', 'سال'),
  life: b('imprisonment for life', 'عمر قید'),
  death: b('death', 'سزائے موت'),
  yes: b('Yes', 'ہاں'),
  no: b('No', 'نہیں'),
};
