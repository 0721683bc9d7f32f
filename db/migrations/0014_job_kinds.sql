DROP INDEX `jobs_status_idx`;--> statement-breakpoint
ALTER TABLE `jobs` ADD `kind` text DEFAULT 'import' NOT NULL;--> statement-breakpoint
ALTER TABLE `jobs` ADD `params` text;--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`,`kind`);