CREATE TABLE `district_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`body` text NOT NULL,
	`at` text NOT NULL,
	`receipt_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `district_messages_case_idx` ON `district_messages` (`case_id`);--> statement-breakpoint
CREATE TABLE `district_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`station_code` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`sent_in_receipt` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `district_notes_case_idx` ON `district_notes` (`case_id`);--> statement-breakpoint
CREATE INDEX `district_notes_station_idx` ON `district_notes` (`station_code`,`sent_in_receipt`);--> statement-breakpoint
CREATE TABLE `match_decisions` (
	`missing_case_id` text NOT NULL,
	`found_case_id` text NOT NULL,
	`decision` text NOT NULL,
	`score` integer NOT NULL,
	`decided_at` text NOT NULL,
	`decided_by` text NOT NULL,
	PRIMARY KEY(`missing_case_id`, `found_case_id`)
);
