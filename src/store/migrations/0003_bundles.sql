CREATE TABLE `bundle_gaps` (
	`station_code` text NOT NULL,
	`from_seq` integer NOT NULL,
	`to_seq` integer NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`station_code`, `from_seq`)
);
--> statement-breakpoint
CREATE TABLE `exports_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`bundle_id` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`from_audit_seq` integer NOT NULL,
	`to_audit_seq` integer NOT NULL,
	`case_count` integer NOT NULL,
	`manifest_hash` text NOT NULL,
	`prev_manifest_hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exports_log_bundle_id_unique` ON `exports_log` (`bundle_id`);--> statement-breakpoint
CREATE TABLE `imported_bundles` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`station_code` text NOT NULL,
	`seq` integer NOT NULL,
	`manifest_hash` text NOT NULL,
	`prev_manifest_hash` text NOT NULL,
	`to_audit_seq` integer NOT NULL,
	`signing_key_id` text NOT NULL,
	`outcome` text NOT NULL,
	`details` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `imported_bundles_station_idx` ON `imported_bundles` (`station_code`,`seq`);--> statement-breakpoint
CREATE TABLE `own_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`key_id` text NOT NULL,
	`public_key` text NOT NULL,
	`secret_key` text NOT NULL,
	`created_at` text NOT NULL,
	`retired_at` text
);
--> statement-breakpoint
CREATE TABLE `peer_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`peer_kind` text NOT NULL,
	`peer_code` text NOT NULL,
	`peer_name` text,
	`register_id` text NOT NULL,
	`signing_key_id` text NOT NULL,
	`signing_public_key` text NOT NULL,
	`recipient` text,
	`status` text NOT NULL,
	`last_trusted_seq` integer,
	`added_at` text NOT NULL,
	`changed_at` text
);
--> statement-breakpoint
CREATE INDEX `peer_keys_code_idx` ON `peer_keys` (`peer_kind`,`peer_code`);--> statement-breakpoint
CREATE INDEX `peer_keys_key_idx` ON `peer_keys` (`signing_key_id`);--> statement-breakpoint
CREATE TABLE `receipts_log` (
	`receipt_id` text PRIMARY KEY NOT NULL,
	`ack_seq` integer NOT NULL,
	`ack_manifest_hash` text NOT NULL,
	`issued_at` text NOT NULL,
	`imported_at` text NOT NULL,
	`details` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `station_audit` (
	`bundle_id` text PRIMARY KEY NOT NULL,
	`station_code` text NOT NULL,
	`entry_count` integer NOT NULL,
	`entries` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `source_bundle_id` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `imported_at` text;