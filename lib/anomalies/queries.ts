import "server-only";
// What the review pages read: flags in the reader's scope with their figures, one flag's rows
// (paged, payers masked), the thresholds, and what review excluded from a batch or campaign.
import { getDb, type Db } from "@/db/client";
import { ANOMALY_STATUSES, type AnomalyStatus } from "@/db/schema";
import { areaSubtree, managesArea, type ScopedUser } from "@/lib/auth/scope";
import { ANOMALY_RULES, type AnomalyRule, type AnomalySettings } from "./rules";
import { excludedFigures, type ExcludedFigures, type ExclusionScope } from "./exclusions";
import { loadAnomalySettings } from "./settings";
import { AppError } from "@/lib/errors";
import { settleDeadJobs } from "@/lib/jobs/queue";

export const FLAGS_PER_PAGE = 50;
export const ROWS_PER_PAGE = 100;

/** A payer id as the pages show it: its first four characters, never enough to identify anyone. */
export function maskPayer(payer: string | null): string {
  if (!payer) return "—";
  return payer.length <= 4 ? `${payer.slice(0, 1)}…` : `${payer.slice(0, 4)}…`;
}

/** The batches a reader may see, as SQL over `b` (batches). */
function scopeSql(user: ScopedUser, db: Db = getDb()): { sql: string; params: unknown[] } {
  switch (user.role) {
    case "admin":
    case "auditor":
      return { sql: "1", params: [] };
    case "manager":
      return { sql: "b.area_id in (select value from json_each(?))", params: [JSON.stringify(areaSubtree(db, user.areaId))] };
    case "staff":
      return { sql: "b.department_id = ? and b.area_id = ?", params: [user.departmentId, user.areaId] };
  }
}

export function exclusionScope(user: ScopedUser): ExclusionScope {
  switch (user.role) {
    case "admin":
    case "auditor":
      return {};
    case "manager":
      return { areaIds: areaSubtree(getDb(), user.areaId) };
    case "staff":
      return { areaIds: [user.areaId], departmentId: user.departmentId };
  }
}

export type FlagStatusFilter = AnomalyStatus | "excluded" | "stale";

export interface FlagQuery {
  rule?: AnomalyRule;
  status?: FlagStatusFilter;
  batchId?: number;
  campaignId?: number;
  page: number;
}

export interface FlagRow {
  id: number;
  batchId: number;
  batchCode: string;
  campaignId: number;
  campaignName: string;
  rule: AnomalyRule;
  subject: string;
  merchantId: number | null;
  merchantName: string | null;
  detail: Record<string, number | string>;
  rowCount: number;
  subsidyFen: number;
  grossFen: number;
  status: AnomalyStatus;
  stale: boolean;
  excluded: boolean;
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  excludedByName: string | null;
  excludedAt: Date | null;
  checkedAt: Date;
  areaId: number;
}

/** What a page may say of a flag's subject: a payer masked; a merchant by name (the row has it). */
export function subjectLabel(flag: Pick<FlagRow, "rule" | "subject">): string {
  return flag.rule === "repeatPayer" ? maskPayer(flag.subject) : "";
}

const FLAG_SELECT = `
  select f.id, f.batch_id as batchId, b.code as batchCode, c.id as campaignId, c.name as campaignName, f.rule, f.subject,
         f.merchant_id as merchantId, m.name as merchantName, f.detail, f.row_count as rowCount, f.subsidy_fen as subsidyFen,
         f.gross_fen as grossFen, f.status, f.stale, f.excluded, f.decision_note as decisionNote, du.display_name as decidedByName,
         f.decided_at as decidedAt, eu.display_name as excludedByName, f.excluded_at as excludedAt, f.checked_at as checkedAt, b.area_id as areaId
  from anomaly_flags f
  join batches b on b.id = f.batch_id
  join campaigns c on c.id = b.campaign_id
  left join merchants m on m.id = f.merchant_id
  left join users du on du.id = f.decided_by
  left join users eu on eu.id = f.excluded_by`;

