// The one schema file: tables, their constraints and inferred types.
// Columns are snake_case in SQL (drizzle `casing: "snake_case"`), camelCase here.
import { sql } from "drizzle-orm";
import {
  sqliteTable,
  integer,
  real,
  text,
  index,
  uniqueIndex,
  check,
  primaryKey,
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

// ── The policy registry ──────────────────────────────────────────────────────
// Every registry record belongs to a department and an area and goes through the workflow:
// its row holds the latest approved values (or, before the first approval, the draft), and
// `status` says where it stands. Changes to an approved record wait in `revisions`.

export const RECORD_STATUSES = ["draft", "submitted", "returned", "approved"] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

const recordColumns = () => ({
  departmentId: integer()
    .notNull()
    .references(() => departments.id),
  areaId: integer()
    .notNull()
    .references(() => areas.id),
  status: text({ enum: RECORD_STATUSES }).notNull().default("draft"),
  approvedAt: integer({ mode: "timestamp_ms" }),
  createdBy: integer()
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  updatedAt: createdAt(),
});

export const POLICY_LEVELS = ["city", "county"] as const;
export const POLICY_KINDS = ["master", "supporting"] as const;
export const POLICY_EFFECTS = ["in_force", "expired", "repealed"] as const;

export const policies = sqliteTable(
  "policies",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    title: text().notNull(),
    docNumber: text().notNull(),
    issuedOn: text().notNull(),
    level: text({ enum: POLICY_LEVELS }).notNull(),
    kind: text({ enum: POLICY_KINDS }).notNull(),
    masterPolicyId: integer().references((): AnySQLiteColumn => policies.id),
    effect: text({ enum: POLICY_EFFECTS }).notNull().default("in_force"),
    summary: text(),
    link: text(),
    ...recordColumns(),
  },
  (t) => [
    index("policies_status_idx").on(t.status),
    check("policies_supporting_has_master", sql`${t.kind} = 'master' or ${t.masterPolicyId} is not null`),
    check("policies_master_has_no_master", sql`${t.kind} = 'supporting' or ${t.masterPolicyId} is null`),
  ],
);

