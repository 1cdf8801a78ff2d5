-- The search index is now written by the store (CaseSearchIndex in src/store/fts-table.ts) in the same statement sequence
-- as the case row, not by triggers. A trigger runs inside a statement savepoint, and FTS5 flushes its pending
-- terms to disk at every savepoint, so each trigger-indexed case became its own index segment: indexing 40,000
-- cases took 1.4 s that way against 0.3 s written directly, and it dominated a district import.
DROP TRIGGER `cases_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `cases_fts_delete`;
--> statement-breakpoint
DROP TRIGGER `cases_fts_update`;
