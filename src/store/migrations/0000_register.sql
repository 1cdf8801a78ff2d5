CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`details` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `case_counters` (
	`station_code` text NOT NULL,
	`year` integer NOT NULL,
	`last_serial` integer NOT NULL,
	PRIMARY KEY(`station_code`, `year`)
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`row_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`case_number` text NOT NULL,
	`station_code` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`reported_at` text NOT NULL,
	`revision` integer NOT NULL,
	`data` text NOT NULL,
	`search_text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_id_unique` ON `cases` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_number_unique` ON `cases` (`case_number`);--> statement-breakpoint
CREATE INDEX `cases_category_idx` ON `cases` (`category`,`status`);--> statement-breakpoint
CREATE INDEX `cases_reported_at_idx` ON `cases` (`reported_at`);--> statement-breakpoint
CREATE TABLE `register_info` (
	`singleton` integer PRIMARY KEY NOT NULL,
	`register_id` text NOT NULL,
	`kind` text NOT NULL,
	`station_code` text,
	`station_name` text,
	`district` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	`removed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);