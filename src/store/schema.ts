import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The register's tables. Change a table here, then `npm run db:generate` writes the migration; every migration
 * gets a test in test/integration/migrations.test.ts. Search (FTS5) and the append-only guards on the audit
 * table are raw SQL in a custom migration because drizzle has no words for them.
 */

/** One row: what this register is (a station's or a district's). */
export const registerInfo = sqliteTable('register_info', {
  singleton: integer('singleton').primaryKey(),
  registerId: text('register_id').notNull(),
  kind: text('kind', { enum: ['station', 'district'] }).notNull(),
  stationCode: text('station_code'),
  stationName: text('station_name'),
  district: text('district').notNull(),
  createdAt: text('created_at').notNull(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['desk_officer', 'station_incharge', 'district_officer'] }).notNull(),
  createdAt: text('created_at').notNull(),
  removedAt: text('removed_at'),
});

/**
 * Cases. The entered data is one JSON document (`data`, validated by the zod case model on the way in); the
 * columns beside it are what lists filter and sort on. `row_id` is an explicit integer key so the FTS index's
 * rowids survive VACUUM.
 */
export const cases = sqliteTable(
  'cases',
  {
    rowId: integer('row_id').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    caseNumber: text('case_number').notNull().unique(),
    stationCode: text('station_code').notNull(),
    category: text('category').notNull(),
    status: text('status').notNull(),
    reportedAt: text('reported_at').notNull(),
    revision: integer('revision').notNull(),
    data: text('data').notNull(),
    /** Normalised names and numbers for the trigram index (see core/search-text.ts). */
    searchText: text('search_text').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /** The rule-pack version the case's checklist was last evaluated under. */
    rulePackVersion: text('rule_pack_version'),
    /** District register only: the bundle this revision of a station's case came in, and when (provenance). */
    sourceBundleId: text('source_bundle_id'),
    importedAt: text('imported_at'),
  },
  (t) => [
    index('cases_category_idx').on(t.category, t.status),
    index('cases_reported_at_idx').on(t.reportedAt),
  ],
);

/** Last case serial per station and year: case numbers are STATION-YYYY-NNNN. */
export const caseCounters = sqliteTable(
  'case_counters',
  {
    stationCode: text('station_code').notNull(),
    year: integer('year').notNull(),
    lastSerial: integer('last_serial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationCode, t.year] })],
);

/** Append-only and hash-chained: each row's hash covers the previous row's hash (see store/audit.ts). */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  entityType: text('entity_type'),
  entityId: text('entity_id'),
  details: text('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Station settings as small JSON values, e.g. the "as soon as possible" target. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});


/** A completed checklist step: who, when, with what evidence, under which rule-pack version. */
export const checklistCompletions = sqliteTable(
  'checklist_completions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    ruleId: text('rule_id').notNull(),
    doneAt: text('done_at').notNull(),
    doneBy: text('done_by').notNull(),
    evidence: text('evidence').notNull(),
    rulePackVersion: text('rule_pack_version').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [index('checklist_completions_case_idx').on(t.caseId, t.ruleId)],
);

/**
 * This register's own private keys, kept only here inside the encrypted database: a station's Ed25519 signing
 * key (bundles, printed-form QR codes), a district's X25519 age identity (bundles are encrypted to it) and its
 * Ed25519 key (receipts). A rotated key stays, retired, so older signatures still verify.
 */
export const ownKeys = sqliteTable('own_keys', {
  id: text('id').primaryKey(),
  purpose: text('purpose', { enum: ['signing', 'agreement'] }).notNull(),
  /** minisign key id (hex) for signing keys; the age recipient for agreement keys. */
  keyId: text('key_id').notNull(),
  publicKey: text('public_key').notNull(),
  secretKey: text('secret_key').notNull(),
  createdAt: text('created_at').notNull(),
  retiredAt: text('retired_at'),
});

/**
 * The other side's public keys. At a station: the district it reports to (pinned). At a district: every
 * enrolled station key, with rotation and revocation (bundles above `lastTrustedSeq` from a revoked key are
 * quarantined).
 */
export const peerKeys = sqliteTable(
  'peer_keys',
  {
    id: text('id').primaryKey(),
    peerKind: text('peer_kind', { enum: ['district', 'station'] }).notNull(),
    /** Station code, or the district name. */
    peerCode: text('peer_code').notNull(),
    peerName: text('peer_name'),
    /** The peer register's id (bundles and receipts name it, so they fit exactly one register). */
    registerId: text('register_id').notNull(),
    signingKeyId: text('signing_key_id').notNull(),
    signingPublicKey: text('signing_public_key').notNull(),
    /** The district's age recipient (age1...), null for stations. */
    recipient: text('recipient'),
    status: text('status', { enum: ['active', 'rotated', 'revoked'] }).notNull(),
    lastTrustedSeq: integer('last_trusted_seq'),
    addedAt: text('added_at').notNull(),
    changedAt: text('changed_at'),
  },
  (t) => [index('peer_keys_code_idx').on(t.peerKind, t.peerCode), index('peer_keys_key_idx').on(t.signingKeyId)],
);

/** Station side: every bundle written, and what the district has acknowledged. */
export const exportsLog = sqliteTable('exports_log', {
  seq: integer('seq').primaryKey(),
  bundleId: text('bundle_id').notNull().unique(),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  /** Audit rows (seq) covered: (fromAuditSeq, toAuditSeq]. */
  fromAuditSeq: integer('from_audit_seq').notNull(),
  toAuditSeq: integer('to_audit_seq').notNull(),
  caseCount: integer('case_count').notNull(),
  manifestHash: text('manifest_hash').notNull(),
  prevManifestHash: text('prev_manifest_hash').notNull(),
});

/** District side: every bundle that was applied, or quarantined (fork, revoked key), once per bundle. */
export const importedBundles = sqliteTable(
  'imported_bundles',
  {
    bundleId: text('bundle_id').primaryKey(),
    stationCode: text('station_code').notNull(),
    seq: integer('seq').notNull(),
    manifestHash: text('manifest_hash').notNull(),
    prevManifestHash: text('prev_manifest_hash').notNull(),
    toAuditSeq: integer('to_audit_seq').notNull(),
    signingKeyId: text('signing_key_id').notNull(),
    outcome: text('outcome').notNull(),
    /** For quarantined bundles: the verified manifest, so a person can see what was held back. */
    details: text('details').notNull(),
    importedAt: text('imported_at').notNull(),
    importedBy: text('imported_by').notNull(),
  },
  (t) => [index('imported_bundles_station_idx').on(t.stationCode, t.seq)],
);

/** District side: sequence numbers a station skipped (a bundle lost on the way), until a later bundle fills them. */
export const bundleGaps = sqliteTable(
  'bundle_gaps',
  {
    stationCode: text('station_code').notNull(),
    fromSeq: integer('from_seq').notNull(),
    toSeq: integer('to_seq').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stationCode, t.fromSeq] })],
);

