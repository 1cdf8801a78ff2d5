import { z } from 'zod';

/**
 * The small files people carry between a station and its district besides bundles: public key files (checked
 * by fingerprint over the phone when enrolled or pinned), receipts, and key-rotation statements. All JSON, so
 * a person can open them; receipts and rotation statements carry Ed25519 signatures over their exact bytes.
 */

const keyId = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits');
const publicKey = z.base64().refine((v) => Buffer.from(v, 'base64').length === 32, 'must be a 32-byte key');
const signature = z.base64().refine((v) => Buffer.from(v, 'base64').length === 64, 'must be a 64-byte signature');
const instant = z.iso.datetime({ offset: false });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const stationCode = z.string().min(2).max(12);

export const stationKeyFileSchema = z.strictObject({
  format: z.literal('childdesk-station-key/1'),
  stationCode,
  stationName: z.string().max(120),
  district: z.string().max(80),
  registerId: z.uuid(),
  keyId,
  publicKey,
});
export type StationKeyFile = z.infer<typeof stationKeyFileSchema>;

export const districtKeyFileSchema = z.strictObject({
  format: z.literal('childdesk-district-key/1'),
  district: z.string().min(1).max(80),
  registerId: z.uuid(),
  /** Bundles are encrypted to this age X25519 recipient. */
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be an age X25519 recipient'),
  /** Receipts are signed with this key. */
  signing: z.strictObject({ keyId, publicKey }),
});
export type DistrictKeyFile = z.infer<typeof districtKeyFileSchema>;

/** What the district has received from one station; the station refuses to export below `throughSequence`. */
export const receiptBodySchema = z.strictObject({
  format: z.literal('childdesk-receipt/1'),
  receiptId: z.uuid(),
  issuedAt: instant,
  district: z.strictObject({ name: z.string().max(80), registerId: z.uuid() }),
  station: z.strictObject({ code: stationCode, registerId: z.uuid() }),
  /** Every bundle up to here was applied (no gaps below it). */
  throughSequence: z.number().int().min(0),
  throughManifestSha256: sha256Hex.nullable(),
  /** The highest sequence seen, and the ranges missing below it. */
  highestSequence: z.number().int().min(0),
  gaps: z.array(z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) })).max(1000),
  quarantined: z.array(z.strictObject({ sequence: z.number().int().min(1), code: z.string().max(40) })).max(1000),
  /** The CPU's notes on this station's cases, not sent before. */
  notes: z.array(z.strictObject({ id: z.string().max(64), caseId: z.string().max(64), kind: z.enum(['follow_up', 'referral_outcome']), text: z.string().max(2000), at: instant })).max(10_000).default([]),
  /** Confirmed missing/found matches involving this station's cases (sent every time; the station keeps one copy). */
  matches: z
    .array(z.strictObject({ id: z.string().max(200), caseId: z.string().max(64), otherStation: z.string().max(12), otherCaseNumber: z.string().max(40), at: instant }))
    .max(10_000)
    .default([]),
});
export type ReceiptBody = z.infer<typeof receiptBodySchema>;

export const signedFileSchema = z.strictObject({
  /** The body's exact bytes, base64: what was signed, never re-serialised. */
  body: z.base64(),
  signatures: z.array(z.strictObject({ keyId, signature })).min(1).max(2),
});
export type SignedFile = z.infer<typeof signedFileSchema>;

/** A station replacing its key: signed by the old key (it is us) and the new key (we hold it). */
export const rotationBodySchema = z.strictObject({
  format: z.literal('childdesk-key-rotation/1'),
  stationCode,
  registerId: z.uuid(),
  at: instant,
  previous: z.strictObject({ keyId, publicKey }),
  next: z.strictObject({ keyId, publicKey }),
  /** Bundles from this sequence on are signed with the new key. */
  fromSequence: z.number().int().min(1),
});
export type RotationBody = z.infer<typeof rotationBodySchema>;
