CREATE TABLE `checklist_completions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`done_at` text NOT NULL,
	`done_by` text NOT NULL,
	`evidence` text NOT NULL,
	`rule_pack_version` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checklist_completions_case_idx` ON `checklist_completions` (`case_id`,`rule_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `rule_pack_version` text;