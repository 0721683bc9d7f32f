CREATE TABLE `retail_indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subject_area_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`year` integer NOT NULL,
	`period_kind` text NOT NULL,
	`month` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`yoy_tenths` integer,
	`rank` integer,
	`rank_of` integer,
	`source` text NOT NULL,
	`published_on` text,
	`demo` integer DEFAULT false NOT NULL,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`subject_area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "retail_indicators_value_nonnegative" CHECK("retail_indicators"."value_fen" >= 0),
	CONSTRAINT "retail_indicators_month_valid" CHECK("retail_indicators"."month" between 1 and 12),
	CONSTRAINT "retail_indicators_period_valid" CHECK("retail_indicators"."period_kind" = 'month' or ("retail_indicators"."period_kind" = 'cumulative' and "retail_indicators"."month" >= 2)),
	CONSTRAINT "retail_indicators_rank_valid" CHECK(("retail_indicators"."rank" is null and "retail_indicators"."rank_of" is null) or ("retail_indicators"."rank" >= 1 and "retail_indicators"."rank_of" >= "retail_indicators"."rank"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retail_indicators_period_unique` ON `retail_indicators` (`subject_area_id`,`indicator`,`year`,`period_kind`,`month`);--> statement-breakpoint
CREATE INDEX `retail_indicators_area_idx` ON `retail_indicators` (`area_id`);--> statement-breakpoint
CREATE INDEX `retail_indicators_status_idx` ON `retail_indicators` (`status`);