CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`code` text NOT NULL,
	`channel` text NOT NULL,
	`face_value_fen` integer NOT NULL,
	`threshold_fen` integer DEFAULT 0 NOT NULL,
	`quantity_issued` integer NOT NULL,
	`quantity_claimed` integer,
	`valid_from` text NOT NULL,
	`valid_to` text NOT NULL,
	`eligible_sector_ids` text DEFAULT '[]' NOT NULL,
	`note` text,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batches_face_positive" CHECK("batches"."face_value_fen" > 0),
	CONSTRAINT "batches_threshold_valid" CHECK("batches"."threshold_fen" = 0 or "batches"."threshold_fen" > "batches"."face_value_fen"),
	CONSTRAINT "batches_issued_nonnegative" CHECK("batches"."quantity_issued" >= 0),
	CONSTRAINT "batches_claimed_valid" CHECK("batches"."quantity_claimed" is null or ("batches"."quantity_claimed" >= 0 and "batches"."quantity_claimed" <= "batches"."quantity_issued")),
	CONSTRAINT "batches_validity_valid" CHECK("batches"."valid_from" <= "batches"."valid_to")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_code_unique` ON `batches` (`code`);--> statement-breakpoint
CREATE INDEX `batches_campaign_idx` ON `batches` (`campaign_id`,`status`);--> statement-breakpoint
CREATE INDEX `batches_area_idx` ON `batches` (`area_id`);--> statement-breakpoint
CREATE INDEX `batches_status_idx` ON `batches` (`status`);--> statement-breakpoint
CREATE TABLE `campaign_merchants` (
	`campaign_id` integer NOT NULL,
	`merchant_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_merchants_unique` ON `campaign_merchants` (`campaign_id`,`merchant_id`);--> statement-breakpoint
CREATE INDEX `campaign_merchants_merchant_idx` ON `campaign_merchants` (`merchant_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`code` text NOT NULL,
	`action_id` integer NOT NULL,
	`city_fund_fen` integer DEFAULT 0 NOT NULL,
	`county_fund_fen` integer DEFAULT 0 NOT NULL,
	`cofund_fen` integer DEFAULT 0 NOT NULL,
	`budget_cap_fen` integer NOT NULL,
	`channels` text DEFAULT '[]' NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaigns_funds_nonnegative" CHECK("campaigns"."city_fund_fen" >= 0 and "campaigns"."county_fund_fen" >= 0 and "campaigns"."cofund_fen" >= 0),
	CONSTRAINT "campaigns_cap_nonnegative" CHECK("campaigns"."budget_cap_fen" >= 0),
	CONSTRAINT "campaigns_cap_within_funds" CHECK("campaigns"."budget_cap_fen" <= "campaigns"."city_fund_fen" + "campaigns"."county_fund_fen" + "campaigns"."cofund_fen"),
	CONSTRAINT "campaigns_period_valid" CHECK("campaigns"."starts_on" <= "campaigns"."ends_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_code_unique` ON `campaigns` (`code`);--> statement-breakpoint
CREATE INDEX `campaigns_action_idx` ON `campaigns` (`action_id`,`status`);--> statement-breakpoint
CREATE INDEX `campaigns_area_idx` ON `campaigns` (`area_id`);--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`);--> statement-breakpoint
CREATE TABLE `merchant_channel_ids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant_id` integer NOT NULL,
	`channel` text NOT NULL,
	`channel_merchant_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `merchant_channel_ids_unique` ON `merchant_channel_ids` (`channel`,`channel_merchant_id`);--> statement-breakpoint
CREATE INDEX `merchant_channel_ids_merchant_idx` ON `merchant_channel_ids` (`merchant_id`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sector_id` integer,
	`area_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`needs_review` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "merchants_status_valid" CHECK("merchants"."status" in ('active', 'suspended', 'blacklisted'))
);
--> statement-breakpoint
CREATE INDEX `merchants_name_idx` ON `merchants` (`name`);--> statement-breakpoint
CREATE INDEX `merchants_status_idx` ON `merchants` (`status`);--> statement-breakpoint
CREATE INDEX `merchants_area_idx` ON `merchants` (`area_id`);