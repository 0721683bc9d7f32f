CREATE TABLE `anomaly_checks` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`checked_at` integer NOT NULL,
	`flags` integer NOT NULL,
	`millis` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `anomaly_exclusions` (
	`redemption_id` integer NOT NULL,
	`flag_id` integer NOT NULL,
	PRIMARY KEY(`redemption_id`, `flag_id`),
	FOREIGN KEY (`redemption_id`) REFERENCES `redemptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`flag_id`) REFERENCES `anomaly_flags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `anomaly_exclusions_flag_idx` ON `anomaly_exclusions` (`flag_id`);--> statement-breakpoint
CREATE TABLE `anomaly_flag_rows` (
	`flag_id` integer NOT NULL,
	`redemption_id` integer NOT NULL,
	PRIMARY KEY(`flag_id`, `redemption_id`),
	FOREIGN KEY (`flag_id`) REFERENCES `anomaly_flags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`redemption_id`) REFERENCES `redemptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `anomaly_flag_rows_redemption_idx` ON `anomaly_flag_rows` (`redemption_id`);--> statement-breakpoint
CREATE TABLE `anomaly_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`rule` text NOT NULL,
	`subject` text NOT NULL,
	`merchant_id` integer,
	`detail` text NOT NULL,
	`row_count` integer NOT NULL,
	`subsidy_fen` integer DEFAULT 0 NOT NULL,
	`gross_fen` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`stale` integer DEFAULT false NOT NULL,
	`decision_note` text,
	`decided_by` integer,
	`decided_at` integer,
	`excluded` integer DEFAULT false NOT NULL,
	`excluded_by` integer,
	`excluded_at` integer,
	`detected_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`checked_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`excluded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "anomaly_flags_status_valid" CHECK("anomaly_flags"."status" in ('open', 'explained', 'confirmed')),
	CONSTRAINT "anomaly_flags_decided" CHECK("anomaly_flags"."status" = 'open' or ("anomaly_flags"."decided_by" is not null and "anomaly_flags"."decided_at" is not null and length(trim(coalesce("anomaly_flags"."decision_note", ''))) > 0)),
	CONSTRAINT "anomaly_flags_excluded_confirmed" CHECK("anomaly_flags"."excluded" = 0 or "anomaly_flags"."status" = 'confirmed')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `anomaly_flags_subject_unique` ON `anomaly_flags` (`batch_id`,`rule`,`subject`);--> statement-breakpoint
CREATE INDEX `anomaly_flags_status_idx` ON `anomaly_flags` (`status`,`batch_id`);--> statement-breakpoint
CREATE TABLE `anomaly_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` real NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `redemptions_batch_payer_idx` ON `redemptions` (`batch_id`,`payer`,`merchant_id`,`voucher_fen`) WHERE voucher_fen > 0;--> statement-breakpoint
CREATE INDEX `redemptions_batch_merchant_idx` ON `redemptions` (`batch_id`,`merchant_id`,`voucher_fen`,`order_fen`);