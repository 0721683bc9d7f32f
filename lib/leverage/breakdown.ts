import "server-only";
// The leverage engine: one breakdown of the kept totals (redemption_totals, per batch, day and
// merchant) by batch, campaign, action, area, sector, channel, merchant or day. Every sum is
// made in SQL from the kept totals joined to batches, campaigns and merchants; the raw
// redemptions are never read. Money stays integer fen; ratios are made at the edge (figures.ts).
//
// Area is the MERCHANT's area, rolled up to the county level under the city: where the
// spending happened, not which government paid (a campaign's own area is its record scope).
// Merchants registered from a statement without an area are one "unassigned" row (id null).
//
// Every filter is a condition on that same join, so a row's own filter (its sector, channel,
// area, merchant …) gives the breakdown below it, summing to the row exactly: the drill-down.
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { cachedOnDataVersion } from "@/lib/data-version/cache";
import { VOUCHER_CHANNELS, type Locale, type VoucherChannel } from "@/db/schema";
import { budgetUse, copayFen, grossLeverage, redemptionRates, type BudgetUse } from "./figures";

export const BREAKDOWNS = ["batch", "campaign", "action", "area", "sector", "channel", "merchant", "day"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface LeverageFilter {
  campaignId?: number;
  batchId?: number;
  actionId?: number;
  actionIds?: readonly number[];
  merchantId?: number;
  /** Merchants of this sector; null: merchants without a sector (the breakdown's unassigned row). */
  sectorId?: number | null;
  /** Batches of this channel. */
  channel?: VoucherChannel;
  /** Merchant locations (pass an areaSubtree for a county and what lies under it). */
  areaIds?: readonly number[];
  /** Days (YYYY-MM-DD, Beijing), both included. */
  from?: string;
  to?: string;
  /** The reader's record scope, applied to batches: their areas, and their department for staff. */
  scope?: { areaIds?: readonly number[]; departmentId?: number };
  /** "approved" (default): approved batches of approved campaigns only. */
  status?: "approved" | "any";
}

export interface BatchTermsOfRow {
  code: string;
  campaignId: number;
  campaignName: string;
  channel: VoucherChannel;
  faceValueFen: number;
  thresholdFen: number;
}

export interface LeverageRow {
  /** The group: an id as text, a channel, a day; "" for merchants without a sector or area. */
  key: string;
  /** The record id for batch, campaign, action, area, sector and merchant rows; null otherwise or unassigned. */
  id: number | null;
  /** The record's name in the reader's language ("" for unassigned; a channel key for channel rows: translate it). */
  label: string;
  /** Batch and campaign code. */
  code: string | null;
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
  /** G − S: what consumers paid on top of the subsidy. */
  copayFen: number;
  /** G / S; null when S = 0. */
  leverage: number | null;
  /** Merchants with at least one redemption. */
  merchants: number;
  /** Batches in the group (batch, campaign, action, channel rows); null otherwise. */
  batches: number | null;
  /** Vouchers issued and claimed by the group's batches (batch, campaign, action, channel rows); null when not meaningful. */
  issued: number | null;
  /** Null too when a batch of the group has no claimed count yet. */
  claimed: number | null;
  /** Tenths of a percent. */
  redemptionRate: { ofClaimed: number | null; ofIssued: number | null } | null;
  /** Campaign and action rows covering whole campaigns: the subsidy against the budget cap(s). */
  budget: BudgetUse | null;
  /** Active imports of the group's batches that took subsidy past the campaign's cap. */
  overCapImports: number | null;
  /** Batch rows: the voucher's terms. */
  batch: BatchTermsOfRow | null;
}

interface Dimension {
  key: string;
  /** Vouchers are issued per batch: issue figures exist for groups of whole batches. */
  batchLevel: boolean;
  /** Budget caps belong to campaigns. */
  budgetKey?: string;
}

const DIMENSIONS: Record<Breakdown, Dimension> = {
  batch: { key: "b.id", batchLevel: true },
  campaign: { key: "c.id", batchLevel: true, budgetKey: "c.id" },
  action: { key: "c.action_id", batchLevel: true, budgetKey: "c.action_id" },
  channel: { key: "b.channel", batchLevel: true },
  area: { key: "ar.county_id", batchLevel: false },
  sector: { key: "m.sector_id", batchLevel: false },
  merchant: { key: "t.merchant_id", batchLevel: false },
  day: { key: "t.day", batchLevel: false },
};

// Each area with the area it rolls up to: itself if it is the top or lies directly under a
// city, else its parent's roll-up (a county, or a zone under the city).
const AREA_ROLLUP = `
  with recursive up(area_id, node_id) as (
    select id, id from areas
    union all
    select up.area_id, n.parent_id from up join areas n on n.id = up.node_id join areas p on p.id = n.parent_id where p.level <> 'city'
  ),
  area_rollup(area_id, county_id) as (
    select up.area_id, up.node_id from up join areas n on n.id = up.node_id left join areas p on p.id = n.parent_id
    where p.id is null or p.level = 'city'
  )`;

type Param = string | number;

const inList = (column: string, ids: readonly Param[], params: Param[]) => {
  params.push(JSON.stringify(ids));
  return `${column} in (select value from json_each(?))`;
};

/** Conditions on batches (b) and campaigns (c). */
function batchConditions(filter: LeverageFilter, params: Param[]): string[] {
  const where: string[] = [];
  if ((filter.status ?? "approved") === "approved") where.push(`b.status = 'approved' and c.status = 'approved'`);
  if (filter.campaignId !== undefined) where.push(bind("b.campaign_id = ?", filter.campaignId, params));
  if (filter.batchId !== undefined) where.push(bind("b.id = ?", filter.batchId, params));
  if (filter.actionId !== undefined) where.push(bind("c.action_id = ?", filter.actionId, params));
  if (filter.actionIds) where.push(inList("c.action_id", filter.actionIds, params));
  if (filter.channel !== undefined) where.push(bind("b.channel = ?", filter.channel, params));
  if (filter.scope?.areaIds) where.push(inList("b.area_id", filter.scope.areaIds, params));
  if (filter.scope?.departmentId !== undefined) where.push(bind("b.department_id = ?", filter.scope.departmentId, params));
  return where;
}

/**
 * For a period: the batches that could be redeemed in it (validity overlapping) or were (kept
 * totals on its days), so a batch of another year is not listed with empty figures.
 */
function periodConditions(filter: LeverageFilter, params: Param[]): string[] {
  if (filter.from === undefined && filter.to === undefined) return [];
  const from = filter.from ?? "0000-00-00";
  const to = filter.to ?? "9999-12-31";
  params.push(to, from, from, to);
  return [`((b.valid_from <= ? and b.valid_to >= ?) or exists (select 1 from redemption_totals t where t.batch_id = b.id and t.day between ? and ?))`];
}

/** Conditions on campaigns (c) alone, for their budget caps. */
function campaignConditions(filter: LeverageFilter, params: Param[]): string[] {
  const where: string[] = [];
  if ((filter.status ?? "approved") === "approved") where.push(`c.status = 'approved'`);
  if (filter.campaignId !== undefined) where.push(bind("c.id = ?", filter.campaignId, params));
  if (filter.actionId !== undefined) where.push(bind("c.action_id = ?", filter.actionId, params));
  if (filter.actionIds) where.push(inList("c.action_id", filter.actionIds, params));
  return where;
}

/** Conditions on the kept totals (t) and their merchants (m). */
function totalsConditions(filter: LeverageFilter, params: Param[]): string[] {
  const where: string[] = [];
  // The batch again on the totals' own key, so one batch's rows are read by its primary key.
  if (filter.batchId !== undefined) where.push(bind("t.batch_id = ?", filter.batchId, params));
  if (filter.from) where.push(bind("t.day >= ?", filter.from, params));
  if (filter.to) where.push(bind("t.day <= ?", filter.to, params));
  if (filter.merchantId !== undefined) where.push(bind("t.merchant_id = ?", filter.merchantId, params));
  if (filter.areaIds) where.push(inList("m.area_id", filter.areaIds, params));
  if (filter.sectorId === null) where.push("m.sector_id is null");
  else if (filter.sectorId !== undefined) where.push(bind("m.sector_id = ?", filter.sectorId, params));
  return where;
}

/** A condition with its one parameter. */
function bind(condition: string, value: Param, params: Param[]): string {
  params.push(value);
  return condition;
}

/** Text with "?" placeholders and its parameters as one drizzle query: runs on a connection or inside a transaction alike. */
function query(text: string, params: readonly Param[]): SQL {
  const parts = text.split("?");
  if (parts.length !== params.length + 1) throw new Error("leverage: placeholders and parameters disagree");
  return sql.join(parts.flatMap((part, i) => (i < params.length ? [sql.raw(part), sql`${params[i]}`] : [sql.raw(part)])));
}

const whereOf = (conditions: string[]) => (conditions.length ? `where ${conditions.join(" and ")}` : "");

interface SumsRow {
  key: Param | null;
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
  merchants: number;
}
interface IssueRow {
  key: Param | null;
  batches: number;
  issued: number;
  claimed: number | null;
  overCapImports: number;
}
interface BudgetRow {
  key: Param | null;
  capFen: number;
  subsidyFen: number;
}

export interface BreakdownOptions {
  by: Breakdown;
  filter?: LeverageFilter;
  locale?: Locale;
  /** Keep the first N rows (merchants come by gross spending, largest first). */
  limit?: number;
}

/**
 * The leverage figures of the filtered batches, grouped by one dimension. Computed once per data
 * version and options (lib/data-version/cache.ts), so pages and open data share the work; the rows
 * are frozen (shared by every caller): copy before sorting or changing them.
 */
export function leverageBreakdown(db: Db | Tx, options: BreakdownOptions): LeverageRow[] {
  const { by, filter = {}, locale = "zh-CN", limit } = options;
  return cachedOnDataVersion(db, `leverage:${JSON.stringify({ by, filter, locale, limit })}`, () => computeBreakdown(db, { by, filter, locale, limit }));
}

function computeBreakdown(db: Db | Tx, { by, filter = {}, locale = "zh-CN", limit }: BreakdownOptions): LeverageRow[] {
  const dim = DIMENSIONS[by];
  const all = <T>(text: string, params: readonly Param[]) => db.all<T>(query(text, params));
  const narrowedToMerchants = filter.merchantId !== undefined || filter.areaIds !== undefined || filter.sectorId !== undefined;
  const narrowedBelowCampaigns =
    narrowedToMerchants || filter.from !== undefined || filter.to !== undefined || filter.batchId !== undefined || filter.channel !== undefined || filter.scope !== undefined;

  const sumParams: Param[] = [];
  const sumWhere = whereOf([...batchConditions(filter, sumParams), ...totalsConditions(filter, sumParams)]);
  const sums = all<SumsRow>(
    `${by === "area" ? AREA_ROLLUP : ""}
     select ${dim.key} as key, sum(t.redemptions) as redemptions, sum(t.subsidy_fen) as subsidyFen, sum(t.gross_fen) as grossFen,
            count(distinct case when t.redemptions > 0 then t.merchant_id end) as merchants
     from redemption_totals t
     join batches b on b.id = t.batch_id
     join campaigns c on c.id = b.campaign_id
     join merchants m on m.id = t.merchant_id
     ${by === "area" ? "left join area_rollup ar on ar.area_id = m.area_id" : ""}
     ${sumWhere}
     group by ${dim.key}`,
    sumParams,
  );

  // Issue figures come from the batches themselves, so a batch without redemptions still counts.
  let issues: IssueRow[] = [];
  if (dim.batchLevel) {
    const params: Param[] = [];
    issues = all<IssueRow>(
      `select ${dim.key} as key, count(*) as batches, sum(b.quantity_issued) as issued,
              case when count(b.quantity_claimed) = count(*) then sum(b.quantity_claimed) end as claimed,
              sum((select count(*) from statement_imports i where i.batch_id = b.id and i.status = 'active' and i.over_cap)) as overCapImports
       from batches b join campaigns c on c.id = b.campaign_id
       ${whereOf([...batchConditions(filter, params), ...periodConditions(filter, params)])}
       group by ${dim.key}`,
      params,
    );
  }

  // Caps per campaign, against all the campaign's kept subsidy (as the import's over-cap check counts it).
  let budgets: BudgetRow[] = [];
  if (dim.budgetKey && !narrowedBelowCampaigns) {
    const params: Param[] = [];
    const where = campaignConditions(filter, params);
    budgets = all<BudgetRow>(
      `select ${dim.budgetKey} as key, sum(c.budget_cap_fen) as capFen,
              coalesce(sum((select sum(t.subsidy_fen) from redemption_totals t join batches b on b.id = t.batch_id where b.campaign_id = c.id)), 0) as subsidyFen
       from campaigns c ${whereOf(where)}
       group by ${dim.budgetKey}`,
      params,
    );
  }

  const keyOf = (key: Param | null) => (key === null ? "" : String(key));
  // Narrowed to merchants, a group is there only where they redeemed.
  const keys = new Set<string>([...sums, ...(narrowedToMerchants ? [] : [...issues, ...budgets])].map((r) => keyOf(r.key)));
  const sumBy = new Map(sums.map((r) => [keyOf(r.key), r]));
  const issueBy = new Map(issues.map((r) => [keyOf(r.key), r]));
  const budgetBy = new Map(budgets.map((r) => [keyOf(r.key), r]));
  const names = labels(db, by, [...keys], locale);

  const rows: LeverageRow[] = [...keys].map((key) => {
    const s = sumBy.get(key);
    const sumsOfRow = { redemptions: s?.redemptions ?? 0, subsidyFen: s?.subsidyFen ?? 0, grossFen: s?.grossFen ?? 0 };
    const issue = dim.batchLevel && !narrowedToMerchants ? issueBy.get(key) : undefined;
    const budget = budgetBy.get(key);
    const name = names.get(key);
    return {
      key,
      id: name?.id ?? null,
      label: name?.label ?? key,
      code: name?.code ?? null,
      ...sumsOfRow,
      copayFen: copayFen(sumsOfRow),
      leverage: grossLeverage(sumsOfRow),
      merchants: s?.merchants ?? 0,
      batches: dim.batchLevel ? (issueBy.get(key)?.batches ?? 0) : null,
      issued: issue ? issue.issued : null,
      claimed: issue ? issue.claimed : null,
      redemptionRate: issue ? redemptionRates(sumsOfRow.redemptions, issue.claimed, issue.issued) : null,
      budget: budget ? budgetUse(budget.subsidyFen, budget.capFen) : null,
      overCapImports: dim.batchLevel ? (issueBy.get(key)?.overCapImports ?? 0) : null,
      batch: name?.batch ?? null,
    };
  });
  rows.sort((a, b) => compare(by, a, b, names));
  return limit === undefined ? rows : rows.slice(0, limit);
}

interface Name {
  id: number | null;
  label: string;
  code: string | null;
  order: number | string;
  batch?: BatchTermsOfRow;
}

/** Names (and sort keys) of the groups found, one query per breakdown. */
function labels(db: Db | Tx, by: Breakdown, keys: string[], locale: Locale): Map<string, Name> {
  const result = new Map<string, Name>();
  const ids = JSON.stringify(keys.filter((k) => k !== "").map(Number));
  const local = (row: { nameZh: string; nameEn: string }) => (locale === "en" ? row.nameEn : row.nameZh);
  const all = <T>(text: string) => db.all<T>(query(text, [ids]));
  const inIds = "id in (select value from json_each(?))";
  switch (by) {
    case "batch":
      for (const r of all<BatchTermsOfRow & { id: number }>(
        `select b.id, b.code, b.campaign_id as campaignId, c.name as campaignName, b.channel, b.face_value_fen as faceValueFen, b.threshold_fen as thresholdFen
         from batches b join campaigns c on c.id = b.campaign_id where b.${inIds}`,
      )) {
        const { id, ...batch } = r;
        result.set(String(id), { id, label: r.code, code: r.code, order: r.code, batch });
      }
      break;
    case "campaign":
      for (const r of all<{ id: number; name: string; code: string }>(`select id, name, code from campaigns where ${inIds}`)) {
        result.set(String(r.id), { id: r.id, label: r.name, code: r.code, order: r.code });
      }
      break;
    case "action":
      for (const r of all<{ id: number; number: number; nameZh: string; nameEn: string }>(`select id, number, title_zh as nameZh, title_en as nameEn from actions where ${inIds}`)) {
        result.set(String(r.id), { id: r.id, label: `${r.number}. ${local(r)}`, code: null, order: r.number });
      }
      break;
    case "area":
      for (const r of all<{ id: number; code: string | null; nameZh: string; nameEn: string }>(`select id, code, name_zh as nameZh, name_en as nameEn from areas where ${inIds}`)) {
        result.set(String(r.id), { id: r.id, label: local(r), code: r.code, order: r.code ?? `~${r.id}` });
      }
      break;
    case "sector":
      for (const r of all<{ id: number; position: number; nameZh: string; nameEn: string }>(`select id, position, name_zh as nameZh, name_en as nameEn from sectors where ${inIds}`)) {
        result.set(String(r.id), { id: r.id, label: local(r), code: null, order: r.position });
      }
      break;
    case "merchant":
      for (const r of all<{ id: number; name: string }>(`select id, name from merchants where ${inIds}`)) {
        result.set(String(r.id), { id: r.id, label: r.name, code: null, order: r.id });
      }
      break;
    case "channel":
      for (const key of keys) result.set(key, { id: null, label: key, code: null, order: VOUCHER_CHANNELS.indexOf(key as VoucherChannel) });
      break;
    case "day":
      for (const key of keys) result.set(key, { id: null, label: key, code: null, order: key });
      break;
  }
  return result;
}

/** Merchants by gross spending, largest first; every other breakdown in its natural order; unassigned last. */
function compare(by: Breakdown, a: LeverageRow, b: LeverageRow, names: Map<string, Name>): number {
  if ((a.key === "") !== (b.key === "")) return a.key === "" ? 1 : -1;
  if (by === "merchant" && a.grossFen !== b.grossFen) return b.grossFen - a.grossFen;
  const x = names.get(a.key)?.order ?? a.key;
  const y = names.get(b.key)?.order ?? b.key;
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}