export const actions = sqliteTable(
  "actions",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: integer().notNull(),
    titleZh: text().notNull(),
    titleEn: text().notNull(),
    policyId: integer()
      .notNull()
      .references(() => policies.id),
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    description: text(),
    /** Department ids of the participating departments (the lead is `departmentId`). */
    participatingDepartmentIds: text({ mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    /** [{ measure, unit, target }]: target in the measure's unit (fen for money). */
    targets: text({ mode: "json" }).$type<ActionTarget[]>().notNull().default(sql`'[]'`),
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("actions_number_unique").on(t.number),
    index("actions_policy_idx").on(t.policyId),
    check("actions_period_valid", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const TARGET_MEASURES = [
  "packages",
  "events",
  "largeEvents",
  "eventSalesFen",
  "eventFootfall",
  "carriers",
  "carrierSalesFen",
  "voucherSubsidyFen",
  "stimulatedSpendingFen",
  "merchants",
] as const;
export type TargetMeasure = (typeof TARGET_MEASURES)[number];
export interface ActionTarget {
  measure: TargetMeasure;
  unit: string;
  target: number;
}

/** Retail-sales categories (社会消费品零售总额 by commodity) plus services: data, not code. */
export const sectors = sqliteTable(
  "sectors",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    code: text().notNull(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    position: integer().notNull(),
  },
  (t) => [uniqueIndex("sectors_code_unique").on(t.code), uniqueIndex("sectors_name_zh_unique").on(t.nameZh)],
);

export const packages = sqliteTable(
  "packages",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    actionId: integer()
      .notNull()
      .references(() => actions.id),
    sectorId: integer()
      .notNull()
      .references(() => sectors.id),
    partners: text(),
    offerTerms: text().notNull(),
    budgetFen: integer().notNull(),
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    ...recordColumns(),
  },
  (t) => [
    index("packages_action_idx").on(t.actionId, t.status),
    index("packages_area_idx").on(t.areaId),
    index("packages_sector_idx").on(t.sectorId),
    index("packages_status_idx").on(t.status),
    check("packages_budget_nonnegative", sql`${t.budgetFen} >= 0`),
    check("packages_period_valid", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const events = sqliteTable(
  "events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    actionId: integer()
      .notNull()
      .references(() => actions.id),
    venue: text().notNull(),
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    largeScale: integer({ mode: "boolean" }).notNull().default(false),
    /** Reported afterwards; null until reported. */
    footfall: integer(),
    salesFen: integer(),
    note: text(),
    ...recordColumns(),
  },
  (t) => [
    index("events_action_idx").on(t.actionId, t.status),
    index("events_area_idx").on(t.areaId),
    index("events_status_idx").on(t.status),
    check("events_footfall_nonnegative", sql`${t.footfall} is null or ${t.footfall} >= 0`),
    check("events_sales_nonnegative", sql`${t.salesFen} is null or ${t.salesFen} >= 0`),
    check("events_period_valid", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const CARRIER_KINDS = ["taobaoVillage", "taobaoTown", "livestreamBase", "demonstrationProject", "other"] as const;
export const CARRIER_LEVELS = ["county", "city", "provincial", "national"] as const;

export const carriers = sqliteTable(
  "carriers",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    kind: text({ enum: CARRIER_KINDS }).notNull(),
    level: text({ enum: CARRIER_LEVELS }).notNull(),
    yearRecognised: integer().notNull(),
    operator: text(),
    actionId: integer().references(() => actions.id),
    /** The reporting period of the figures below, e.g. 2025-01-01 … 2025-06-30. */
    periodStart: text(),
    periodEnd: text(),
    onlineSalesFen: integer(),
    jobs: integer(),
    ...recordColumns(),
  },
  (t) => [
    index("carriers_area_idx").on(t.areaId),
    index("carriers_action_idx").on(t.actionId, t.status),
    index("carriers_status_idx").on(t.status),
    check("carriers_sales_nonnegative", sql`${t.onlineSalesFen} is null or ${t.onlineSalesFen} >= 0`),
    check("carriers_jobs_nonnegative", sql`${t.jobs} is null or ${t.jobs} >= 0`),
  ],
);

export type Policy = typeof policies.$inferSelect;
export type Action = typeof actions.$inferSelect;
export type Sector = typeof sectors.$inferSelect;
export type PromotionPackage = typeof packages.$inferSelect;
export type PromotionEvent = typeof events.$inferSelect;
export type Carrier = typeof carriers.$inferSelect;

// ── Vouchers ─────────────────────────────────────────────────────────────────
// A voucher campaign (消费券活动) is registered under an action and approved like any record;
// its batches (发放批次) say what was issued on which channel. Merchants are reference data
// kept by staff and by the statement imports (not workflow records).

export const VOUCHER_CHANNELS = ["wechat", "alipay", "unionpay", "meituan", "bank"] as const;
export type VoucherChannel = (typeof VOUCHER_CHANNELS)[number];

export const campaigns = sqliteTable(
  "campaigns",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    /** e.g. HZ2025-AUTO: unique, what statements and the command line name. */
    code: text().notNull(),
    actionId: integer()
      .notNull()
      .references(() => actions.id),
    cityFundFen: integer().notNull().default(0),
    countyFundFen: integer().notNull().default(0),
    /** Enterprise or platform co-funding. */
    cofundFen: integer().notNull().default(0),
    budgetCapFen: integer().notNull(),
    channels: text({ mode: "json" }).$type<VoucherChannel[]>().notNull().default(sql`'[]'`),
    startsOn: text().notNull(),
    endsOn: text().notNull(),
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("campaigns_code_unique").on(t.code),
    index("campaigns_action_idx").on(t.actionId, t.status),
    index("campaigns_area_idx").on(t.areaId),
    index("campaigns_status_idx").on(t.status),
    check("campaigns_funds_nonnegative", sql`${t.cityFundFen} >= 0 and ${t.countyFundFen} >= 0 and ${t.cofundFen} >= 0`),
    check("campaigns_cap_nonnegative", sql`${t.budgetCapFen} >= 0`),
    // The cap cannot promise money the funding sources do not provide.
    check("campaigns_cap_within_funds", sql`${t.budgetCapFen} <= ${t.cityFundFen} + ${t.countyFundFen} + ${t.cofundFen}`),
    check("campaigns_period_valid", sql`${t.startsOn} <= ${t.endsOn}`),
  ],
);

export const batches = sqliteTable(
  "batches",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    code: text().notNull(),
    channel: text({ enum: VOUCHER_CHANNELS }).notNull(),
    faceValueFen: integer().notNull(),
    /** 满 X 减 Y: X in fen; 0 = no threshold. */
    thresholdFen: integer().notNull().default(0),
    quantityIssued: integer().notNull(),
    /** Entered or imported; null until known. */
    quantityClaimed: integer(),
    validFrom: text().notNull(),
    validTo: text().notNull(),
    eligibleSectorIds: text({ mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    note: text(),
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("batches_code_unique").on(t.code),
    index("batches_campaign_idx").on(t.campaignId, t.status),
    index("batches_area_idx").on(t.areaId),
    index("batches_status_idx").on(t.status),
    check("batches_face_positive", sql`${t.faceValueFen} > 0`),
    check("batches_threshold_valid", sql`${t.thresholdFen} = 0 or ${t.thresholdFen} > ${t.faceValueFen}`),
    check("batches_issued_nonnegative", sql`${t.quantityIssued} >= 0`),
    check("batches_claimed_valid", sql`${t.quantityClaimed} is null or (${t.quantityClaimed} >= 0 and ${t.quantityClaimed} <= ${t.quantityIssued})`),
    check("batches_validity_valid", sql`${t.validFrom} <= ${t.validTo}`),
  ],
);

export const MERCHANT_STATUSES = ["active", "suspended", "blacklisted"] as const;
export type MerchantStatus = (typeof MERCHANT_STATUSES)[number];

export const merchants = sqliteTable(
  "merchants",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    sectorId: integer().references(() => sectors.id),
    areaId: integer().references(() => areas.id),
    status: text({ enum: MERCHANT_STATUSES }).notNull().default("active"),
    /** Set when the merchant was registered automatically from a statement. */
    needsReview: integer({ mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index("merchants_name_idx").on(t.name),
    index("merchants_status_idx").on(t.status),
    index("merchants_area_idx").on(t.areaId),
    check("merchants_status_valid", sql`${t.status} in ('active', 'suspended', 'blacklisted')`),
  ],
);

/** A merchant's ids on the channels: a 商户号 on WeChat Pay, an account on Alipay … */
export const merchantChannelIds = sqliteTable(
  "merchant_channel_ids",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    channel: text({ enum: VOUCHER_CHANNELS }).notNull(),
    channelMerchantId: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("merchant_channel_ids_unique").on(t.channel, t.channelMerchantId), index("merchant_channel_ids_merchant_idx").on(t.merchantId)],
);

export const campaignMerchants = sqliteTable(
  "campaign_merchants",
  {
    campaignId: integer()
      .notNull()
      .references(() => campaigns.id),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("campaign_merchants_unique").on(t.campaignId, t.merchantId), index("campaign_merchants_merchant_idx").on(t.merchantId)],
);

export type Campaign = typeof campaigns.$inferSelect;
export type Batch = typeof batches.$inferSelect;
export type Merchant = typeof merchants.$inferSelect;
export type MerchantChannelId = typeof merchantChannelIds.$inferSelect;

// ── Statement imports and redemptions ────────────────────────────────────────
// An import lands whole or not at all: rows are staged, checked, then moved in one write
// transaction. A payment is keyed by (channel, order id), a refund by (channel, refund id):
// importing the same or an overlapping statement counts nothing twice. Totals per batch, day
// and merchant are kept in the same transaction, so reports never scan the rows.

export const IMPORT_STATUSES = ["active", "voided"] as const;

export const statementImports = sqliteTable(
  "statement_imports",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    format: text().notNull(),
    encoding: text().notNull(),
    fileName: text().notNull(),
    fileSha256: text().notNull(),
    fileBytes: integer().notNull(),
    rowsRead: integer().notNull(),
    inserted: integer().notNull(),
    duplicates: integer().notNull(),
    refunds: integer().notNull(),
    revoked: integer().notNull(),
    nonVoucher: integer().notNull(),
    rejected: integer().notNull(),
    /** Net subsidy and gross spending this import added (refunds netted). */
    subsidyFen: integer().notNull(),
    grossFen: integer().notNull(),
    /** The campaign's subsidy passed its budget cap with this import. */
    overCap: integer({ mode: "boolean" }).notNull().default(false),
    importedBy: integer().references(() => users.id),
    importedByName: text().notNull(),
    importedAt: createdAt(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default("active"),
    voidedBy: integer().references(() => users.id),
    voidedAt: integer({ mode: "timestamp_ms" }),
    voidReason: text(),
  },
  (t) => [
    index("statement_imports_batch_idx").on(t.batchId),
    uniqueIndex("statement_imports_active_file_unique").on(t.batchId, t.fileSha256).where(sql`status = 'active'`),
    check("statement_imports_reconciled", sql`${t.rowsRead} = ${t.inserted} + ${t.duplicates} + ${t.refunds} + ${t.revoked} + ${t.nonVoucher} + ${t.rejected}`),
  ],
);

export const redemptions = sqliteTable(
  "redemptions",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    importId: integer()
      .notNull()
      .references(() => statementImports.id),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    channel: text().notNull(),
    orderId: text().notNull(),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    payer: text(),
    occurredAt: text().notNull(),
    /** YYYY-MM-DD, Beijing time. */
    day: text().notNull(),
    orderFen: integer().notNull(),
    /** 0 for an order without a voucher: the merchant's non-voucher sales. */
    voucherFen: integer().notNull(),
  },
  (t) => [
    uniqueIndex("redemptions_channel_order_unique").on(t.channel, t.orderId),
    index("redemptions_import_idx").on(t.importId),
    index("redemptions_batch_idx").on(t.batchId, t.day, t.merchantId),
    check("redemptions_amounts_valid", sql`${t.orderFen} >= 0 and ${t.voucherFen} >= 0 and ${t.voucherFen} <= ${t.orderFen}`),
  ],
);

export const redemptionRefunds = sqliteTable(
  "redemption_refunds",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    importId: integer()
      .notNull()
      .references(() => statementImports.id),
    redemptionId: integer()
      .notNull()
      .references(() => redemptions.id),
    channel: text().notNull(),
    refundId: text().notNull(),
    occurredAt: text().notNull(),
    refundFen: integer().notNull(),
    refundVoucherFen: integer().notNull(),
  },
  (t) => [
    uniqueIndex("redemption_refunds_channel_refund_unique").on(t.channel, t.refundId),
    index("redemption_refunds_import_idx").on(t.importId),
    index("redemption_refunds_redemption_idx").on(t.redemptionId),
    check("redemption_refunds_amounts_valid", sql`${t.refundFen} >= 0 and ${t.refundVoucherFen} >= 0`),
  ],
);

/** Net figures per batch, day and merchant, kept by every import and void. */
export const redemptionTotals = sqliteTable(
  "redemption_totals",
  {
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    day: text().notNull(),
    merchantId: integer()
      .notNull()
      .references(() => merchants.id),
    redemptions: integer().notNull(),
    subsidyFen: integer().notNull(),
    grossFen: integer().notNull(),
    nonVoucherOrders: integer().notNull(),
    nonVoucherFen: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.day, t.merchantId] })],
);

export type StatementImport = typeof statementImports.$inferSelect;

export const JOB_KINDS = ["import", "anomaly-check"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Work the web server hands to a process of its own (scripts/job.ts), one job at a time, so a
 * large import or the anomaly checks never run in the web server. An `import` job is an uploaded
 * statement: the file lies beside the database until the job ends, and `result` is the
 * pipeline's outcome (counts, problems, overCap, importId). An `anomaly-check` job runs the rules
 * over the batches in `params` (batchIds, and the settings it was queued with); `result` sums
 * what the checks found.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text({ enum: JOB_KINDS }).notNull().default("import"),
    /** The imported batch (an anomaly check names its batches in `params`). */
    batchId: integer().references(() => batches.id),
    status: text({ enum: JOB_STATUSES }).notNull().default("queued"),
    /** As the user named it: shown, never used on disk (imports only, like the next three). */
    fileName: text(),
    filePath: text(),
    bytes: integer(),
    /** How far the import process has read the file (for the progress bar). */
    bytesRead: integer().notNull().default(0),
    format: text(),
    /** What an anomaly check runs with: { batchIds, settings }. */
    params: text({ mode: "json" }),
    requestedBy: integer().references(() => users.id),
    requestedByName: text().notNull(),
    ip: text(),
    /** The job's process; a queued or running job whose process is gone has died. */
    pid: integer(),
    result: text({ mode: "json" }),
    /** A message key (errors.* or imports.*) when the job failed. */
    error: text(),
    createdAt: createdAt(),
    startedAt: integer({ mode: "timestamp_ms" }),
    finishedAt: integer({ mode: "timestamp_ms" }),
    /** Set once the batch page was revalidated after the job finished. */
    revalidatedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("jobs_batch_idx").on(t.batchId), index("jobs_status_idx").on(t.status, t.kind)],
);

export type Job = typeof jobs.$inferSelect;

// ── Baseline sales for the incremental estimate ──────────────────────────────
// The comparison group of the difference-in-differences estimate: sales of merchants (or
// areas) that took no part in a campaign, uploaded by staff as a canonical CSV file. A file
// lands whole or not at all, once per content (sha256); voiding it takes its rows out.

export const BASELINE_GRANULARITIES = ["day", "month"] as const;
export type BaselineGranularity = (typeof BASELINE_GRANULARITIES)[number];

export const baselineUploads = sqliteTable(
  "baseline_uploads",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fileName: text().notNull(),
    fileSha256: text().notNull(),
    fileBytes: integer().notNull(),
    rows: integer().notNull(),
    /** The uploader's area: every row of the file lies in it or below. */
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    uploadedBy: integer().references(() => users.id),
    uploadedByName: text().notNull(),
    uploadedAt: createdAt(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default("active"),
    voidedBy: integer().references(() => users.id),
    voidedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("baseline_uploads_active_file_unique").on(t.fileSha256).where(sql`status = 'active'`),
    check("baseline_uploads_status_valid", sql`${t.status} in ('active', 'voided')`),
  ],
);

export const baselineSales = sqliteTable(
  "baseline_sales",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    uploadId: integer()
      .notNull()
      .references(() => baselineUploads.id),
    /** The line of the file the row came from. */
    line: integer().notNull(),
    /** A merchant's name or id as the file gives it; null for an area's sales as a whole. */
    merchant: text(),
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    sectorId: integer()
      .notNull()
      .references(() => sectors.id),
    granularity: text({ enum: BASELINE_GRANULARITIES }).notNull(),
    /** YYYY-MM-DD for a day, YYYY-MM for a month. */
    period: text().notNull(),
    salesFen: integer().notNull(),
    /** The comparison group's label, e.g. 未参与活动的餐饮商户. */
    groupLabel: text().notNull(),
  },
  (t) => [
    index("baseline_sales_upload_idx").on(t.uploadId),
    index("baseline_sales_sector_idx").on(t.sectorId, t.period),
    check("baseline_sales_amount_valid", sql`${t.salesFen} >= 0`),
    check("baseline_sales_granularity_valid", sql`(${t.granularity} = 'day' and length(${t.period}) = 10) or (${t.granularity} = 'month' and length(${t.period}) = 7)`),
  ],
);

