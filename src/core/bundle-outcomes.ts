/**
 * What happened to each bundle a district officer imports: a stable code, what it means in English and Urdu,
 * and what to do about it. `applied` outcomes changed the register; `rejected` left it exactly as it was;
 * `quarantined` recorded only that the bundle was held back, so a person can look at it.
 */
export type BundleDisposition = 'applied' | 'skipped' | 'rejected' | 'quarantined';

type Outcome = { disposition: BundleDisposition; en: string; ur: string; action: string; actionUr: string };

export const bundleOutcomes = {
  ok: {
    disposition: 'applied',
    en: 'Imported.',
    ur: 'درآمد ہو گیا۔',
    action: 'Nothing to do.',
    actionUr: 'کچھ کرنے کی ضرورت نہیں۔',
  },
  stale: {
    disposition: 'applied',
    en: 'Imported; some records were older than what the register already holds and were skipped.',
    ur: 'درآمد ہو گیا؛ کچھ ریکارڈ رجسٹر میں موجود ریکارڈ سے پرانے تھے، انہیں چھوڑ دیا گیا۔',
    action: 'Nothing to do: the newer copy is kept.',
    actionUr: 'کچھ کرنے کی ضرورت نہیں: نیا ریکارڈ محفوظ ہے۔',
  },
  gap: {
    disposition: 'applied',
    en: 'Imported, but earlier bundles from this station are missing.',
    ur: 'درآمد ہو گیا، لیکن اس تھانے کے پچھلے بنڈل موجود نہیں۔',
    action: 'Ask the station for the missing bundles (the range is shown); they can be imported later in any order.',
    actionUr: 'تھانے سے گمشدہ بنڈل منگوائیں (نمبر دکھائے گئے ہیں)؛ وہ بعد میں کسی بھی ترتیب سے درآمد ہو سکتے ہیں۔',
  },
  duplicate: {
    disposition: 'skipped',
    en: 'This bundle was already imported.',
    ur: 'یہ بنڈل پہلے ہی درآمد ہو چکا ہے۔',
    action: 'Nothing to do; importing the same bundle twice changes nothing.',
    actionUr: 'کچھ کرنے کی ضرورت نہیں؛ ایک ہی بنڈل دوبارہ درآمد کرنے سے کچھ نہیں بدلتا۔',
  },
  'not-a-bundle': {
    disposition: 'rejected',
    en: 'This file is not a Child Help Desk bundle.',
    ur: 'یہ فائل چائلڈ ہیلپ ڈیسک کا بنڈل نہیں۔',
    action: 'Check that you chose the .chd file the station exported.',
    actionUr: 'چیک کریں کہ آپ نے تھانے کی برآمد کردہ .chd فائل منتخب کی ہے۔',
  },
  'not-for-us': {
    disposition: 'rejected',
    en: 'This bundle was made for another district’s key.',
    ur: 'یہ بنڈل کسی اور ضلع کی کلید کے لیے بنایا گیا ہے۔',
    action: 'Send it to the district it was made for, or ask the station to pin this district’s key and export again.',
    actionUr: 'اسے متعلقہ ضلع کو بھیجیں، یا تھانے سے کہیں کہ اس ضلع کی کلید لگا کر دوبارہ برآمد کرے۔',
  },
  damaged: {
    disposition: 'rejected',
    en: 'The bundle file is damaged or incomplete (for example, the copy was cut short).',
    ur: 'بنڈل فائل خراب یا نامکمل ہے (مثلاً نقل ادھوری رہ گئی)۔',
    action: 'Copy the file again from the station’s USB stick or e-mail and import the new copy.',
    actionUr: 'فائل دوبارہ یو ایس بی یا ای میل سے نقل کریں اور نئی نقل درآمد کریں۔',
  },
  'unknown-station': {
    disposition: 'rejected',
    en: 'The bundle is signed by a station key this district has not enrolled.',
    ur: 'بنڈل پر ایسی تھانہ کلید کے دستخط ہیں جو اس ضلع میں درج نہیں۔',
    action: 'Enroll the station’s key in person (childdesk district enroll), checking its fingerprint by phone, then import again.',
    actionUr: 'تھانے کی کلید بالمشافہ درج کریں اور فون پر فنگر پرنٹ کی تصدیق کریں، پھر دوبارہ درآمد کریں۔',
  },
  'bad-signature': {
    disposition: 'rejected',
    en: 'The station’s signature on this bundle does not verify: it was changed after the station signed it.',
    ur: 'اس بنڈل پر تھانے کے دستخط کی تصدیق نہیں ہوتی: دستخط کے بعد اس میں تبدیلی کی گئی۔',
    action: 'Do not use this file. Ask the station to export again and report the altered file to the CPU in-charge.',
    actionUr: 'یہ فائل استعمال نہ کریں۔ تھانے سے دوبارہ برآمد کروائیں اور تبدیل شدہ فائل کی اطلاع سی پی یو انچارج کو دیں۔',
  },
  rebound: {
    disposition: 'rejected',
    en: 'The bundle was re-encrypted or relabelled after the station signed it.',
    ur: 'تھانے کے دستخط کے بعد بنڈل کو دوبارہ خفیہ کیا گیا یا اس کا لیبل بدلا گیا۔',
    action: 'Do not use this file. Ask the station for a fresh export sent directly to this district.',
    actionUr: 'یہ فائل استعمال نہ کریں۔ تھانے سے براہ راست اس ضلع کے لیے نئی برآمد منگوائیں۔',
  },
  'revoked-key': {
    disposition: 'quarantined',
    en: 'The bundle is signed by a station key that was revoked or replaced, after the last bundle still trusted.',
    ur: 'بنڈل پر ایسی تھانہ کلید کے دستخط ہیں جو منسوخ یا تبدیل ہو چکی ہے، آخری قابل اعتماد بنڈل کے بعد۔',
    action: 'It is held in quarantine. Check with the station in person before anyone acts on it.',
    actionUr: 'اسے قرنطینہ میں رکھا گیا ہے۔ اس پر عمل سے پہلے تھانے سے بالمشافہ تصدیق کریں۔',
  },
  'payload-mismatch': {
    disposition: 'rejected',
    en: 'The bundle’s contents do not match its signed manifest.',
    ur: 'بنڈل کا مواد اس کے دستخط شدہ فہرست سے مطابقت نہیں رکھتا۔',
    action: 'Do not use this file. Ask the station to export again.',
    actionUr: 'یہ فائل استعمال نہ کریں۔ تھانے سے دوبارہ برآمد کروائیں۔',
  },
  fork: {
    disposition: 'quarantined',
    en: 'Another bundle with the same sequence number but different contents was already imported from this station.',
    ur: 'اس تھانے سے اسی نمبر کا مگر مختلف مواد والا بنڈل پہلے درآمد ہو چکا ہے۔',
    action: 'Held in quarantine. The station may have been restored from a backup or copied: visit it before importing more.',
    actionUr: 'قرنطینہ میں رکھا گیا۔ ممکن ہے تھانہ بیک اپ سے بحال یا نقل ہوا ہو: مزید درآمد سے پہلے تھانے کا دورہ کریں۔',
  },
  'implausible-jump': {
    disposition: 'rejected',
    en: 'The bundle’s sequence number jumps far beyond the last one from this station.',
    ur: 'بنڈل کا نمبر اس تھانے کے آخری بنڈل سے بہت آگے ہے۔',
    action: 'Check with the station which bundles it has exported; the key may be misused.',
    actionUr: 'تھانے سے معلوم کریں کہ اس نے کون سے بنڈل برآمد کیے؛ ممکن ہے کلید کا غلط استعمال ہوا ہو۔',
  },
} as const satisfies Record<string, Outcome>;