type RawFlag = Omit<FlagRow, "detail" | "stale" | "excluded" | "decidedAt" | "excludedAt" | "checkedAt"> & {
  detail: string;
  stale: number;
  excluded: number;
  decidedAt: number | null;
  excludedAt: number | null;
  checkedAt: number;
};

function toFlag(r: RawFlag): FlagRow {
  return {
    ...r,
    detail: JSON.parse(r.detail) as Record<string, number | string>,
    stale: r.stale === 1,
    excluded: r.excluded === 1,
    decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt),
    excludedAt: r.excludedAt === null ? null : new Date(r.excludedAt),
    checkedAt: new Date(r.checkedAt),
  };
}

export interface FlagList {
  rows: FlagRow[];
  total: number;
  page: number;
  pages: number;
  /** Flags in scope by status (whatever the filters), for the summary line. */
  counts: Record<AnomalyStatus | "excluded" | "stale", number>;
}

/** The flags of the query, a page of them (or every one: `perPage` null, for the export). */
export function listFlags(user: ScopedUser, query: FlagQuery, db: Db = getDb(), perPage: number | null = FLAGS_PER_PAGE): FlagList {
  const c = db.$client;
  const scope = scopeSql(user, db);
  const where = [scope.sql];
  const params = [...scope.params];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (query.rule) add("f.rule = ?", query.rule);
  if (query.batchId) add("f.batch_id = ?", query.batchId);
  if (query.campaignId) add("b.campaign_id = ?", query.campaignId);
  if (query.status === "excluded") add("f.excluded = 1");
  else if (query.status === "stale") add("f.stale = 1");
  else if (query.status) add("f.status = ?", query.status);
  const filter = where.join(" and ");
  const total = c.prepare(`select count(*) from anomaly_flags f join batches b on b.id = f.batch_id where ${filter}`).pluck().get(...params) as number;
  const size = perPage ?? Math.max(1, total);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, query.page), pages);
  const rows = (
    c
      .prepare(
        `${FLAG_SELECT} where ${filter}
         order by case f.status when 'open' then 0 when 'confirmed' then 1 else 2 end, f.stale, f.subsidy_fen desc, f.id
         limit ? offset ?`,
      )
      .all(...params, size, (page - 1) * size) as RawFlag[]
  ).map(toFlag);
  const counted = c
    .prepare(
      `select f.status, count(*) as n, sum(f.excluded) as excluded, sum(f.stale) as stale
       from anomaly_flags f join batches b on b.id = f.batch_id where ${scope.sql} group by f.status`,
    )
    .all(...scope.params) as Array<{ status: AnomalyStatus; n: number; excluded: number; stale: number }>;
  const counts = { open: 0, explained: 0, confirmed: 0, excluded: 0, stale: 0 };
  for (const r of counted) {
    counts[r.status] = r.n;
    counts.excluded += r.excluded;
    counts.stale += r.stale;
  }
  return { rows, total, page, pages, counts };
}

export interface FlagView {
  flag: FlagRow;
  /** The reader manages the batch's area: may decide, exclude and restore. */
  canDecide: boolean;
}

/** One flag, if its batch is in the reader's scope (null otherwise: the page answers 404). */
export function getFlagForUser(user: ScopedUser, id: number, db: Db = getDb()): FlagView | null {
  const scope = scopeSql(user, db);
  const raw = db.$client.prepare(`${FLAG_SELECT} where f.id = ? and ${scope.sql}`).get(id, ...scope.params) as RawFlag | undefined;
  if (!raw) return null;
  const flag = toFlag(raw);
  return { flag, canDecide: managesArea(db, user, flag.areaId) };
}

export interface FlagRedemption {
  id: number;
  orderId: string;
  occurredAt: string;
  merchantName: string;
  payer: string;
  orderFen: number;
  voucherFen: number;
  refundFen: number;
  refundVoucherFen: number;
  excluded: boolean;
}

