CREATE TABLE `areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`level` text NOT NULL,
	`parent_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "areas_code_format" CHECK("areas"."code" is null or (length("areas"."code") = 6 and "areas"."code" not glob '*[^0-9]*')),
	CONSTRAINT "areas_level_valid" CHECK("areas"."level" in ('city', 'county', 'zone')),
	CONSTRAINT "areas_not_own_parent" CHECK("areas"."parent_id" is null or "areas"."parent_id" <> "areas"."id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `areas_code_unique` ON `areas` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `areas_name_zh_unique` ON `areas` (`name_zh`);--> statement-breakpoint
CREATE INDEX `areas_parent_idx` ON `areas` (`parent_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`outcome` text NOT NULL,
	`detail` text,
	`ip` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	CONSTRAINT "audit_log_outcome_valid" CHECK("audit_log"."outcome" in ('success', 'failure', 'denied'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_hash_unique` ON `audit_log` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`area_id` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_area_name_unique` ON `departments` (`area_id`,`name_zh`);--> statement-breakpoint
CREATE INDEX `departments_area_idx` ON `departments` (`area_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer,
	`title` text NOT NULL,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`submitted_by` integer,
	`submitted_at` integer,
	`decided_by` integer,
	`decided_at` integer,
	`decision_comment` text,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "revisions_status_valid" CHECK("revisions"."status" in ('draft', 'submitted', 'approved', 'returned')),
	CONSTRAINT "revisions_maker_checker" CHECK("revisions"."decided_by" is null or "revisions"."decided_by" <> "revisions"."submitted_by"),
	CONSTRAINT "revisions_submitted_has_submitter" CHECK("revisions"."status" = 'draft' or ("revisions"."submitted_by" is not null and "revisions"."submitted_at" is not null)),
	CONSTRAINT "revisions_decided_has_decider" CHECK("revisions"."status" not in ('approved', 'returned') or ("revisions"."decided_by" is not null and "revisions"."decided_at" is not null)),
	CONSTRAINT "revisions_returned_has_comment" CHECK("revisions"."status" <> 'returned' or length(trim(coalesce("revisions"."decision_comment", ''))) > 0)
);
--> statement-breakpoint
CREATE INDEX `revisions_status_area_idx` ON `revisions` (`status`,`area_id`);--> statement-breakpoint
CREATE INDEX `revisions_entity_idx` ON `revisions` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`department_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`session_version` integer DEFAULT 1 NOT NULL,
	`last_login_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `areas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "users_role_valid" CHECK("users"."role" in ('staff', 'manager', 'admin', 'auditor')),
	CONSTRAINT "users_locale_valid" CHECK("users"."locale" in ('zh-CN', 'en')),
	CONSTRAINT "users_session_version_positive" CHECK("users"."session_version" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (lower("username"));