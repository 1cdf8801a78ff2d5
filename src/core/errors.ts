/**
 * Errors a person can hit. Each has a stable code (scripts and tests rely on it), a sentence in English and
 * Urdu, and what to do next. Messages never carry a passphrase, key or child's name: callers pass only
 * field paths, counts, file names and codes as details.
 */

export const errorCatalog = {
  NOT_A_REGISTER: {
    en: 'This file is not a Child Help Desk register, or it is damaged.',
    ur: 'یہ فائل چائلڈ ہیلپ ڈیسک کا رجسٹر نہیں، یا خراب ہو چکی ہے۔',
    action: 'Check the --db path. If the register was damaged, restore it from the latest backup.',
    actionUr: 'فائل کا راستہ چیک کریں۔ اگر رجسٹر خراب ہو گیا ہے تو تازہ ترین بیک اپ سے بحال کریں۔',
  },
  KEY_FILE_MISMATCH: {
    en: 'The key file beside this register belongs to another register.',
    ur: 'اس رجسٹر کے ساتھ رکھی کلید کی فائل کسی اور رجسٹر کی ہے۔',
    action: 'Put the right .keys.json file beside the register, or unlock with the recovery key (childdesk recover).',
    actionUr: 'رجسٹر کے ساتھ درست .keys.json فائل رکھیں، یا ریکوری کلید سے کھولیں۔',
  },
  REGISTER_EXISTS: {
    en: 'A register already exists at this path.',
    ur: 'اس جگہ پہلے سے ایک رجسٹر موجود ہے۔',
    action: 'Choose another file name; an existing register is never overwritten.',
    actionUr: 'کوئی اور فائل نام منتخب کریں؛ موجودہ رجسٹر کبھی مٹایا نہیں جاتا۔',
  },
  WRONG_PASSPHRASE: {
    en: 'Wrong user name or passphrase.',
    ur: 'صارف کا نام یا پاس فریز غلط ہے۔',
    action: 'Check the user name and the keyboard language (English/Urdu), then try again.',
    actionUr: 'صارف نام اور کی بورڈ کی زبان (انگریزی/اردو) چیک کر کے دوبارہ کوشش کریں۔',
  },
  LOCKED_OUT: {
    en: 'Too many wrong passphrases for this user.',
    ur: 'اس صارف کے لیے بہت زیادہ غلط پاس فریز درج کیے گئے۔',
    action: 'Wait before trying again, or ask the station in-charge to reset the passphrase.',
    actionUr: 'کچھ دیر انتظار کریں، یا انچارج سے پاس فریز دوبارہ مقرر کروائیں۔',
  },
  WRONG_RECOVERY_KEY: {
    en: 'The recovery key does not open this register.',
    ur: 'ریکوری کلید اس رجسٹر کو نہیں کھولتی۔',
    action: 'Type the recovery key exactly as printed; dashes and spaces do not matter.',
    actionUr: 'ریکوری کلید بالکل ویسے ہی لکھیں جیسے پرنٹ ہوئی تھی؛ ڈیش اور خالی جگہ سے فرق نہیں پڑتا۔',
  },
  NEWER_SCHEMA: {
    en: 'This register was written by a newer version of Child Help Desk.',
    ur: 'یہ رجسٹر چائلڈ ہیلپ ڈیسک کے نئے ورژن سے بنا ہے۔',
    action: 'Install the latest version of the app. The register has not been changed.',
    actionUr: 'ایپ کا تازہ ترین ورژن انسٹال کریں۔ رجسٹر میں کوئی تبدیلی نہیں ہوئی۔',
  },
  INVALID_INPUT: {
    en: 'Some of the information is not valid.',
    ur: 'کچھ معلومات درست نہیں۔',
    action: 'Correct the fields named and try again. Nothing was saved.',
    actionUr: 'نشان زدہ خانے درست کر کے دوبارہ کوشش کریں۔ کچھ محفوظ نہیں ہوا۔',
  },
  PASSPHRASE_TOO_WEAK: {
    en: 'The passphrase is too short.',
    ur: 'پاس فریز بہت چھوٹا ہے۔',
    action: 'Use at least 10 characters, for example three or four words.',
    actionUr: 'کم از کم 10 حروف استعمال کریں، مثلاً تین یا چار الفاظ۔',
  },
  NOT_FOUND: {
    en: 'No such record.',
    ur: 'ایسا کوئی ریکارڈ موجود نہیں۔',
    action: 'Check the id or case number, or search the register.',
    actionUr: 'آئی ڈی یا کیس نمبر چیک کریں، یا رجسٹر میں تلاش کریں۔',
  },
  FORBIDDEN: {
    en: 'Your role may not do this.',
    ur: 'آپ کا عہدہ یہ کام کرنے کی اجازت نہیں دیتا۔',
    action: 'Ask the station in-charge.',
    actionUr: 'تھانے کے انچارج سے رابطہ کریں۔',
  },
  USER_EXISTS: {
    en: 'A user with this name already exists.',
    ur: 'اس نام کا صارف پہلے سے موجود ہے۔',
    action: 'Choose another user name.',
    actionUr: 'کوئی اور صارف نام منتخب کریں۔',
  },
  LAST_INCHARGE: {
    en: 'The last in-charge of a register cannot be removed.',
    ur: 'رجسٹر کے آخری انچارج کو ختم نہیں کیا جا سکتا۔',
    action: 'Add another in-charge first.',
    actionUr: 'پہلے کوئی اور انچارج شامل کریں۔',
  },
  STALE_REVISION: {
    en: 'Someone else changed this case after you opened it.',
    ur: 'آپ کے کھولنے کے بعد کسی اور نے یہ کیس تبدیل کر دیا۔',
    action: 'Reload the case, then make your change again.',
    actionUr: 'کیس دوبارہ کھولیں، پھر اپنی تبدیلی دوبارہ کریں۔',
  },
  NEED_PASSPHRASE: {
    en: 'A passphrase is needed and there is no terminal to ask for it.',
    ur: 'پاس فریز درکار ہے اور پوچھنے کے لیے کوئی ٹرمینل نہیں۔',
    action: 'Set CHILDDESK_PASSPHRASE (and CHILDDESK_NEW_PASSPHRASE where a new one is set), or run in a terminal.',
    actionUr: 'CHILDDESK_PASSPHRASE مقرر کریں، یا ٹرمینل میں چلائیں۔',
  },
  USAGE: {
    en: 'The command is not complete.',
    ur: 'کمانڈ نامکمل ہے۔',
    action: 'Run childdesk --help for the commands and their options.',
    actionUr: 'کمانڈز دیکھنے کے لیے childdesk --help چلائیں۔',
  },
  INTERNAL: {
    en: 'Something unexpected went wrong. Nothing was saved.',
    ur: 'کوئی غیر متوقع خرابی ہوئی۔ کچھ محفوظ نہیں ہوا۔',
    action: 'Try again. If it happens again, note the time and the error number, and tell the district IT cell.',
    actionUr: 'دوبارہ کوشش کریں۔ اگر پھر ہو تو وقت اور خرابی نمبر نوٹ کر کے ضلعی آئی ٹی سیل کو بتائیں۔',
  },
  NO_DISTRICT_PINNED: {
    en: 'This station has not pinned its district’s key yet.',
    ur: 'اس تھانے نے ابھی اپنے ضلع کی کلید درج نہیں کی۔',
    action: 'Get district.pub from the district CPU, check its fingerprint by phone, then run childdesk station pin-district.',
    actionUr: 'ضلعی سی پی یو سے district.pub لیں، فون پر فنگر پرنٹ کی تصدیق کریں، پھر اسے درج کریں۔',
  },
  RESTORED_FROM_BACKUP: {
    en: 'The district has already received newer bundles from this station than this register knows about: it was restored from an older backup.',
    ur: 'ضلع کو اس تھانے سے ایسے نئے بنڈل مل چکے ہیں جن کا اس رجسٹر کو علم نہیں: یہ پرانے بیک اپ سے بحال کیا گیا ہے۔',
    action: 'Do not export from this copy. Call the district CPU: they will tell you which bundles they hold and how to continue.',
    actionUr: 'اس نقل سے برآمد نہ کریں۔ ضلعی سی پی یو کو فون کریں؛ وہ بتائیں گے کہ ان کے پاس کون سے بنڈل ہیں اور آگے کیسے بڑھنا ہے۔',
  },
  BAD_KEY_FILE: {
    en: 'This is not a valid Child Help Desk key file.',
    ur: 'یہ چائلڈ ہیلپ ڈیسک کی درست کلید فائل نہیں۔',
    action: 'Ask for the .pub file again; it must not be edited.',
    actionUr: '.pub فائل دوبارہ منگوائیں؛ اس میں کوئی تبدیلی نہ کی جائے۔',
  },
  BAD_SIGNED_FILE: {
    en: 'The receipt or statement does not verify: it is damaged, altered, or from someone else.',
    ur: 'رسید یا بیان کی تصدیق نہیں ہوتی: یہ خراب، تبدیل شدہ یا کسی اور کا ہے۔',
    action: 'Ask for a fresh copy. Do not act on this one.',
    actionUr: 'نئی نقل منگوائیں۔ اس پر عمل نہ کریں۔',
  },
  WRONG_REGISTER_KIND: {
    en: 'This command is for the other kind of register (station or district).',
    ur: 'یہ کمانڈ دوسری قسم کے رجسٹر (تھانہ یا ضلع) کے لیے ہے۔',
    action: 'Check the --db path: station commands need a station register, district commands a district register.',
    actionUr: 'فائل کا راستہ چیک کریں: تھانے کی کمانڈ کے لیے تھانے کا رجسٹر، ضلع کی کمانڈ کے لیے ضلع کا رجسٹر چاہیے۔',
  },
  KEY_CONFLICT: {
    en: 'A different key is already enrolled or pinned under this name.',
    ur: 'اس نام سے ایک مختلف کلید پہلے سے درج ہے۔',
    action: 'A station changes its key only with a rotation statement signed by its old key; if the old key was lost, revoke it first.',
    actionUr: 'تھانہ اپنی کلید صرف پرانی کلید سے دستخط شدہ تبدیلی کے بیان سے بدل سکتا ہے؛ اگر پرانی کلید گم ہو گئی ہو تو پہلے اسے منسوخ کریں۔',
  },
  FILE_UNREADABLE: {
    en: 'The file could not be read or written.',
    ur: 'فائل پڑھی یا لکھی نہیں جا سکی۔',
    action: 'Check the path, that the USB stick is inserted and not full, and try again.',
    actionUr: 'راستہ چیک کریں، یو ایس بی لگی ہو اور بھری نہ ہو، پھر دوبارہ کوشش کریں۔',
  },
  FORM_NOT_FOR_CASE: {
    en: 'This form does not apply to this case.',
    ur: 'یہ فارم اس کیس پر لاگو نہیں ہوتا۔',
    action: 'Check the form name and the case; the message says what the form needs.',
    actionUr: 'فارم کا نام اور کیس چیک کریں؛ پیغام بتاتا ہے کہ فارم کو کیا درکار ہے۔',
  },
  NO_CHROMIUM: {
    en: 'No Chromium, Chrome or Edge browser was found to print the form.',
    ur: 'فارم پرنٹ کرنے کے لیے کرومیم، کروم یا ایج براؤزر نہیں ملا۔',
    action: 'Install Chromium, Google Chrome or Microsoft Edge, or set CHILDDESK_CHROMIUM to the browser program. The desktop app prints without it.',
    actionUr: 'کرومیم، گوگل کروم یا مائیکروسافٹ ایج انسٹال کریں، یا CHILDDESK_CHROMIUM میں براؤزر کا راستہ دیں۔ ڈیسک ٹاپ ایپ اس کے بغیر پرنٹ کرتی ہے۔',
  },
  PRINT_FAILED: {
    en: 'The form could not be printed or saved.',
    ur: 'فارم پرنٹ یا محفوظ نہیں ہو سکا۔',
    action: 'Check the output path and that there is free space, then print again.',
    actionUr: 'محفوظ کرنے کی جگہ اور خالی جگہ چیک کریں، پھر دوبارہ پرنٹ کریں۔',
  },
  // ---- the worker host, jobs, the file door (issue 14, part A)
  FILE_HANDLE_UNKNOWN: {
    en: 'The file you picked is no longer available.',
    ur: 'آپ کی منتخب کردہ فائل اب دستیاب نہیں۔',
    action: 'Pick the file again (a picked file is kept for one hour, and only until the app is closed).',
    actionUr: 'فائل دوبارہ منتخب کریں (منتخب فائل ایک گھنٹے تک، اور صرف ایپ بند ہونے تک رکھی جاتی ہے)۔',
  },
  FILE_TOO_LARGE: {
    en: 'The file is too large for this.',
    ur: 'یہ فائل اس کام کے لیے بہت بڑی ہے۔',
    action: 'Check that you picked the right file; the message says the largest size allowed.',
    actionUr: 'چیک کریں کہ درست فائل منتخب کی ہے؛ پیغام میں زیادہ سے زیادہ اجازت شدہ سائز لکھا ہے۔',
  },
  SERVICES_STOPPED: {
    en: 'The register stopped unexpectedly and was locked. Work saved before this is safe; the last step may not have been saved.',
    ur: 'رجسٹر غیر متوقع طور پر رک گیا اور بند کر دیا گیا۔ اس سے پہلے محفوظ کیا گیا کام محفوظ ہے؛ آخری قدم شاید محفوظ نہیں ہوا۔',
    action: 'Log in again and check the last entry. If it happens again, close and reopen the app and tell the district IT cell the error number.',
    actionUr: 'دوبارہ لاگ ان کریں اور آخری اندراج چیک کریں۔ اگر دوبارہ ہو تو ایپ بند کر کے دوبارہ کھولیں اور ضلعی آئی ٹی سیل کو خرابی کا نمبر بتائیں۔',
  },
  JOB_BUSY: {
    en: 'Another long task is already running on this register.',
    ur: 'اس رجسٹر پر ایک اور طویل کام پہلے سے جاری ہے۔',
    action: 'Wait for it to finish or cancel it, then start this one again.',
    actionUr: 'اس کے ختم ہونے کا انتظار کریں یا اسے منسوخ کریں، پھر یہ کام دوبارہ شروع کریں۔',
  },
  // Faults and races (issue 13).
  REGISTER_BUSY: {
    en: 'The register is busy: another window or program is writing to it.',
    ur: 'رجسٹر مصروف ہے: کوئی دوسری ونڈو یا پروگرام اس میں لکھ رہا ہے۔',
    action: 'Wait a moment and try again. Nothing was saved by this attempt.',
    actionUr: 'تھوڑی دیر انتظار کر کے دوبارہ کوشش کریں۔ اس کوشش میں کچھ محفوظ نہیں ہوا۔',
  },
} as const satisfies Record<string, { en: string; ur: string; action: string; actionUr: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Safe specifics: field paths, counts, file names. Never personal data or secrets. */
  readonly detail: string | undefined;
  /**
   * For failures nobody foresaw: the id of the log entry that holds the cause (`E-7F3K2Q`), shown to the
   * officer in both languages so the district IT cell can find it.
   */
  readonly errorId: string | undefined;

  constructor(code: ErrorCode, detail?: string, options: { errorId?: string } = {}) {
    const base = detail ? `${errorCatalog[code].en} ${detail}` : errorCatalog[code].en;
    super(options.errorId ? `${base} (error ${options.errorId})` : base);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errorId = options.errorId;
  }

  get messageUr(): string {
    const base = errorCatalog[this.code].ur;
    return this.errorId ? `${base} (خرابی نمبر ${this.errorId})` : base;
  }

  get action(): string {
    return errorCatalog[this.code].action;
  }

  get actionUr(): string {
    return errorCatalog[this.code].actionUr;
  }

  toJSON(): { code: ErrorCode; message: string; messageUr: string; action: string; actionUr: string; errorId?: string } {
    const json = { code: this.code, message: this.message, messageUr: this.messageUr, action: this.action, actionUr: this.actionUr };
    return this.errorId ? { ...json, errorId: this.errorId } : json;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Error ids: `E-` and six characters of Crockford's base32 (no I, L, O or U, so they are read out by phone). */
export const ERROR_ID_PATTERN = /^E-[0-9A-HJKMNP-TV-Z]{6}$/;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An error id from six random bytes' worth of entropy the caller supplies (core has no random source). */
export function formatErrorId(random: Uint8Array): string {
  if (random.length < 6) throw new RangeError('formatErrorId needs 6 random bytes');
  return `E-${Array.from(random.subarray(0, 6), (byte) => CROCKFORD[byte & 31]).join('')}`;
}
