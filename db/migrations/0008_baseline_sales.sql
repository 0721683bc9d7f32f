CREATE TABLE `baseline_sales` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`upload_id` integer NOT NULL,
	`line` integer NOT NULL,
	`merchant` text,
	`area_id` integer NOT NULL,
	`sector_id` integer NOT NULL,
	`granularity` text NOT NULL,
	`period` text NOT NULL,
	`sales_fen` integer NOT NULL,
	`group_label` text NOT NULL,
	FOREIGN KEY (`upload_id`) REFERENCES `baseline_uploads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "baseline_sales_amount_valid" CHECK("baseline_sales"."sales_fen" >= 0),
	CONSTRAINT "baseline_sales_granularity_valid" CHECK(("baseline_sales"."granularity" = 'day' and length("baseline_sales"."period") = 10) or ("baseline_sales"."granularity" = 'month' and length("baseline_sales"."period") = 7))
);
--> statement-breakpoint
CREATE INDEX `baseline_sales_upload_idx` ON `baseline_sales` (`upload_id`);--> statement-breakpoint
CREATE INDEX `baseline_sales_sector_idx` ON `baseline_sales` (`sector_id`,`period`);--> statement-breakpoint
CREATE TABLE `baseline_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`rows` integer NOT NULL,
	`area_id` integer NOT NULL,
	`uploaded_by` integer,
	`uploaded_by_name` text NOT NULL,
	`uploaded_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`voided_by` integer,
	`voided_at` integer,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "baseline_uploads_status_valid" CHECK("baseline_uploads"."status" in ('active', 'voided'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `baseline_uploads_active_file_unique` ON `baseline_uploads` (`file_sha256`) WHERE status = 'active';