export type BundleOutcomeCode = keyof typeof bundleOutcomes;

/** Bundles more than this many sequence numbers ahead of the last one are refused as implausible. */
export const MAX_SEQUENCE_JUMP = 500;

export type BundleReport = {
  file: string;
  outcome: BundleDisposition;
  code: BundleOutcomeCode;
  message: string;
  messageUr: string;
  action: string;
  stationCode: string | null;
  sequence: number | null;
  casesAdded: number;
  casesUpdated: number;
  stale: number;
  gaps: Array<{ from: number; to: number }>;
  /** For duplicates: when the bundle was first imported. */
  importedAt?: string;
};

export function bundleReport(
  file: string,
  code: BundleOutcomeCode,
  extra: Partial<Omit<BundleReport, 'file' | 'code' | 'outcome' | 'message' | 'messageUr' | 'action'>> & { detail?: string } = {},
): BundleReport {
  const outcome = bundleOutcomes[code];
  const { detail, ...rest } = extra;
  return {
    file,
    outcome: outcome.disposition,
    code,
    message: detail ? `${outcome.en} ${detail}` : outcome.en,
    messageUr: outcome.ur,
    action: outcome.action,
    stationCode: null,
    sequence: null,
    casesAdded: 0,
    casesUpdated: 0,
    stale: 0,
    gaps: [],
    ...rest,
  };
}