/** A flag's rows, a page of them (or every one: `perPage` null, for the export), payers masked. */
export function listFlagRows(
  flagId: number,
  requestedPage: number,
  db: Db = getDb(),
  perPage: number | null = ROWS_PER_PAGE,
): { rows: FlagRedemption[]; total: number; page: number; pages: number } {
  const c = db.$client;
  const total = c.prepare(`select count(*) from anomaly_flag_rows where flag_id = ?`).pluck().get(flagId) as number;
  const size = perPage ?? Math.max(1, total);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requestedPage), pages);
  const rows = c
    .prepare(
      `select r.id, r.order_id as orderId, r.occurred_at as occurredAt, m.name as merchantName, r.payer, r.order_fen as orderFen, r.voucher_fen as voucherFen,
              coalesce((select sum(refund_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as refundFen,
              coalesce((select sum(refund_voucher_fen) from redemption_refunds f where f.redemption_id = r.id), 0) as refundVoucherFen,
              exists (select 1 from anomaly_exclusions x where x.redemption_id = r.id) as excluded
       from anomaly_flag_rows x join redemptions r on r.id = x.redemption_id join merchants m on m.id = r.merchant_id
       where x.flag_id = ? order by r.occurred_at, r.id limit ? offset ?`,
    )
    .all(flagId, size, (page - 1) * size) as Array<Omit<FlagRedemption, "excluded" | "payer"> & { excluded: number; payer: string | null }>;
  return { rows: rows.map((r) => ({ ...r, payer: maskPayer(r.payer), excluded: r.excluded === 1 })), total, page, pages };
}

/** Batches and campaigns that have flags in the reader's scope, for the filters. */
export function flagFilterOptions(user: ScopedUser): { batches: Array<{ id: number; code: string }>; campaigns: Array<{ id: number; name: string }> } {
  const c = getDb().$client;
  const scope = scopeSql(user);
  const batches = c
    .prepare(`select distinct b.id, b.code from anomaly_flags f join batches b on b.id = f.batch_id where ${scope.sql} order by b.code`)
    .all(...scope.params) as Array<{ id: number; code: string }>;
  const campaigns = c
    .prepare(`select distinct c.id, c.name from anomaly_flags f join batches b on b.id = f.batch_id join campaigns c on c.id = b.campaign_id where ${scope.sql} order by c.name`)
    .all(...scope.params) as Array<{ id: number; name: string }>;
  return { batches, campaigns };
}

export interface ChecksState {
  /** Batches in scope whose last check is older than their latest import or void (or never ran). */
  outdated: Array<{ id: number; code: string }>;
  /** Batches in scope the reader may re-check (managers of their area). */
  checkable: number;
  /** Check jobs over batches in scope still queued or running, oldest first. */
  jobs: CheckJobState[];
  /** When a batch in scope was last checked. */
  lastCheckedAt: Date | null;
  /** The latest check job over batches in scope failed (its process died or erred), and none is waiting. */
  lastFailed: boolean;
}

export interface CheckJobState {
  id: number;
  status: "queued" | "running" | "done" | "failed";
  finishedAt: Date | null;
}

/** Check jobs over at least one batch the reader may see, as SQL over `j` (jobs). */
function checkJobsSql(user: ScopedUser): { sql: string; params: unknown[] } {
  const scope = scopeSql(user);
  return {
    sql: `j.kind = 'anomaly-check' and exists (select 1 from json_each(j.params, '$.batchIds') e join batches b on b.id = e.value where ${scope.sql})`,
    params: scope.params,
  };
}

const asCheckJob = (row: { id: number; status: CheckJobState["status"]; finishedAt: number | null }): CheckJobState => ({
  id: row.id,
  status: row.status,
  finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt),
});

/**
 * A check job as its poll sees it: only a reader who may see one of its batches gets it (404
 * otherwise); a job whose process died is marked failed first.
 */
export function getCheckJobForUser(user: ScopedUser, jobId: number): CheckJobState {
  const db = getDb();
  const scope = checkJobsSql(user);
  const read = () =>
    db.$client.prepare(`select j.id, j.status, j.finished_at as finishedAt from jobs j where j.id = ? and ${scope.sql}`).get(jobId, ...scope.params) as
      | { id: number; status: CheckJobState["status"]; finishedAt: number | null }
      | undefined;
  const row = read();
  if (!row) throw new AppError("NOT_FOUND", "notFound");
  if (row.status === "queued" || row.status === "running") settleDeadJobs(db, [jobId]);
  return asCheckJob(read()!);
}

