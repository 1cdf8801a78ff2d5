import type { AgeBand } from '../age.js';
import type { CaseCategory } from '../case-model.js';
import type { OffenceClass } from '../offence-table.js';

/**
 * The statutory rule pack: one entry per row of the legal reference (shared/domain/jjsa-police-duties.md), with
 * the same id, citation and status. Rules are data; `evaluate` is the only code that reads them.
 */
export const RULE_PACK_VERSION = 'jjsa-2018.1';

export type RuleStatus = 'text' | 'case-law' | 'unconfirmed' | 'practice';
export type Bilingual = { en: string; ur: string };

/** The recorded event a clock starts from. */
export type ClockEvent = 'arrest' | 'report' | 'production' | 'recovery';

export type RuleClock =
  | { kind: 'hours'; from: ClockEvent; hours: number }
  | { kind: 'months'; from: ClockEvent; months: number }
  /** "As soon as possible": the station's target (settings.asapTargetHours) gives the clock. */
  | { kind: 'asap'; from: ClockEvent }
  /** A standing duty (always / throughout custody): confirmed, never due. */
  | { kind: 'standing' };

export type EvidenceField =
  | { key: string; kind: 'choice'; options: readonly string[]; required: boolean; label: Bilingual }
  | { key: string; kind: 'text' | 'datetime'; required: boolean; label: Bilingual }
  | { key: string; kind: 'confirm'; required: true; label: Bilingual };

export type Applicability = {
  categories: readonly CaseCategory[];
  /** Only while the child is or was in police custody (an arrest is recorded). */
  arrested?: boolean;
  offenceClasses?: readonly OffenceClass[];
  genders?: readonly ('male' | 'female' | 'transgender')[];
  /** Age band at arrest (or at report when there is no arrest). */
  ageBands?: readonly AgeBand[];
  /** Only once the missing child has been recovered. */
  recovered?: boolean;
};

/** What the case data itself can settle, without an officer recording evidence. */
export type AutoCheck =
  /** Done when this event happened by the due time (A6: produced or released within 24 hours). */
  | { kind: 'event_by_due'; events: readonly ('produced' | 'released')[] }
  /** Not needed any more once the child is released (A5, A12). */
  | { kind: 'ends_on_release' }
  /** Violated at once when the child is held in one of these places, unless the offence is heinous (A5). */
  | { kind: 'forbidden_custody'; places: readonly string[]; exceptClasses: readonly OffenceClass[] }
  /** Done when these case fields are all recorded (M3: hand-over). */
  | { kind: 'fields_recorded'; fields: readonly string[] };

export type Rule = {
  id: string;
  title: Bilingual;
  explanation: Bilingual;
  actor: Bilingual;
  basis: string;
  status: RuleStatus;
  /**
   * What the reference adds to the status word (A6: "text (Art.10(2)); JJSA-specific rule unconfirmed"), shown
   * beside the status on screens and forms so a mixed status is never read as the plain word.
   */
  statusNote?: Bilingual;
  /** Where the reference gives a different status for some children (A11: under 16 is unconfirmed). */
  statusForAgeBands?: { bands: readonly AgeBand[]; status: RuleStatus; note: Bilingual };
  applies: Applicability;
  clock: RuleClock;
  auto?: readonly AutoCheck[];
  evidence: readonly EvidenceField[];
};

const JUVENILE = ['in_conflict'] as const;
const MISSING = ['missing', 'found'] as const;

const informedFields = (whoEn: string, whoUr: string): EvidenceField[] => [
  { key: 'informedPerson', kind: 'text', required: true, label: { en: whoEn, ur: whoUr } },
  { key: 'method', kind: 'choice', options: ['in_person', 'phone', 'message', 'letter'], required: true, label: { en: 'How', ur: 'کیسے' } },
  { key: 'informedAt', kind: 'datetime', required: true, label: { en: 'When', ur: 'کب' } },
];
const confirmed: EvidenceField = { key: 'confirmed', kind: 'confirm', required: true, label: { en: 'Confirmed by the officer', ur: 'افسر نے تصدیق کی' } };

