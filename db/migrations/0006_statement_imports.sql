CREATE TABLE `import_staging` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token` text NOT NULL,
	`line` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`order_id` text NOT NULL,
	`original_order_id` text,
	`merchant_id` text NOT NULL,
	`merchant_name` text,
	`payer` text,
	`occurred_at` text NOT NULL,
	`order_fen` integer NOT NULL,
	`voucher_fen` integer NOT NULL,
	`refund_fen` integer NOT NULL,
	`refund_voucher_fen` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `import_staging_token_idx` ON `import_staging` (`token`,`kind`);--> statement-breakpoint
CREATE TABLE `redemption_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`redemption_id` integer NOT NULL,
	`channel` text NOT NULL,
	`refund_id` text NOT NULL,
	`occurred_at` text NOT NULL,
	`refund_fen` integer NOT NULL,
	`refund_voucher_fen` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `statement_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`redemption_id`) REFERENCES `redemptions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "redemption_refunds_amounts_valid" CHECK("redemption_refunds"."refund_fen" >= 0 and "redemption_refunds"."refund_voucher_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redemption_refunds_channel_refund_unique` ON `redemption_refunds` (`channel`,`refund_id`);--> statement-breakpoint
CREATE INDEX `redemption_refunds_import_idx` ON `redemption_refunds` (`import_id`);--> statement-breakpoint
CREATE INDEX `redemption_refunds_redemption_idx` ON `redemption_refunds` (`redemption_id`);--> statement-breakpoint
CREATE TABLE `redemption_totals` (
	`batch_id` integer NOT NULL,
	`day` text NOT NULL,
	`merchant_id` integer NOT NULL,
	`redemptions` integer NOT NULL,
	`subsidy_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`non_voucher_orders` integer NOT NULL,
	`non_voucher_fen` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `day`, `merchant_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`batch_id` integer NOT NULL,
	`channel` text NOT NULL,
	`order_id` text NOT NULL,
	`merchant_id` integer NOT NULL,
	`payer` text,
	`occurred_at` text NOT NULL,
	`day` text NOT NULL,
	`order_fen` integer NOT NULL,
	`voucher_fen` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `statement_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "redemptions_amounts_valid" CHECK("redemptions"."order_fen" >= 0 and "redemptions"."voucher_fen" >= 0 and "redemptions"."voucher_fen" <= "redemptions"."order_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redemptions_channel_order_unique` ON `redemptions` (`channel`,`order_id`);--> statement-breakpoint
CREATE INDEX `redemptions_import_idx` ON `redemptions` (`import_id`);--> statement-breakpoint
CREATE INDEX `redemptions_batch_idx` ON `redemptions` (`batch_id`,`day`,`merchant_id`);--> statement-breakpoint
CREATE TABLE `statement_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`format` text NOT NULL,
	`encoding` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`file_bytes` integer NOT NULL,
	`rows_read` integer NOT NULL,
	`inserted` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`refunds` integer NOT NULL,
	`revoked` integer NOT NULL,
	`non_voucher` integer NOT NULL,
	`rejected` integer NOT NULL,
	`subsidy_fen` integer NOT NULL,
	`gross_fen` integer NOT NULL,
	`over_cap` integer DEFAULT false NOT NULL,
	`imported_by` integer,
	`imported_by_name` text NOT NULL,
	`imported_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`voided_by` integer,
	`voided_at` integer,
	`void_reason` text,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "statement_imports_reconciled" CHECK("statement_imports"."rows_read" = "statement_imports"."inserted" + "statement_imports"."duplicates" + "statement_imports"."refunds" + "statement_imports"."revoked" + "statement_imports"."non_voucher" + "statement_imports"."rejected")
);
--> statement-breakpoint
CREATE INDEX `statement_imports_batch_idx` ON `statement_imports` (`batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `statement_imports_active_file_unique` ON `statement_imports` (`batch_id`,`file_sha256`) WHERE status = 'active';