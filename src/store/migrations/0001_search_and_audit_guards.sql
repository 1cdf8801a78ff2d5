-- Search: FTS5 trigram over the normalised names and numbers in cases.search_text (external content, so the
-- text is stored once). Trigram matches any fragment of 3+ characters, in Urdu and Roman script alike.
CREATE VIRTUAL TABLE `case_fts` USING fts5(search_text, content='cases', content_rowid='row_id', tokenize='trigram');
--> statement-breakpoint
-- Index any cases written before this migration.
INSERT INTO `case_fts`(`case_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `cases_fts_insert` AFTER INSERT ON `cases` BEGIN
  INSERT INTO `case_fts`(rowid, search_text) VALUES (new.row_id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_delete` AFTER DELETE ON `cases` BEGIN
  INSERT INTO `case_fts`(`case_fts`, rowid, search_text) VALUES ('delete', old.row_id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_fts_update` AFTER UPDATE OF search_text ON `cases` BEGIN
  INSERT INTO `case_fts`(`case_fts`, rowid, search_text) VALUES ('delete', old.row_id, old.search_text);
  INSERT INTO `case_fts`(rowid, search_text) VALUES (new.row_id, new.search_text);
END;
--> statement-breakpoint
-- The audit trail is append-only. Someone holding the key can still drop these triggers; the hash chain is
-- what detects that (childdesk audit verify).
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