export const RULES: readonly Rule[] = [
  {
    id: 'A1',
    title: { en: 'Determine the age', ur: 'عمر کا تعین' },
    explanation: {
      en: 'From a birth certificate, NADRA B-Form/CRC, school certificate or other document; a medical opinion only where no document exists. B-Form and birth certificate outrank a private school certificate. Record which evidence was used.',
      ur: 'پیدائش سرٹیفکیٹ، نادرا ب فارم/سی آر سی، اسکول سرٹیفکیٹ یا کسی اور دستاویز سے؛ طبی رائے صرف تب جب کوئی دستاویز نہ ہو۔ ب فارم اور پیدائش سرٹیفکیٹ نجی اسکول سرٹیفکیٹ پر فوقیت رکھتے ہیں۔ استعمال شدہ ثبوت درج کریں۔',
    },
    actor: { en: 'Officer in charge or investigating officer', ur: 'انچارج افسر یا تفتیشی افسر' },
    basis: 'JJSA s.8; PLD 2020 SC 356; PLJ 2024 Cr.C. 1175 (LHC)',
    status: 'case-law',
    applies: { categories: JUVENILE },
    clock: { kind: 'asap', from: 'arrest' },
    evidence: [
      { key: 'ageEvidence', kind: 'choice', options: ['birth_certificate', 'nadra_bform_crc', 'school_certificate', 'medical_examination', 'none'], required: true, label: { en: 'Evidence relied on', ur: 'جس ثبوت پر انحصار کیا' } },
      { key: 'documentNumber', kind: 'text', required: false, label: { en: 'Document number', ur: 'دستاویز نمبر' } },
    ],
  },
  {
    id: 'A2',
    title: { en: 'Inform the guardian', ur: 'سرپرست کو اطلاع' },
    explanation: { en: 'Inform the guardian of the arrest and direct them to attend the Juvenile Court.', ur: 'سرپرست کو گرفتاری کی اطلاع دیں اور جووینائل کورٹ میں حاضری کی ہدایت کریں۔' },
    actor: { en: 'Officer in charge', ur: 'انچارج افسر' },
    basis: 'JJSA s.5',
    status: 'case-law',
    statusNote: { en: 'No fixed hours in the text read: the clock is the station’s target.', ur: 'پڑھے گئے متن میں مقررہ گھنٹے نہیں: گھڑی تھانے کا ہدف ہے۔' },
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'asap', from: 'arrest' },
    evidence: informedFields('Guardian informed', 'کس سرپرست کو اطلاع دی'),
  },
  {
    id: 'A3',
    title: { en: 'Inform the probation officer', ur: 'پروبیشن افسر کو اطلاع' },
    explanation: { en: 'So that background information on the child can be gathered.', ur: 'تاکہ بچے کے پس منظر کی معلومات جمع کی جا سکیں۔' },
    actor: { en: 'Officer in charge', ur: 'انچارج افسر' },
    basis: 'JJSA s.5',
    status: 'case-law',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'asap', from: 'arrest' },
    evidence: informedFields('Probation officer informed', 'کس پروبیشن افسر کو اطلاع دی'),
  },
  {
    id: 'A4',
    title: { en: 'Legal practitioner informs the juvenile of rights', ur: 'وکیل کے ذریعے حقوق سے آگاہی' },
    explanation: { en: 'A legal practitioner of at least seven years’ standing, at State expense, within 24 hours of custody.', ur: 'کم از کم سات سالہ تجربے والا وکیل، سرکاری خرچ پر، حراست کے 24 گھنٹوں کے اندر۔' },
    actor: { en: 'Police arrange; the legal practitioner informs', ur: 'پولیس انتظام کرے؛ وکیل آگاہ کرے' },
    basis: 'JJSA s.3',
    status: 'text',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'hours', from: 'arrest', hours: 24 },
    evidence: [
      { key: 'lawyerName', kind: 'text', required: true, label: { en: 'Legal practitioner', ur: 'وکیل کا نام' } },
      { key: 'informedAt', kind: 'datetime', required: true, label: { en: 'When', ur: 'کب' } },
    ],
  },
  {
    id: 'A5',
    title: { en: 'Observation home, never a lock-up or jail', ur: 'آبزرویشن ہوم، حوالات یا جیل ہرگز نہیں' },
    explanation: { en: 'Keep the juvenile in an observation home throughout custody; a heinous-offence case is the only exception the courts recognise.', ur: 'پوری حراست کے دوران کم عمر کو آبزرویشن ہوم میں رکھیں؛ صرف سنگین جرم کی صورت میں عدالتیں استثنا مانتی ہیں۔' },
    actor: { en: 'Officer in charge', ur: 'انچارج افسر' },
    basis: 'JJSA s.5, s.6; PLD 2022 SC 551',
    status: 'case-law',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'standing' },
    auto: [{ kind: 'forbidden_custody', places: ['police_lockup', 'jail'], exceptClasses: ['heinous'] }, { kind: 'ends_on_release' }],
    evidence: [confirmed],
  },
  {
    id: 'A6',
    title: { en: 'Produce before the court within 24 hours', ur: '24 گھنٹوں میں عدالت میں پیشی' },
    explanation: { en: 'Within 24 hours of arrest, excluding travel time. (The JJSO rule of production before the Juvenile Court is not confirmed for the JJSA.)', ur: 'گرفتاری کے 24 گھنٹوں کے اندر، سفر کا وقت شامل نہیں۔ (جووینائل کورٹ میں پیشی کا جے جے ایس او والا قاعدہ جے جے ایس اے کے لیے مصدقہ نہیں۔)' },
    actor: { en: 'Officer in charge / investigating officer', ur: 'انچارج / تفتیشی افسر' },
    basis: 'Constitution Art.10(2)',
    status: 'text',
    statusNote: { en: 'Text of Art.10(2); a JJSA-specific rule is unconfirmed.', ur: 'آرٹیکل 10(2) کا متن؛ جے جے ایس اے کا مخصوص قاعدہ غیر مصدقہ ہے۔' },
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'hours', from: 'arrest', hours: 24 },
    auto: [{ kind: 'event_by_due', events: ['produced', 'released'] }],
    evidence: [{ key: 'producedAt', kind: 'datetime', required: true, label: { en: 'Produced at', ur: 'پیشی کا وقت' } }],
  },
  {
    id: 'A7',
    title: { en: 'Investigation by a Sub-Inspector or above, supervised', ur: 'سب انسپکٹر یا اوپر سے تفتیش، نگرانی میں' },
    explanation: { en: 'Supervised by an SP/SDPO and assisted by a probation or social welfare officer.', ur: 'ایس پی/ایس ڈی پی او کی نگرانی اور پروبیشن یا سماجی بہبود افسر کی معاونت سے۔' },
    actor: { en: 'SHO assigns', ur: 'ایس ایچ او مقرر کرے' },
    basis: 'JJSA s.7; 2024 LHC 3460',
    status: 'case-law',
    applies: { categories: JUVENILE },
    clock: { kind: 'asap', from: 'report' },
    evidence: [
      { key: 'investigatingOfficer', kind: 'text', required: true, label: { en: 'Investigating officer', ur: 'تفتیشی افسر' } },
      { key: 'rank', kind: 'choice', options: ['sub_inspector', 'inspector', 'dsp', 'sp'], required: true, label: { en: 'Rank', ur: 'عہدہ' } },
      { key: 'supervisor', kind: 'text', required: true, label: { en: 'Supervising SP/SDPO', ur: 'نگران ایس پی/ایس ڈی پی او' } },
      { key: 'welfareOfficer', kind: 'text', required: false, label: { en: 'Probation/social welfare officer', ur: 'پروبیشن/سماجی بہبود افسر' } },
    ],
  },
  {
    id: 'A8',
    title: { en: 'No preventive detention', ur: 'احتیاطی حراست نہیں' },
    explanation: { en: 'A juvenile is never held under CrPC Chapter VIII or preventive-detention laws.', ur: 'کم عمر کو ضابطہ فوجداری باب ہشتم یا احتیاطی حراست کے قوانین کے تحت کبھی نہ رکھا جائے۔' },
    actor: { en: 'Officer in charge', ur: 'انچارج افسر' },
    basis: 'JJSA s.5',
    status: 'case-law',
    applies: { categories: JUVENILE },
    clock: { kind: 'standing' },
    evidence: [confirmed],
  },
  {
    id: 'A9',
    title: { en: 'Consider diversion; refer to the Juvenile Justice Committee', ur: 'ڈائیورژن پر غور؛ جووینائل جسٹس کمیٹی کو ریفرل' },
    explanation: { en: 'Refer an eligible case to the JJC during investigation; the s.173 report must state the steps taken. The JJC decides within one month. (Eligibility beyond minor and major offences is unconfirmed.)', ur: 'اہل کیس تفتیش کے دوران جے جے سی کو بھیجیں؛ چالان میں اٹھائے گئے اقدامات درج ہوں۔ کمیٹی ایک ماہ میں فیصلہ کرتی ہے۔ (معمولی اور بڑے جرائم سے آگے اہلیت غیر مصدقہ ہے۔)' },
    actor: { en: 'Investigating officer / officer in charge', ur: 'تفتیشی / انچارج افسر' },
    basis: 'JJSA s.5, s.9, s.10; 2024 LHC 3460',
    status: 'case-law',
    statusNote: { en: 'Case-law for minor and major offences; eligibility beyond them is unconfirmed.', ur: 'معمولی اور بڑے جرائم کے لیے عدالتی نظیر؛ ان سے آگے اہلیت غیر مصدقہ ہے۔' },
    applies: { categories: JUVENILE, offenceClasses: ['minor', 'major'] },
    clock: { kind: 'standing' },
    evidence: [
      { key: 'referred', kind: 'choice', options: ['referred_to_jjc', 'not_referred'], required: true, label: { en: 'Decision', ur: 'فیصلہ' } },
      { key: 'referredAt', kind: 'datetime', required: false, label: { en: 'Referred at', ur: 'ریفرل کا وقت' } },
      { key: 'reason', kind: 'text', required: false, label: { en: 'Reason if not referred', ur: 'ریفر نہ کرنے کی وجہ' } },
    ],
  },
  {
    id: 'A10',
    title: { en: 'Bail: minor and major offences are bailable', ur: 'ضمانت: معمولی اور بڑے جرائم قابل ضمانت' },
    explanation: { en: 'Release the juvenile, or place with a suitable person or a Juvenile Rehabilitation Centre under a probation officer — never in a police station or jail.', ur: 'کم عمر کو رہا کریں، یا کسی موزوں شخص یا بحالی مرکز کے حوالے پروبیشن افسر کی نگرانی میں — تھانے یا جیل میں ہرگز نہیں۔' },
    actor: { en: 'Officer in charge / court', ur: 'انچارج افسر / عدالت' },
    basis: 'JJSA s.6(1), s.6(3); PLD 2022 SC 551',
    status: 'case-law',
    applies: { categories: JUVENILE, arrested: true, offenceClasses: ['minor', 'major'] },
    clock: { kind: 'asap', from: 'arrest' },
    auto: [{ kind: 'event_by_due', events: ['released'] }],
    evidence: [{ key: 'outcome', kind: 'choice', options: ['released_on_bail', 'placed_with_suitable_person', 'placed_in_jrc'], required: true, label: { en: 'Outcome', ur: 'نتیجہ' } }],
  },
  {
    id: 'A11',
    title: { en: 'Bail in a heinous offence', ur: 'سنگین جرم میں ضمانت' },
    explanation: { en: 'A juvenile over 16 may be refused bail on reasonable grounds. Police record the facts for the court.', ur: '16 سال سے زائد کم عمر کی ضمانت معقول وجوہات پر مسترد ہو سکتی ہے۔ پولیس عدالت کے لیے حقائق درج کرے۔' },
    actor: { en: 'Court (police record the facts)', ur: 'عدالت (پولیس حقائق درج کرے)' },
    basis: 'JJSA s.6(4)',
    status: 'case-law',
    statusNote: { en: 'Case-law for a juvenile over 16; under 16 unconfirmed.', ur: '16 سال سے زائد کے لیے عدالتی نظیر؛ 16 سے کم کے لیے غیر مصدقہ۔' },
    statusForAgeBands: {
      bands: ['under_10', '10_13', '14_15'],
      status: 'unconfirmed',
      note: { en: 'Under 16: treated as entitled to bail by secondary sources only.', ur: '16 سال سے کم: صرف ثانوی ذرائع کے مطابق ضمانت کا حق۔' },
    },
    applies: { categories: JUVENILE, arrested: true, offenceClasses: ['heinous'] },
    clock: { kind: 'asap', from: 'arrest' },
    evidence: [
      { key: 'courtDecision', kind: 'choice', options: ['bail_granted', 'bail_refused', 'pending'], required: true, label: { en: 'Court decision', ur: 'عدالتی فیصلہ' } },
      { key: 'decidedAt', kind: 'datetime', required: false, label: { en: 'Decided at', ur: 'فیصلے کا وقت' } },
    ],
  },
  {
    id: 'A12',
    title: { en: 'Bail as of right after six months’ detention', ur: 'چھ ماہ حراست کے بعد ضمانت کا حق' },
    explanation: { en: 'After six months’ continuous detention with the trial not concluded (delay not caused by the juvenile). The register raises the alert.', ur: 'مقدمہ ختم ہوئے بغیر چھ ماہ مسلسل حراست کے بعد (تاخیر کم عمر کی وجہ سے نہ ہو)۔ رجسٹر یاد دہانی کراتا ہے۔' },
    actor: { en: 'Court; the register raises the alert', ur: 'عدالت؛ رجسٹر یاد دہانی کرائے' },
    basis: 'JJSA s.6(5); PLD 2024 SC 843',
    status: 'case-law',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'months', from: 'arrest', months: 6 },
    auto: [{ kind: 'ends_on_release' }],
    evidence: [{ key: 'bailApplication', kind: 'text', required: true, label: { en: 'Bail application / order', ur: 'ضمانت کی درخواست / حکم' } }],
  },
  {
    id: 'A13',
    title: { en: 'Age recorded on the challan', ur: 'چالان پر عمر درج' },
    explanation: { en: 'The age is written on the challan and the saza slip; never blank.', ur: 'عمر چالان اور سزا سلپ پر لکھی جائے؛ کبھی خالی نہیں۔' },
    actor: { en: 'Investigating officer', ur: 'تفتیشی افسر' },
    basis: 'Practice noted by lawyers',
    status: 'unconfirmed',
    applies: { categories: JUVENILE },
    clock: { kind: 'standing' },
    evidence: [{ key: 'challanDate', kind: 'datetime', required: true, label: { en: 'Challan submitted at', ur: 'چالان جمع ہونے کا وقت' } }, confirmed],
  },
  {
    id: 'A14',
    title: { en: 'No handcuffs or fetters', ur: 'ہتھکڑی یا بیڑی نہیں' },
    explanation: { en: 'No handcuffs or fetters on a juvenile (JJSO; the JJSA section is not confirmed).', ur: 'کم عمر کو ہتھکڑی یا بیڑی نہ لگائی جائے (جے جے ایس او؛ جے جے ایس اے کی دفعہ مصدقہ نہیں)۔' },
    actor: { en: 'All officers', ur: 'تمام افسران' },
    basis: 'JJSO (earlier law); JJSA section unconfirmed',
    status: 'unconfirmed',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'standing' },
    evidence: [confirmed],
  },
  {
    id: 'A15',
    title: { en: 'Female juvenile: female officer, separate custody', ur: 'کم عمر لڑکی: خاتون افسر، الگ حراست' },
    explanation: { en: 'Special provision for a female juvenile (JJSA s.17; heading read, content not read).', ur: 'کم عمر لڑکی کے لیے خصوصی انتظام (جے جے ایس اے دفعہ 17؛ صرف عنوان پڑھا گیا، متن نہیں پڑھا گیا)۔' },
    actor: { en: 'Officer in charge', ur: 'انچارج افسر' },
    basis: 'JJSA s.17 (heading read; content not read)',
    status: 'unconfirmed',
    applies: { categories: JUVENILE, arrested: true, genders: ['female'] },
    clock: { kind: 'asap', from: 'arrest' },
    evidence: [{ key: 'femaleOfficer', kind: 'text', required: true, label: { en: 'Female officer', ur: 'خاتون افسر' } }, confirmed],
  },
  {
    id: 'A16',
    title: { en: 'Do not disclose the child’s identity', ur: 'بچے کی شناخت ظاہر نہ کریں' },
    explanation: { en: 'Nothing that may identify the juvenile is published or disclosed (up to 3 years and fine). The register masks names in lists and bundles carry identity only where the recipient needs it.', ur: 'کم عمر کی شناخت ظاہر کرنے والی کوئی بات شائع یا افشا نہ ہو (3 سال تک قید اور جرمانہ)۔ رجسٹر فہرستوں میں نام چھپاتا ہے اور بنڈل میں شناخت صرف وہاں جاتی ہے جہاں وصول کنندہ کو اس کی ضرورت ہو۔' },
    actor: { en: 'Everyone', ur: 'ہر کوئی' },
    basis: 'JJSA s.13',
    status: 'text',
    statusNote: { en: 'Text as quoted: s.13 protects the juvenile (a child alleged or found to have committed an offence).', ur: 'نقل شدہ متن: دفعہ 13 کم عمر ملزم کی حفاظت کرتی ہے۔' },
    // s.13 protects "the juvenile", i.e. a child in conflict with the law (JJSA s.2), not every child the desk sees.
    applies: { categories: JUVENILE },
    clock: { kind: 'standing' },
    evidence: [confirmed],
  },
  {
    id: 'A17',
    title: { en: 'Juvenile Court decides within six months', ur: 'جووینائل کورٹ چھ ماہ میں فیصلہ کرے' },
    explanation: { en: 'Within six months of cognizance (tracking only; not a police duty). Counted here from first production.', ur: 'نوٹس لینے کے چھ ماہ کے اندر (صرف نگرانی؛ پولیس کی ذمہ داری نہیں)۔' },
    actor: { en: 'Court', ur: 'عدالت' },
    basis: 'JJSA s.4(8)',
    status: 'text',
    applies: { categories: JUVENILE, arrested: true },
    clock: { kind: 'months', from: 'production', months: 6 },
    evidence: [{ key: 'decidedAt', kind: 'datetime', required: true, label: { en: 'Decided at', ur: 'فیصلے کا وقت' } }],
  },
  {
    id: 'M1',
    title: { en: 'Register an FIR for the missing child', ur: 'گمشدہ بچے کی ایف آئی آر درج کریں' },
    explanation: { en: 'On a complaint of a missing or abducted child, within 2 hours.', ur: 'گمشدہ یا اغوا شدہ بچے کی شکایت پر 2 گھنٹوں کے اندر۔' },
    actor: { en: 'SHO', ur: 'ایس ایچ او' },
    basis: 'ZARRA 2020 (section numbers unconfirmed)',
    status: 'unconfirmed',
    statusNote: { en: 'Unconfirmed: the ZARRA section numbers have not been read.', ur: 'غیر مصدقہ: زارا کی دفعات کے نمبر نہیں پڑھے گئے۔' },
    applies: { categories: ['missing'] },
    clock: { kind: 'hours', from: 'report', hours: 2 },
    evidence: [
      { key: 'firNumber', kind: 'text', required: true, label: { en: 'FIR number', ur: 'ایف آئی آر نمبر' } },
      { key: 'registeredAt', kind: 'datetime', required: true, label: { en: 'Registered at', ur: 'اندراج کا وقت' } },
    ],
  },
  {
    id: 'M2',
    title: { en: 'Report to ZARRA', ur: 'زارا کو اطلاع' },
    explanation: { en: 'Report the case to the national alert agency within 2 hours.', ur: 'کیس کی اطلاع 2 گھنٹوں میں قومی الرٹ ایجنسی کو دیں۔' },
    actor: { en: 'SHO', ur: 'ایس ایچ او' },
    basis: 'ZARRA 2020',
    status: 'unconfirmed',
    applies: { categories: ['missing'] },
    clock: { kind: 'hours', from: 'report', hours: 2 },
    evidence: [
      { key: 'reference', kind: 'text', required: false, label: { en: 'ZARRA reference', ur: 'زارا حوالہ' } },
      { key: 'reportedAt', kind: 'datetime', required: true, label: { en: 'Reported at', ur: 'اطلاع کا وقت' } },
    ],
  },
  {
    id: 'M3',
    title: { en: 'Record recovery and hand-over', ur: 'بازیابی اور حوالگی درج کریں' },
    explanation: { en: 'Who received the child (parents, relatives, Edhi, shelter) and when.', ur: 'بچہ کس نے وصول کیا (والدین، رشتہ دار، ایدھی، پناہ گاہ) اور کب۔' },
    actor: { en: 'Desk officer', ur: 'ڈیسک افسر' },
    basis: 'Practice (CPU Balochistan progress reports)',
    status: 'practice',
    applies: { categories: MISSING, recovered: true },
    clock: { kind: 'asap', from: 'recovery' },
    auto: [{ kind: 'fields_recorded', fields: ['missing.handedOverTo', 'missing.handedOverAt'] }],
    evidence: [
      { key: 'handedOverTo', kind: 'text', required: true, label: { en: 'Handed over to', ur: 'کس کے حوالے' } },
      { key: 'handedOverAt', kind: 'datetime', required: true, label: { en: 'Handed over at', ur: 'حوالگی کا وقت' } },
    ],
  },
];

export const RULE_IDS = RULES.map((rule) => rule.id);
