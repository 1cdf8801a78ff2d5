import { z } from 'zod';

/**
 * What a bundle says about itself (manifest.json) and what each line of changes.ndjson.gz holds. The manifest
 * binds everything: the outer age header (so a signed bundle cannot be re-encrypted to someone else), the hash
 * chain of this station's bundles, the change range, and the hash and size of the change file. Its exact bytes
 * are signed and never re-serialised.
 */
export const BUNDLE_FORMAT = 'childdesk-bundle/1';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');
const instant = z.iso.datetime({ offset: false });
const positive = z.number().int().min(1);
const count = z.number().int().min(0);

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  bundleId: z.uuid(),
  createdAt: instant,
  station: z.strictObject({ code: z.string().min(2).max(12), registerId: z.uuid(), keyId: z.string().regex(/^[0-9a-f]{16}$/) }),
  district: z.strictObject({ name: z.string().min(1).max(80), registerId: z.uuid(), keyFingerprint: z.string().min(8).max(64) }),
  /** sha256 of the outer age header's exact bytes, through its MAC line. */
  outerHeaderSha256: sha256Hex,
  sequence: positive,
  previousManifestSha256: sha256Hex.nullable(),
  changes: z.strictObject({ fromChangeSeq: count, toChangeSeq: count, cases: count, auditEntries: count }),
  files: z.strictObject({ 'changes.ndjson.gz': z.strictObject({ sha256: sha256Hex, size: count }) }),
  /** The last district receipt this station had imported when it exported. */
  lastReceipt: z.strictObject({ throughSequence: count, sha256: sha256Hex }).nullable(),
  app: z.strictObject({ version: z.string().max(40), schemaMigrations: count }),
  rulePackVersion: z.string().max(40).nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const caseChangeSchema = z.strictObject({
  type: z.literal('case'),
  changeSeq: positive,
  recordId: z.uuid(),
  caseNumber: z.string().max(40),
  owningStation: z.string().min(2).max(12),
  revision: positive,
  op: z.literal('upsert'),
  /** The district's view of the case (core/district-view.ts); validated again on import. */
  data: z.record(z.string(), z.unknown()),
  /**
   * Checklist steps done, with when and the evidence chosen from fixed lists (bail outcome, how the guardian was
   * told): the district's compliance figures. Free-text evidence (who was informed) stays at the station.
   */
  completions: z.array(z.strictObject({ ruleId: z.string().max(8), doneAt: instant, choices: z.record(z.string().max(40), z.string().max(40)).optional() })).max(200),
  createdAt: instant,
  editedAt: instant,
  editedBy: z.string().max(64),
  rulePackVersion: z.string().max(40).nullable(),
});
export type CaseChange = z.infer<typeof caseChangeSchema>;

export const auditChangeSchema = z.strictObject({
  type: z.literal('audit'),
  seq: positive,
  at: instant,
  action: z.string().max(40),
  entityType: z.string().max(20).nullable(),
  entityId: z.string().max(64).nullable(),
  actorId: z.string().max(64).nullable(),
  details: z.string().max(10_000),
  hash: sha256Hex,
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

export const changeLineSchema = z.discriminatedUnion('type', [caseChangeSchema, auditChangeSchema]);
export type ChangeLine = z.infer<typeof changeLineSchema>;

/** The trusted comment of the manifest signature: a person reading the .minisig sees whose bundle it is. */
export function trustedComment(manifest: Pick<Manifest, 'station' | 'sequence' | 'district'>): string {
  return `childdesk bundle station=${manifest.station.code} sequence=${manifest.sequence} district=${manifest.district.name}`;
}
