CREATE TABLE `import_jobs` (
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
CREATE INDEX `import_jobs_batch_idx` ON `import_jobs` (`batch_id`);--> statement-breakpoint
CREATE INDEX `import_jobs_status_idx` ON `import_jobs` (`status`);