export type BaselineUpload = typeof baselineUploads.$inferSelect;
export type BaselineSale = typeof baselineSales.$inferSelect;

// ── Retail-sales indicators ──────────────────────────────────────────────────
// Published statistics (社会消费品零售总额, 网络零售额 …) as the statistical bureau releases them,
// for the city and each county: one row per area, indicator, year and period. A registry record
// (staff record, a manager approves). Growth and rank are stored as published, never computed.

/**
 * The indicators staff can record. A list of codes, not columns: another indicator is one more
 * entry here (and its two names in the message files); no column or migration changes.
 */
export const RETAIL_INDICATORS = ["retailSales", "onlineRetailSales"] as const;
export type RetailIndicator = (typeof RETAIL_INDICATORS)[number];

/** cumulative: 1–N月 (year to date up to month N); month: the single month N月. */
export const INDICATOR_PERIOD_KINDS = ["cumulative", "month"] as const;
export type IndicatorPeriodKind = (typeof INDICATOR_PERIOD_KINDS)[number];

export const retailIndicators = sqliteTable(
  "retail_indicators",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The area the figure is about (the record's own area is who keeps it). */
    subjectAreaId: integer()
      .notNull()
      .references(() => areas.id),
    indicator: text({ enum: RETAIL_INDICATORS }).notNull(),
    year: integer().notNull(),
    periodKind: text({ enum: INDICATOR_PERIOD_KINDS }).notNull(),
    /** N of 1–N月 or of N月. */
    month: integer().notNull(),
    valueFen: integer().notNull(),
    /** 同比 as published, in tenths of a percent (+7.6 % = 76); null when not published. */
    yoyTenths: integer(),
    /** Rank in the province, n of rankOf (全省第1/16); both or neither. */
    rank: integer(),
    rankOf: integer(),
    source: text().notNull(),
    publishedOn: text(),
    /** Made-up demonstration figures, labelled as such wherever shown. */
    demo: integer({ mode: "boolean" }).notNull().default(false),
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("retail_indicators_period_unique").on(t.subjectAreaId, t.indicator, t.year, t.periodKind, t.month),
    index("retail_indicators_area_idx").on(t.areaId),
    index("retail_indicators_status_idx").on(t.status),
    check("retail_indicators_value_nonnegative", sql`${t.valueFen} >= 0`),
    check("retail_indicators_month_valid", sql`${t.month} between 1 and 12`),
    check("retail_indicators_period_valid", sql`${t.periodKind} = 'month' or (${t.periodKind} = 'cumulative' and ${t.month} >= 2)`),
    check(
      "retail_indicators_rank_valid",
      sql`(${t.rank} is null and ${t.rankOf} is null) or (${t.rank} >= 1 and ${t.rankOf} >= ${t.rank})`,
    ),
  ],
);