export function checksState(user: ScopedUser): ChecksState {
  const c = getDb().$client;
  const scope = scopeSql(user);
  const outdated = c
    .prepare(
      `select b.id, b.code from batches b left join anomaly_checks k on k.batch_id = b.id
       where ${scope.sql} and b.status = 'approved'
         and exists (select 1 from statement_imports i where i.batch_id = b.id
                     and (k.checked_at is null or i.imported_at > k.checked_at or coalesce(i.voided_at, 0) > k.checked_at))
       order by b.code`,
    )
    .all(...scope.params) as Array<{ id: number; code: string }>;
  const checkable = user.role === "manager" ? (c.prepare(`select count(*) from batches b where ${scope.sql} and b.status = 'approved'`).pluck().get(...scope.params) as number) : 0;
  const jobScope = checkJobsSql(user);
  const recent = () =>
    c.prepare(`select j.id, j.status, j.finished_at as finishedAt from jobs j where ${jobScope.sql} and (j.status in ('queued', 'running') or j.id = (select max(j.id) from jobs j where ${jobScope.sql})) order by j.id`).all(...jobScope.params, ...jobScope.params) as Array<{ id: number; status: CheckJobState["status"]; finishedAt: number | null }>;
  let rows = recent();
  const active = rows.filter((j) => j.status === "queued" || j.status === "running").map((j) => j.id);
  if (active.length > 0 && settleDeadJobs(getDb(), active) > 0) rows = recent();
  const jobs = rows.filter((j) => j.status === "queued" || j.status === "running").map(asCheckJob);
  const lastCheckedAt = c.prepare(`select max(k.checked_at) from anomaly_checks k join batches b on b.id = k.batch_id where ${scope.sql}`).pluck().get(...scope.params) as number | null;
  return { outdated, checkable, jobs, lastCheckedAt: lastCheckedAt === null ? null : new Date(lastCheckedAt), lastFailed: jobs.length === 0 && rows.at(-1)?.status === "failed" };
}

export interface SettingsView {
  settings: AnomalySettings;
  updatedAt: Date | null;
  canEdit: boolean;
}

/** The thresholds, editable by admins and by managers of the city (the top of the area tree). */
export function getSettingsView(user: ScopedUser): SettingsView {
  const db = getDb();
  const { settings, updatedAt } = loadAnomalySettings(db);
  return { settings, updatedAt, canEdit: canEditSettings(user) };
}

export function canEditSettings(user: ScopedUser): boolean {
  if (user.role === "admin") return true;
  if (user.role !== "manager") return false;
  const parent = getDb().$client.prepare(`select parent_id from areas where id = ?`).pluck().get(user.areaId);
  return parent === null;
}

/** What review excluded from a batch's or campaign's figures, within the reader's scope. */
export function getExcludedFigures(user: ScopedUser, scope: { batchId?: number; campaignId?: number }): ExcludedFigures {
  return excludedFigures(getDb(), { ...exclusionScope(user), ...scope });
}

export { ANOMALY_RULES, ANOMALY_STATUSES };

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const positive = (v: unknown) => {
  const n = Number(one(v));
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/** The list's filters from the URL; anything unknown is ignored, never an error. */
export function parseFlagQuery(params: Record<string, string | string[] | undefined>): FlagQuery {
  const rule = one(params.rule);
  const status = one(params.status);
  return {
    rule: (ANOMALY_RULES as readonly string[]).includes(rule ?? "") ? (rule as AnomalyRule) : undefined,
    status: ([...ANOMALY_STATUSES, "excluded", "stale"] as readonly string[]).includes(status ?? "") ? (status as FlagStatusFilter) : undefined,
    batchId: positive(params.batch),
    campaignId: positive(params.campaign),
    page: positive(params.page) ?? 1,
  };
}
