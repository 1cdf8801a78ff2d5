import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad } from '@scure/base';
import { canonicalJson } from '../core/canonical-json.js';
import type { CaseRecord } from '../core/case-model.js';

/**
 * The seal a printed form carries in its QR code, so a court or the district CPU can check a paper copy
 * against the register:
 *
 *   CHD1:<stationCode>:<caseNumber>:<revision>:<digest>:<keyId>:<signature>
 *
 * digest    sha256 of the canonical JSON of the case record at that revision, base64url without padding
 * keyId     the register's Ed25519 signing key (16 hex digits)
 * signature Ed25519 over the UTF-8 bytes of everything before it ("CHD1:...:<keyId>"), base64url
 *
 * Nothing in it identifies the child: a case number, a revision and a hash. Pure (no node:), so the renderer
 * can parse a scanned seal too.
 */

export const SEAL_VERSION = 'CHD1';

export type SealFields = { stationCode: string; caseNumber: string; revision: number; digest: string; keyId: string };
export type Seal = SealFields & { signature: Uint8Array };

/** sha256 over the record's canonical JSON, base64url: the same record always gives the same digest. */
export function caseDigest(record: CaseRecord): string {
  return base64urlnopad.encode(sha256(utf8ToBytes(canonicalJson(record))));
}

/** The exact text the signature covers. */
export function sealMessage(fields: SealFields): string {
  return [SEAL_VERSION, fields.stationCode, fields.caseNumber, String(fields.revision), fields.digest, fields.keyId].join(':');
}

export function sealBytes(fields: SealFields): Uint8Array {
  return utf8ToBytes(sealMessage(fields));
}

export function formatSeal(seal: Seal): string {
  return `${sealMessage(seal)}:${base64urlnopad.encode(seal.signature)}`;
}

const FIELD = /^[A-Za-z0-9-]{1,40}$/;

/** A seal from scanned text, or null when it is not one (wrong version, field count or shape). */
export function parseSeal(text: string): Seal | null {
  const parts = text.trim().split(':');
  if (parts.length !== 7 || parts[0] !== SEAL_VERSION) return null;
  const [, stationCode, caseNumber, revisionText, digest, keyId, signatureText] = parts as [string, string, string, string, string, string, string];
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
  return { stationCode, caseNumber, revision: Number(revisionText), digest, keyId, signature };
}
