import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { SqliteDatabase } from './database.js';

/**
 * The FTS5 index over cases.search_text. It is created by a custom migration (drizzle cannot declare virtual
 * tables) and is declared here, outside schema.ts, so drizzle-kit does not try to create it as a table; this
 * declaration exists only so queries can join it.
 */
export const caseFts = sqliteTable('case_fts', {
  rowid: integer('rowid').notNull(),
  searchText: text('search_text').notNull(),
});

/**
 * Keeps case_fts in step with cases.search_text. Every write of a case row goes through here, in the same
 * transaction, instead of through triggers: FTS5 flushes its pending terms at every statement savepoint, and a
 * trigger always runs inside one, so trigger-indexed rows were written one index segment each (about five
 * times the cost, and most of a district import's time). See migration 0005.
 */
export class CaseSearchIndex {
  private readonly insertEntry;
  private readonly deleteEntry;
  private readonly currentEntry;

  constructor(sqlite: SqliteDatabase) {
    this.insertEntry = sqlite.prepare('INSERT INTO case_fts (rowid, search_text) VALUES (?, ?)');
    // External content: the index forgets a row only when told the text it indexed.
    this.deleteEntry = sqlite.prepare("INSERT INTO case_fts (case_fts, rowid, search_text) VALUES ('delete', ?, ?)");
    this.currentEntry = sqlite.prepare('SELECT row_id AS rowId, search_text AS searchText FROM cases WHERE id = ?');
  }

  /** After a case row is inserted (`rowId` is the insert's lastInsertRowid). */
  added(rowId: number | bigint, searchText: string): void {
    this.insertEntry.run(rowId, searchText);
  }

  /** Before a case row's search text is replaced by `next` (it reads the text the index holds now). */
  replacing(caseId: string, next: string): void {
    const current = this.currentEntry.get(caseId) as { rowId: number; searchText: string } | undefined;
    if (current) this.replaced(current.rowId, current.searchText, next);
  }

  /** When the caller already holds the row's id and old text. */
  replaced(rowId: number | bigint, previous: string, next: string): void {
    if (previous === next) return;
    this.deleteEntry.run(rowId, previous);
    this.insertEntry.run(rowId, next);
  }
}