export type RetailIndicatorRow = typeof retailIndicators.$inferSelect;

// ── Anomaly flags ────────────────────────────────────────────────────────────
// Flags for a person to review, never verdicts (lib/anomalies): each one names the rows behind
// it. A manager marks it explained or confirmed; a confirmed flag's rows may be excluded from
// every figure (the kept totals leave out rows listed in anomaly_exclusions).

export const ANOMALY_STATUSES = ["open", "explained", "confirmed"] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

export const anomalyFlags = sqliteTable(
  "anomaly_flags",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    batchId: integer()
      .notNull()
      .references(() => batches.id),
    /** One of lib/anomalies ANOMALY_RULES. */
    rule: text().notNull(),
    /** What the flag is about within its rule and batch: a payer, `merchant:<id>` … */
    subject: text().notNull(),
    merchantId: integer().references(() => merchants.id),
    /** The figures that tripped the rule at the last check. */
    detail: text({ mode: "json" }).$type<Record<string, number | string>>().notNull(),
    /** The rows behind it and their net figures (refunds netted), as of the last check. */
    rowCount: integer().notNull(),
    subsidyFen: integer().notNull().default(0),
    grossFen: integer().notNull().default(0),
    status: text({ enum: ANOMALY_STATUSES }).notNull().default("open"),
    /** The last check no longer found it; kept because someone decided on it. */
    stale: integer({ mode: "boolean" }).notNull().default(false),
    decisionNote: text(),
    decidedBy: integer().references(() => users.id),
    decidedAt: integer({ mode: "timestamp_ms" }),
    excluded: integer({ mode: "boolean" }).notNull().default(false),
    excludedBy: integer().references(() => users.id),
    excludedAt: integer({ mode: "timestamp_ms" }),
    detectedAt: createdAt(),
    checkedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("anomaly_flags_subject_unique").on(t.batchId, t.rule, t.subject),
    index("anomaly_flags_status_idx").on(t.status, t.batchId),
    check("anomaly_flags_status_valid", sql`${t.status} in ('open', 'explained', 'confirmed')`),
    check("anomaly_flags_decided", sql`${t.status} = 'open' or (${t.decidedBy} is not null and ${t.decidedAt} is not null and length(trim(coalesce(${t.decisionNote}, ''))) > 0)`),
    // Only a confirmed flag's rows leave the figures.
    check("anomaly_flags_excluded_confirmed", sql`${t.excluded} = 0 or ${t.status} = 'confirmed'`),
  ],
);