/** Station side: the last receipt from the district: below `ackSeq` the station must never export again. */
export const receiptsLog = sqliteTable('receipts_log', {
  receiptId: text('receipt_id').primaryKey(),
  ackSeq: integer('ack_seq').notNull(),
  ackManifestHash: text('ack_manifest_hash').notNull(),
  issuedAt: text('issued_at').notNull(),
  importedAt: text('imported_at').notNull(),
  details: text('details').notNull(),
});

/**
 * District side: the audit entries a station sent with a bundle (who did what to its cases, and when), kept
 * as the bundle carried them, one row per bundle: they are evidence to keep, not rows to query.
 */
export const stationAudit = sqliteTable('station_audit', {
  bundleId: text('bundle_id').primaryKey(),
  stationCode: text('station_code').notNull(),
  entryCount: integer('entry_count').notNull(),
  /** The entries as NDJSON, in the order the station wrote them. */
  entries: text('entries').notNull(),
});

/**
 * District side: the CPU's own notes on a station's case (follow-up, referral outcome), never mixed into the
 * station's fields. Each note goes back to its station in the next receipt (`sentInReceipt`).
 */
export const districtNotes = sqliteTable(
  'district_notes',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    stationCode: text('station_code').notNull(),
    kind: text('kind', { enum: ['follow_up', 'referral_outcome'] }).notNull(),
    text: text('text').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    sentInReceipt: text('sent_in_receipt'),
  },
  (t) => [index('district_notes_case_idx').on(t.caseId), index('district_notes_station_idx').on(t.stationCode, t.sentInReceipt)],
);

/** District side: a person's decision on a suggested missing/found pair; never suggested again once decided. */
export const matchDecisions = sqliteTable(
  'match_decisions',
  {
    missingCaseId: text('missing_case_id').notNull(),
    foundCaseId: text('found_case_id').notNull(),
    decision: text('decision', { enum: ['confirmed', 'rejected'] }).notNull(),
    score: integer('score').notNull(),
    decidedAt: text('decided_at').notNull(),
    decidedBy: text('decided_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.missingCaseId, t.foundCaseId] })],
);

/** Station side: what the district sent back in receipts (its notes, confirmed matches with other stations). */
export const districtMessages = sqliteTable(
  'district_messages',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id').notNull(),
    kind: text('kind', { enum: ['follow_up', 'referral_outcome', 'match'] }).notNull(),
    /** Note text, or for a match: the other station and its case number. */
    body: text('body').notNull(),
    at: text('at').notNull(),
    receiptId: text('receipt_id').notNull(),
  },
  (t) => [index('district_messages_case_idx').on(t.caseId)],
);
