import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { appliedMigrationCount, DEFAULT_MIGRATIONS_FOLDER, openEncryptedDatabase } from '../../src/store/database.js';
import { tempDir } from '../support/register.js';

type Journal = { entries: Array<{ idx: number; tag: string; when: number }> };
const journal = JSON.parse(readFileSync(join(DEFAULT_MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;

/** Every migration in the journal must be named here with a test below: the rule "every migration has a test". */
const TESTED_MIGRATIONS = ['0000_register', '0001_search_and_audit_guards', '0002_checklist', '0003_bundles', '0004_district', '0005_search_index_maintained_by_code'];

/** A copy of the migrations folder holding only the first `count` migrations: a register from an older app. */
function olderMigrations(dir: string, count: number): string {
  const folder = join(dir, `migrations-${count}`);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) copyFileSync(join(DEFAULT_MIGRATIONS_FOLDER, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

/** A case row as an older app wrote it, straight into the table (no repository of that era to call). */
function insertRawCase(db: ReturnType<typeof openEncryptedDatabase>, searchText: string): void {
  db.sqlite
    .prepare(
      `INSERT INTO cases (id, case_number, station_code, category, status, reported_at, revision, data, search_text, created_at, created_by, updated_at, updated_by)
       VALUES ('c1', 'QTA01-2026-0001', 'QTA01', 'missing', 'open', '2026-01-01T00:00:00Z', 1, '{}', ?, 'x', 'u', 'x', 'u')`,
    )
    .run(searchText);
}

const tables = (db: ReturnType<typeof openEncryptedDatabase>) =>
  (db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('migrations', () => {
  it('has a test for every migration in the journal', () => {
    expect(journal.entries.map((e) => e.tag)).toEqual(TESTED_MIGRATIONS);
  });

  it('0000_register creates the register tables', () => {
    const db = openEncryptedDatabase(join(dir, 'r.db'), randomBytes(32), { create: true, migrationsFolder: olderMigrations(dir, 1) });
    expect(tables(db)).toEqual(expect.arrayContaining(['audit_log', 'case_counters', 'cases', 'register_info', 'settings', 'users']));
    expect(tables(db)).not.toContain('case_fts');
    expect(appliedMigrationCount(db.sqlite)).toBe(1);
    db.sqlite.close();
  });

  it('0001_search_and_audit_guards indexes cases written before it and makes the audit table append-only', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const old = openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 1) });
    insertRawCase(old, 'zainab bibi | qta01-2026-0001');
    old.sqlite.prepare(`INSERT INTO audit_log VALUES (1, 'x', NULL, 'login', NULL, NULL, '{}', 'p', 'h')`).run();
    old.sqlite.close();

    const upgraded = openEncryptedDatabase(path, key, { migrationsFolder: olderMigrations(dir, 2) });
    expect(appliedMigrationCount(upgraded.sqlite)).toBe(2);
    const hits = upgraded.sqlite.prepare(`SELECT rowid FROM case_fts WHERE case_fts MATCH '"nab bi"'`).all();
    expect(hits).toHaveLength(1);
    expect(() => upgraded.sqlite.prepare(`UPDATE audit_log SET action = 'x'`).run()).toThrow(/append-only/);
    expect(() => upgraded.sqlite.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
    upgraded.sqlite.close();
  });

  it('0002_checklist adds checklist completions tied to existing cases and a rule-pack version per case', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const old = openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 2) });
    insertRawCase(old, 'x');
    old.sqlite.close();
    const upgraded = openEncryptedDatabase(path, key);
    expect(upgraded.sqlite.prepare('SELECT rule_pack_version AS v FROM cases').get()).toEqual({ v: null });
    const insert = upgraded.sqlite.prepare(
      `INSERT INTO checklist_completions (id, case_id, rule_id, done_at, done_by, evidence, rule_pack_version, recorded_at) VALUES (?, ?, 'A2', 'x', 'u', '{}', 'v', 'x')`,
    );
    insert.run('k1', 'c1');
    expect(() => insert.run('k2', 'no-such-case')).toThrow(/FOREIGN KEY/);
    upgraded.sqlite.close();
  });

  it('0003_bundles adds keys, bundle logs and provenance to a register that has cases, which keep working', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const old = openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 3) });
    insertRawCase(old, 'x');
    old.sqlite.close();
    const upgraded = openEncryptedDatabase(path, key);
    expect(tables(upgraded)).toEqual(expect.arrayContaining(['own_keys', 'peer_keys', 'exports_log', 'imported_bundles', 'bundle_gaps', 'receipts_log', 'station_audit']));
    // Provenance columns: empty for the station's own cases, filled at the district.
    expect(upgraded.sqlite.prepare('SELECT source_bundle_id AS b, imported_at AS at FROM cases').get()).toEqual({ b: null, at: null });
    const bundle = upgraded.sqlite.prepare(
      `INSERT INTO imported_bundles (bundle_id, station_code, seq, manifest_hash, prev_manifest_hash, to_audit_seq, signing_key_id, outcome, details, imported_at, imported_by) VALUES ('b1', 'QTA01', 1, 'h', '', 3, 'k', 'ok', '{}', 'x', 'u')`,
    );
    bundle.run();
    expect(() => bundle.run()).toThrow(/UNIQUE/);
    upgraded.sqlite.close();
  });

  it('0004_district adds CPU notes tied to cases, remembered match decisions, and the station inbox of district messages', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const old = openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 4) });
    insertRawCase(old, 'x');
    old.sqlite.close();
    const upgraded = openEncryptedDatabase(path, key);
    expect(tables(upgraded)).toEqual(expect.arrayContaining(['district_notes', 'match_decisions', 'district_messages']));
    const note = upgraded.sqlite.prepare(`INSERT INTO district_notes (id, case_id, station_code, kind, text, created_at, created_by) VALUES (?, ?, 'QTA01', 'follow_up', 't', 'x', 'u')`);
    note.run('n1', 'c1');
    expect(() => note.run('n2', 'no-such-case')).toThrow(/FOREIGN KEY/);
    const decide = upgraded.sqlite.prepare(`INSERT INTO match_decisions (missing_case_id, found_case_id, decision, score, decided_at, decided_by) VALUES ('m', 'f', 'rejected', 80, 'x', 'u')`);
    decide.run();
    expect(() => decide.run()).toThrow(/UNIQUE|PRIMARY/);
    upgraded.sqlite.close();
  });

  it('0005_search_index_maintained_by_code drops the index triggers and keeps what they indexed', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const old = openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 5) });
    insertRawCase(old, 'zainab bibi | qta01-2026-0001');
    old.sqlite.close();
    const upgraded = openEncryptedDatabase(path, key);
    expect(tables(upgraded).filter((name) => name.startsWith('cases_fts_'))).toEqual([]);
    expect(upgraded.sqlite.prepare(`SELECT rowid FROM case_fts WHERE case_fts MATCH '"nab bi"'`).all()).toHaveLength(1);
    expect(() => upgraded.sqlite.exec("INSERT INTO case_fts (case_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    // A raw write no longer indexes itself: the store's CaseSearchIndex does it (tested in cases-search).
    upgraded.sqlite.prepare("UPDATE cases SET search_text = 'gul bibi' WHERE id = 'c1'").run();
    expect(upgraded.sqlite.prepare(`SELECT rowid FROM case_fts WHERE case_fts MATCH '"gul"'`).all()).toHaveLength(0);
    upgraded.sqlite.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the register as it was', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    openEncryptedDatabase(path, key, { create: true, migrationsFolder: olderMigrations(dir, 1) }).sqlite.close();
    const broken = olderMigrations(dir, 2);
    writeFileSync(join(broken, `${journal.entries[1]!.tag}.sql`), 'CREATE TABLE ok_so_far (x);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    expect(() => openEncryptedDatabase(path, key, { migrationsFolder: broken })).toThrow(AppError);
    const after = openEncryptedDatabase(path, key, { migrationsFolder: olderMigrations(dir, 1) });
    expect(tables(after)).not.toContain('ok_so_far');
    expect(appliedMigrationCount(after.sqlite)).toBe(1);
    after.sqlite.close();
  });

  it('refuses, without changing a byte, a register written by a newer app', () => {
    const path = join(dir, 'r.db');
    const key = randomBytes(32);
    const db = openEncryptedDatabase(path, key, { create: true });
    db.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12);
    db.sqlite.close();
    const before = readFileSync(path);
    let error: unknown;
    try {
      openEncryptedDatabase(path, key);
    } catch (e) {
      error = e;
    }
    expect((error as AppError).code).toBe('NEWER_SCHEMA');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
