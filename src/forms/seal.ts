import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { canonicalJson } from '../core/canonical-json.js';
import type { CaseRecord } from '../core/case-model.js';
import { FORM_LANGS, FORM_NAMES, type FormLang, type FormName } from './types.js';

/**
 * The seal a printed form carries in its QR code, so a court or the district CPU can check a paper copy
 * against the register, and tell which print of which form it is:
 *
 *   CHD2:<stationCode>:<caseNumber>:<revision>:<digest>:<form>:<lang>:<printedAt>:<printId>:<keyId>:<signature>
 *
 * digest    sha256 of the canonical JSON of the case record at that revision, base64url without padding
 * form      the form's name (guardian-notice, production, ...); lang: en, ur or both
 * printedAt the print's time, UTC to the millisecond, compact ("20261121T060000123Z")
 * printId   12 random hex digits, in the print's audit row too: two prints of one form in the same
 *           millisecond are still told apart, so the check names exactly that print
 * keyId     the register's Ed25519 signing key (16 hex digits)
 * signature Ed25519 over the UTF-8 bytes of everything before it ("CHD2:...:<keyId>"), base64url
 *
 * Papers printed before the form and time were signed carry the first format, which is still read and
 * verified (it names the case and revision, not the print):
 *
 *   CHD1:<stationCode>:<caseNumber>:<revision>:<digest>:<keyId>:<signature>
 *
 * Nothing in it identifies the child: a case number, a revision, a hash, a form name and a time. Pure (no
 * node:), so the renderer can parse a scanned seal too.
 */

export const SEAL_VERSION = 'CHD2';
export const SEAL_VERSIONS = ['CHD1', 'CHD2'] as const;
export type SealVersion = (typeof SEAL_VERSIONS)[number];

/** Which print a CHD2 seal is: the form, its language and the print's instant (UTC ISO). */
export type SealPrint = { form: FormName; lang: FormLang; printedAt: string; printId: string };

export type SealFields = { stationCode: string; caseNumber: string; revision: number; digest: string; keyId: string } & (
  | ({ version?: 'CHD2' } & SealPrint)
  | { version: 'CHD1' }
);
export type Seal = SealFields & { signature: Uint8Array };

/** sha256 over the record's canonical JSON, base64url: the same record always gives the same digest. */
export function caseDigest(record: CaseRecord): string {
  return base64urlnopad.encode(sha256(utf8ToBytes(canonicalJson(record))));
}

/** "2026-11-21T06:00:00.123Z" as "20261121T060000123Z" (no colons: they separate the seal's fields). */
export function compactInstant(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error('Not an instant.');
  return at.toISOString().replace(/[-:.]/g, '');
}

function isoInstant(compact: string): string | null {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(\d{3})Z$/.exec(compact);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) || at.toISOString() !== iso ? null : iso;
}

/** The exact text the signature covers. */
export function sealMessage(fields: SealFields): string {
  const head = [fields.stationCode, fields.caseNumber, String(fields.revision), fields.digest];
  if (fields.version === 'CHD1') return ['CHD1', ...head, fields.keyId].join(':');
  return ['CHD2', ...head, fields.form, fields.lang, compactInstant(fields.printedAt), fields.printId, fields.keyId].join(':');
}

export function sealBytes(fields: SealFields): Uint8Array {
  return utf8ToBytes(sealMessage(fields));
}

export function formatSeal(seal: Seal): string {
  return `${sealMessage(seal)}:${base64urlnopad.encode(seal.signature)}`;
}

const FIELD = /^[A-Za-z0-9-]{1,40}$/;
export const PRINT_ID = /^[0-9a-f]{12}$/;

/** A seal from scanned text, CHD2 or the older CHD1, or null when it is not one (version, field count or shape). */
export function parseSeal(text: string): Seal | null {
  const parts = text.trim().split(':');
  const version = parts[0];
  if (!(version === 'CHD1' && parts.length === 7) && !(version === 'CHD2' && parts.length === 11)) return null;
  const [stationCode, caseNumber, revisionText, digest] = parts.slice(1, 5) as [string, string, string, string];
  const keyId = parts[parts.length - 2]!;
  const signatureText = parts[parts.length - 1]!;
  if (!FIELD.test(stationCode) || !FIELD.test(caseNumber)) return null;
  if (!/^[1-9][0-9]{0,8}$/.test(revisionText)) return null;
  if (!/^[A-Za-z0-9_-]{43}$/.test(digest) || !/^[0-9a-f]{16}$/.test(keyId)) return null;
  let signature: Uint8Array;
  try {
    signature = base64urlnopad.decode(signatureText);
  } catch {
    return null;
  }
  if (signature.length !== 64) return null;
  const base = { stationCode, caseNumber, revision: Number(revisionText), digest, keyId, signature };
  if (version === 'CHD1') return { ...base, version: 'CHD1' };
  const [form, lang, printedText, printId] = parts.slice(5, 9) as [string, string, string, string];
  if (!(FORM_NAMES as readonly string[]).includes(form) || !(FORM_LANGS as readonly string[]).includes(lang)) return null;
  if (!PRINT_ID.test(printId)) return null;
  const printedAt = isoInstant(printedText);
  if (!printedAt) return null;
  return { ...base, version: 'CHD2', form: form as FormName, lang: lang as FormLang, printedAt, printId };
}
