import { minisignKeyIdText, parsePublicKey, parseSignature, SignatureError, verify, type PublicKey } from './minisign.js';

/**
 * Is this downloaded installer an update the province released? An application-level check made BEFORE any
 * installer runs, on top of electron-updater's sha512 (which only proves the file matches latest.yml, and
 * whoever can change the file on the server can change latest.yml too).
 *
 * The signature is a standard minisign signature (src/core/minisign.ts, the one implementation), so the province
 * signs releases with the stock `minisign` tool and nothing of ours:
 *
 *     minisign -S -s childdesk-update.key -m child-help-desk-setup-0.2.0.exe -t "childdesk-update version=0.2.0"
 *
 * writes `child-help-desk-setup-0.2.0.exe.minisig`. Only the pre-hashed algorithm (`ED`: Ed25519 over the
 * BLAKE2b-512 of the file) is accepted, so main hashes the file in chunks and this module sees only the digest.
 * The trusted comment (covered by the global signature) must name the version, so an old signed installer
 * cannot be passed off as a new one, and the version must be newer than the running app (no downgrades).
 *
 * Pure: no I/O, no Node; main reads the files and the key, this decides.
 */

export const BLAKE2B_512_BYTES = 64;

/** The update key embedded in a build (a minisign public key file, or its base64 line), or null: updates are off. */
export function parseMinisignPublicKey(text: string): PublicKey | null {
  try {
    return parsePublicKey(text);
  } catch {
    return null;
  }
}

export type SignatureRefusal =
  | 'NO_UPDATE_KEY'
  | 'MALFORMED_SIGNATURE'
  | 'LEGACY_SIGNATURE'
  | 'WRONG_KEY'
  | 'BAD_SIGNATURE'
  | 'BAD_TRUSTED_COMMENT'
  | 'VERSION_MISMATCH'
  | 'NOT_NEWER';

export type SignatureVerdict = { ok: true; keyId: string; trustedComment: string } | { ok: false; reason: SignatureRefusal };

const REFUSAL_OF: Record<SignatureError['kind'], SignatureRefusal> = {
  malformed: 'MALFORMED_SIGNATURE',
  'key-mismatch': 'WRONG_KEY',
  'bad-signature': 'BAD_SIGNATURE',
  'bad-global-signature': 'BAD_SIGNATURE',
};

/**
 * Checks a minisign `ED` signature against the BLAKE2b-512 digest of a file: the key id names our key, the
 * signature covers the digest, and the global signature covers the signature and the trusted comment. Never
 * throws: every failure is a refusal.
 */