/** The rows behind a flag (as of the last check that found it). */
export const anomalyFlagRows = sqliteTable(
  "anomaly_flag_rows",
  {
    flagId: integer()
      .notNull()
      .references(() => anomalyFlags.id, { onDelete: "cascade" }),
    // A voided import takes its rows, and so their place in flags, with it.
    redemptionId: integer()
      .notNull()
      .references(() => redemptions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.flagId, t.redemptionId] }), index("anomaly_flag_rows_redemption_idx").on(t.redemptionId)],
);

/** Rows left out of every figure after review: the rows of an excluded flag as they were when it was excluded. */
export const anomalyExclusions = sqliteTable(
  "anomaly_exclusions",
  {
    redemptionId: integer()
      .notNull()
      .references(() => redemptions.id, { onDelete: "cascade" }),
    flagId: integer()
      .notNull()
      .references(() => anomalyFlags.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.redemptionId, t.flagId] }), index("anomaly_exclusions_flag_idx").on(t.flagId)],
);

/** The rules' thresholds, one row per setting; a setting without a row has its default. */
export const anomalySettings = sqliteTable("anomaly_settings", {
  key: text().primaryKey(),
  /** A count, minutes, or a share as a fraction (0.25), as lib/anomalies AnomalySettings has it. */
  value: real().notNull(),
  updatedBy: integer().references(() => users.id),
  updatedAt: createdAt(),
});

/** When each batch was last checked, so a page can tell checks older than the batch's imports. */
export const anomalyChecks = sqliteTable("anomaly_checks", {
  batchId: integer()
    .primaryKey()
    .references(() => batches.id),
  checkedAt: integer({ mode: "timestamp_ms" }).notNull(),
  flags: integer().notNull(),
  millis: integer().notNull(),
});

export type AnomalyFlag = typeof anomalyFlags.$inferSelect;

/**
 * One row: how many times the figures' source data has changed, and when it last did. Triggers
 * (migration 0016, listed in db/data-version.ts) bump it in the same transaction as every insert,
 * update or delete of a table the reports and the public page read, from any process — so a
 * cache keyed on (instance, version) is never stale, even after an import run from the command
 * line. `instance` is random per database, so two databases never share a key.
 */
export const dataVersion = sqliteTable(
  "data_version",
  {
    id: integer().primaryKey(),
    instance: text().notNull(),
    version: integer().notNull(),
    changedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);
