import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The FTS5 index over cases.search_text. It is created by a custom migration (drizzle cannot declare virtual
 * tables) and is declared here, outside schema.ts, so drizzle-kit does not try to create it as a table; this
 * declaration exists only so queries can join it.
 */
export const caseFts = sqliteTable('case_fts', {
  rowid: integer('rowid').notNull(),
  searchText: text('search_text').notNull(),
});