export function verifyMinisignDigest(digest: Uint8Array, signatureText: string, publicKeyText: string): SignatureVerdict {
  const key = parseMinisignPublicKey(publicKeyText);
  if (!key) return { ok: false, reason: 'NO_UPDATE_KEY' };
  let algorithm: 'ED' | 'Ed';
  try {
    algorithm = parseSignature(signatureText).algorithm;
  } catch {
    return { ok: false, reason: 'MALFORMED_SIGNATURE' };
  }
  // A legacy signature covers the whole file, which main never holds in memory: refused before anything else.
  if (algorithm !== 'ED') return { ok: false, reason: 'LEGACY_SIGNATURE' };
  if (digest.length !== BLAKE2B_512_BYTES) return { ok: false, reason: 'BAD_SIGNATURE' };
  try {
    const { trustedComment } = verify(signatureText, key, { prehash: digest });
    return { ok: true, keyId: minisignKeyIdText(key.keyId), trustedComment };
  } catch (error) {
    if (error instanceof SignatureError) return { ok: false, reason: REFUSAL_OF[error.kind] };
    throw error;
  }
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Semantic-version order: negative when a < b, 0 when equal (build metadata ignored), null if either is invalid. */
export function compareVersions(a: string, b: string): number | null {
  const pa = SEMVER.exec(a);
  const pb = SEMVER.exec(b);
  if (!pa || !pb) return null;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return Math.sign(d);
  }
  const [preA, preB] = [pa[4], pb[4]];
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const idsA = preA.split('.');
  const idsB = preB.split('.');
  for (let i = 0; i < Math.max(idsA.length, idsB.length); i++) {
    const [x, y] = [idsA[i], idsB[i]];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny && Number(x) !== Number(y)) return Math.sign(Number(x) - Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The version a release's trusted comment names: `childdesk-update version=0.2.0 [anything else]`. */
export function signedVersion(trustedComment: string): string | null {
  const match = /^childdesk-update\s+version=(\S+)(?:\s|$)/.exec(trustedComment);
  return match && compareVersions(match[1]!, match[1]!) === 0 ? match[1]! : null;
}

export type UpdateCandidate = {
  /** BLAKE2b-512 of the downloaded installer, computed by main in chunks. */
  digest: Uint8Array;
  /** Text of `<installer>.minisig`. */
  signatureText: string;
  /** The minisign public key embedded in this build (empty when the build has none: updates are then off). */
  publicKeyText: string;
  /** The version latest.yml offered. */
  offeredVersion: string;
  /** The running app's version. */
  currentVersion: string;
};

/** The one decision before an installer may run: signed by our key, for the version offered, newer than us. */
export function checkUpdate(candidate: UpdateCandidate): SignatureVerdict {
  const verdict = verifyMinisignDigest(candidate.digest, candidate.signatureText, candidate.publicKeyText);
  if (!verdict.ok) return verdict;
  const version = signedVersion(verdict.trustedComment);
  if (!version) return { ok: false, reason: 'BAD_TRUSTED_COMMENT' };
  if (compareVersions(version, candidate.offeredVersion) !== 0) return { ok: false, reason: 'VERSION_MISMATCH' };
  const order = compareVersions(version, candidate.currentVersion);
  if (order === null || order <= 0) return { ok: false, reason: 'NOT_NEWER' };
  return verdict;
}

/** What an officer reads when an update is refused, in English and Urdu, with what to do. */
export const UPDATE_REFUSAL_TEXT: Record<SignatureRefusal | 'DAMAGED_COPY' | 'NO_INSTALLER', { en: string; ur: string }> = {
  NO_UPDATE_KEY: {
    en: 'This copy of Child Help Desk was built without the province update key, so it cannot check updates. Ask the province IT cell for an installer.',
    ur: 'چائلڈ ہیلپ ڈیسک کی یہ کاپی صوبائی اپ ڈیٹ کلید کے بغیر بنی ہے، اس لیے اپ ڈیٹ کی جانچ نہیں ہو سکتی۔ صوبائی آئی ٹی سیل سے انسٹالر منگوائیں۔',
  },
  MALFORMED_SIGNATURE: {
    en: 'The update has no valid signature file (.minisig). It was not installed. Copy the whole update folder again.',
    ur: 'اپ ڈیٹ کے ساتھ درست دستخطی فائل (.minisig) نہیں ہے۔ اسے انسٹال نہیں کیا گیا۔ اپ ڈیٹ کا پورا فولڈر دوبارہ کاپی کریں۔',
  },
  LEGACY_SIGNATURE: {
    en: 'The update was signed in an old format. It was not installed. Ask the province IT cell to sign it again with a current minisign.',
    ur: 'اپ ڈیٹ پرانے طریقے سے دستخط شدہ ہے۔ اسے انسٹال نہیں کیا گیا۔ صوبائی آئی ٹی سیل سے نئے minisign سے دوبارہ دستخط کروائیں۔',
  },
  WRONG_KEY: {
    en: 'The update was not signed by the province key. It was not installed. Do not use this copy; report it to the province IT cell.',
    ur: 'اپ ڈیٹ صوبائی کلید سے دستخط شدہ نہیں۔ اسے انسٹال نہیں کیا گیا۔ یہ کاپی استعمال نہ کریں؛ صوبائی آئی ٹی سیل کو اطلاع دیں۔',
  },
  BAD_SIGNATURE: {
    en: 'The update does not match its signature: it was changed or damaged after signing. It was not installed. Report it to the province IT cell.',
    ur: 'اپ ڈیٹ اپنے دستخط سے میل نہیں کھاتی: دستخط کے بعد اسے بدلا گیا یا یہ خراب ہو گئی۔ اسے انسٹال نہیں کیا گیا۔ صوبائی آئی ٹی سیل کو اطلاع دیں۔',
  },
  BAD_TRUSTED_COMMENT: {
    en: 'The update signature does not say which version it is for. It was not installed. Ask the province IT cell to sign it again.',
    ur: 'اپ ڈیٹ کے دستخط میں ورژن درج نہیں۔ اسے انسٹال نہیں کیا گیا۔ صوبائی آئی ٹی سیل سے دوبارہ دستخط کروائیں۔',
  },
  VERSION_MISMATCH: {
    en: 'The signature is for a different version than the update offered. It was not installed. Report it to the province IT cell.',
    ur: 'دستخط اس ورژن کے نہیں جو اپ ڈیٹ میں پیش کیا گیا۔ اسے انسٹال نہیں کیا گیا۔ صوبائی آئی ٹی سیل کو اطلاع دیں۔',
  },
  NOT_NEWER: {
    en: 'This update is not newer than the installed version. Nothing was changed.',
    ur: 'یہ اپ ڈیٹ موجودہ ورژن سے نئی نہیں۔ کچھ تبدیل نہیں ہوا۔',
  },
  DAMAGED_COPY: {
    en: 'The installer does not match latest.yml: the copy is incomplete or damaged. Copy the update folder again.',
    ur: 'انسٹالر latest.yml سے میل نہیں کھاتا: کاپی ادھوری یا خراب ہے۔ اپ ڈیٹ کا فولڈر دوبارہ کاپی کریں۔',
  },
  NO_INSTALLER: {
    en: 'No update for this computer was found in that folder. Choose the folder that holds latest.yml, the installer and its .minisig file.',
    ur: 'اس فولڈر میں اس کمپیوٹر کے لیے کوئی اپ ڈیٹ نہیں ملی۔ وہ فولڈر منتخب کریں جس میں latest.yml، انسٹالر اور اس کی .minisig فائل ہو۔',
  },
};
