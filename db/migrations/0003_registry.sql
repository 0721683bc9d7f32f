CREATE TABLE `actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text NOT NULL,
	`policy_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`description` text,
	`participating_department_ids` text DEFAULT '[]' NOT NULL,
	`targets` text DEFAULT '[]' NOT NULL,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "actions_period_valid" CHECK("actions"."starts_on" <= "actions"."ends_on")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actions_number_unique` ON `actions` (`number`);--> statement-breakpoint
CREATE INDEX `actions_policy_idx` ON `actions` (`policy_id`);--> statement-breakpoint
CREATE TABLE `carriers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`year_recognised` integer NOT NULL,
	`operator` text,
	`action_id` integer,
	`period_start` text,
	`period_end` text,
	`online_sales_fen` integer,
	`jobs` integer,
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
	CONSTRAINT "carriers_sales_nonnegative" CHECK("carriers"."online_sales_fen" is null or "carriers"."online_sales_fen" >= 0),
	CONSTRAINT "carriers_jobs_nonnegative" CHECK("carriers"."jobs" is null or "carriers"."jobs" >= 0)
);
--> statement-breakpoint
CREATE INDEX `carriers_area_idx` ON `carriers` (`area_id`);--> statement-breakpoint
CREATE INDEX `carriers_action_idx` ON `carriers` (`action_id`,`status`);--> statement-breakpoint
CREATE INDEX `carriers_status_idx` ON `carriers` (`status`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`action_id` integer NOT NULL,
	`venue` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`large_scale` integer DEFAULT false NOT NULL,
	`footfall` integer,
	`sales_fen` integer,
	`note` text,
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
	CONSTRAINT "events_footfall_nonnegative" CHECK("events"."footfall" is null or "events"."footfall" >= 0),
	CONSTRAINT "events_sales_nonnegative" CHECK("events"."sales_fen" is null or "events"."sales_fen" >= 0),
	CONSTRAINT "events_period_valid" CHECK("events"."starts_on" <= "events"."ends_on")
);
--> statement-breakpoint
CREATE INDEX `events_action_idx` ON `events` (`action_id`,`status`);--> statement-breakpoint
CREATE INDEX `events_area_idx` ON `events` (`area_id`);--> statement-breakpoint
CREATE INDEX `events_status_idx` ON `events` (`status`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`action_id` integer NOT NULL,
	`sector_id` integer NOT NULL,
	`partners` text,
	`offer_terms` text NOT NULL,
	`budget_fen` integer NOT NULL,
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
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "packages_budget_nonnegative" CHECK("packages"."budget_fen" >= 0),
	CONSTRAINT "packages_period_valid" CHECK("packages"."starts_on" <= "packages"."ends_on")
);
--> statement-breakpoint
CREATE INDEX `packages_action_idx` ON `packages` (`action_id`,`status`);--> statement-breakpoint
CREATE INDEX `packages_area_idx` ON `packages` (`area_id`);--> statement-breakpoint
CREATE INDEX `packages_sector_idx` ON `packages` (`sector_id`);--> statement-breakpoint
CREATE INDEX `packages_status_idx` ON `packages` (`status`);--> statement-breakpoint
CREATE TABLE `policies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`doc_number` text NOT NULL,
	`issued_on` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`master_policy_id` integer,
	`effect` text DEFAULT 'in_force' NOT NULL,
	`summary` text,
	`link` text,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`approved_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`master_policy_id`) REFERENCES `policies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "policies_supporting_has_master" CHECK("policies"."kind" = 'master' or "policies"."master_policy_id" is not null),
	CONSTRAINT "policies_master_has_no_master" CHECK("policies"."kind" = 'supporting' or "policies"."master_policy_id" is null)
);
--> statement-breakpoint
CREATE INDEX `policies_status_idx` ON `policies` (`status`);--> statement-breakpoint
CREATE TABLE `sectors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`position` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sectors_code_unique` ON `sectors` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `sectors_name_zh_unique` ON `sectors` (`name_zh`);