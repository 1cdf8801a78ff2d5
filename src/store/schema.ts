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
