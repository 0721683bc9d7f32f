// The one schema file: tables, their constraints and inferred types.
// Columns are snake_case in SQL (drizzle `casing: "snake_case"`), camelCase here.
import { sql } from "drizzle-orm";
import {
  sqliteTable,
  integer,
  text,
  index,
  uniqueIndex,
  check,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";

export const ROLES = ["staff", "manager", "admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** city: 地级市; county: 县/区 (county-level); zone: 功能区 (no GB/T 2260 code). */
export const AREA_LEVELS = ["city", "county", "zone"] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

export const REVISION_STATUSES = ["draft", "submitted", "approved", "returned"] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export const AUDIT_OUTCOMES = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const createdAt = () =>
  integer({ mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const areas = sqliteTable(
  "areas",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** GB/T 2260 six-digit division code; null for functional zones. */
    code: text(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    level: text({ enum: AREA_LEVELS }).notNull(),
    parentId: integer().references((): AnySQLiteColumn => areas.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("areas_code_unique").on(t.code),
    uniqueIndex("areas_name_zh_unique").on(t.nameZh),
    index("areas_parent_idx").on(t.parentId),
    check("areas_code_format", sql`${t.code} is null or (length(${t.code}) = 6 and ${t.code} not glob '*[^0-9]*')`),
    check("areas_level_valid", sql`${t.level} in ('city', 'county', 'zone')`),
    check("areas_not_own_parent", sql`${t.parentId} is null or ${t.parentId} <> ${t.id}`),
  ],
);

export const departments = sqliteTable(
  "departments",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    active: integer({ mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("departments_area_name_unique").on(t.areaId, t.nameZh),
    index("departments_area_idx").on(t.areaId),
  ],
);

export const users = sqliteTable(
  "users",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    locale: text({ enum: LOCALES }).notNull().default("zh-CN"),
    disabled: integer({ mode: "boolean" }).notNull().default(false),
    /** Bumped on logout, disable, role or password change: older JWTs stop working. */
    sessionVersion: integer().notNull().default(1),
    lastLoginAt: integer({ mode: "timestamp_ms" }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_username_unique").on(sql`lower(${t.username})`),
    check("users_role_valid", sql`${t.role} in ('staff', 'manager', 'admin', 'auditor')`),
    check("users_locale_valid", sql`${t.locale} in ('zh-CN', 'en')`),
    check("users_session_version_positive", sql`${t.sessionVersion} > 0`),
  ],
);

/** Failed-login counters, keyed by `user:<name>` and `ip:<addr>`. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStartedAt: integer({ mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer({ mode: "timestamp_ms" }),
});

/**
 * Append-only audit log. Triggers (migration 0001) refuse UPDATE and DELETE; each row
 * carries the hash of the previous one, so an edit or a gap is detectable.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** ISO-8601 UTC with milliseconds. */
    at: text().notNull(),
    actorId: integer(),
    actorName: text().notNull(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: text(),
    after: text(),
    outcome: text({ enum: AUDIT_OUTCOMES }).notNull(),
    detail: text(),
    ip: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    uniqueIndex("audit_log_hash_unique").on(t.hash),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorId),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    check("audit_log_outcome_valid", sql`${t.outcome} in ('success', 'failure', 'denied')`),
  ],
);

/**
 * The approval workflow shared by every record type: a revision proposes a payload for
 * one record (new or existing); approval applies it. Maker-checker is a CHECK here, and
 * the legal transitions are enforced by triggers (migration 0001).
 */
export const revisions = sqliteTable(
  "revisions",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    entityType: text().notNull(),
    /** The record this revision changes; null until a new record's first approval. */
    entityId: integer(),
    title: text().notNull(),
    departmentId: integer()
      .notNull()
      .references(() => departments.id),
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    payload: text().notNull(),
    status: text({ enum: REVISION_STATUSES }).notNull().default("draft"),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    submittedBy: integer().references(() => users.id),
    submittedAt: integer({ mode: "timestamp_ms" }),
    decidedBy: integer().references(() => users.id),
    decidedAt: integer({ mode: "timestamp_ms" }),
    decisionComment: text(),
  },
  (t) => [
    index("revisions_status_area_idx").on(t.status, t.areaId),
    index("revisions_entity_idx").on(t.entityType, t.entityId),
    check("revisions_status_valid", sql`${t.status} in ('draft', 'submitted', 'approved', 'returned')`),
    check("revisions_maker_checker", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.submittedBy}`),
    check(
      "revisions_submitted_has_submitter",
      sql`${t.status} = 'draft' or (${t.submittedBy} is not null and ${t.submittedAt} is not null)`,
    ),
    check(
      "revisions_decided_has_decider",
      sql`${t.status} not in ('approved', 'returned') or (${t.decidedBy} is not null and ${t.decidedAt} is not null)`,
    ),
    check(
      "revisions_returned_has_comment",
      sql`${t.status} <> 'returned' or length(trim(coalesce(${t.decisionComment}, ''))) > 0`,
    ),
  ],
);

export type Area = typeof areas.$inferSelect;
export type NewArea = typeof areas.$inferInsert;
export type Department = typeof departments.$inferSelect;
export type NewDepartment = typeof departments.$inferInsert;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuditRow = typeof auditLog.$inferSelect;
export type Revision = typeof revisions.$inferSelect;
