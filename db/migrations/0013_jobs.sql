ALTER TABLE `import_jobs` RENAME TO `jobs`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`bytes` integer NOT NULL,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`format` text NOT NULL,
	`requested_by` integer,
	`requested_by_name` text NOT NULL,
	`ip` text,
	`pid` integer,
	`result` text,
	`error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`revalidated_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_jobs`("id", "batch_id", "status", "file_name", "file_path", "bytes", "bytes_read", "format", "requested_by", "requested_by_name", "ip", "pid", "result", "error", "created_at", "started_at", "finished_at", "revalidated_at") SELECT "id", "batch_id", "status", "file_name", "file_path", "bytes", "bytes_read", "format", "requested_by", "requested_by_name", "ip", "pid", "result", "error", "created_at", "started_at", "finished_at", "revalidated_at" FROM `jobs`;--> statement-breakpoint
DROP TABLE `jobs`;--> statement-breakpoint
ALTER TABLE `__new_jobs` RENAME TO `jobs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `jobs_batch_idx` ON `jobs` (`batch_id`);--> statement-breakpoint
CREATE INDEX `jobs_status_idx` ON `jobs` (`status`);