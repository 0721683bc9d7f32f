// What a report page is asked for (its search parameters) and what that means for the leverage
// engine: the period, the area (merchant locations, a county and what lies under it), the
// reader's record scope, and the drill-down so far (action → campaign → batch, or a sector,
// channel or merchant row followed down). One parse for the pages and the export route, so
// both read the same figures from the same parameters.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { merchants, sectors, VOUCHER_CHANNELS, type VoucherChannel } from "@/db/schema";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import type { LeverageFilter } from "@/lib/leverage/breakdown";
import { leverageScope } from "@/lib/leverage/queries";
import { periodSchema, type Period } from "./period";

/** Who reads reports: everyone signed in, each within their own scope. */
export const REPORT_ROLES = ["staff", "manager", "admin", "auditor"] as const;

const id = z.coerce.number().int().positive().optional().catch(undefined);

/** The search parameters every report page and export share. Bad values fall back, never throw. */
export const reportSearchSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  area: id,
  action: id,
  campaign: id,
  batch: id,
  grain: z.enum(["day", "week"]).optional().catch(undefined),
});

const blank = (v: unknown) => (v === "" ? undefined : v);

/**
 * The drill-down's own filters (a breakdown row followed down): a value that names nothing is
 * refused — the page is not found — rather than dropped, which would show the unfiltered figures
 * under the row's name. "none" is the sector breakdown's row of merchants without a sector.
 */
export const drillSearchSchema = {
  sector: z.preprocess(blank, z.union([z.literal("none").transform(() => null), z.coerce.number().int().positive()]).optional()),
  channel: z.preprocess(blank, z.enum(VOUCHER_CHANNELS).optional()),
  merchant: z.preprocess(blank, z.coerce.number().int().positive().optional()),
};
export type DrillParam = keyof typeof drillSearchSchema;

export interface ReportQuery {
  period: Period;
  /** Merchant locations: this area and below; undefined = the reader's whole scope. */
  areaId?: number;
  actionId?: number;
  campaignId?: number;
  batchId?: number;
  /** Merchants of a sector (null: merchants without one). */
  sectorId?: number | null;
  /** Batches of a channel. */
  channel?: VoucherChannel;
  /** One merchant's redemptions. */
  merchantId?: number;
  grain: "day" | "week";
  /** A drill-down parameter that names nothing (malformed, or no such record): the page is not found. */
  invalid?: DrillParam;
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The query in a URL's search parameters; the period falls back to `fallback` when absent or invalid. */
export function parseReportSearch(params: Search, fallback: Period): ReportQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)]));
  const raw = reportSearchSchema.parse(flat);
  const period = periodSchema.safeParse({ from: raw.from, to: raw.to });
  const sector = drillSearchSchema.sector.safeParse(flat.sector);
  const channel = drillSearchSchema.channel.safeParse(flat.channel);
  const merchant = drillSearchSchema.merchant.safeParse(flat.merchant);
  const query: ReportQuery = {
    period: period.success ? period.data : fallback,
    areaId: raw.area,
    actionId: raw.action,
    campaignId: raw.campaign,
    batchId: raw.batch,
    grain: raw.grain ?? "day",
  };
  if (sector.success && sector.data !== undefined) query.sectorId = sector.data;
  if (channel.success && channel.data !== undefined) query.channel = channel.data;
  if (merchant.success && merchant.data !== undefined) query.merchantId = merchant.data;
  const invalid = !sector.success ? "sector" : !channel.success ? "channel" : !merchant.success ? "merchant" : undefined;
  return invalid ? { ...query, invalid } : query;
}

/** The query, marked invalid where its sector or merchant is no record. */
export function withKnownRecords(db: Db | Tx, query: ReportQuery): ReportQuery {
  if (query.invalid) return query;
  if (typeof query.sectorId === "number" && !db.select({ id: sectors.id }).from(sectors).where(eq(sectors.id, query.sectorId)).get()) return { ...query, invalid: "sector" };
  if (query.merchantId !== undefined && !db.select({ id: merchants.id }).from(merchants).where(eq(merchants.id, query.merchantId)).get()) return { ...query, invalid: "merchant" };
  return query;
}

/** Whether the query reads part of what its campaigns spent (merchants of an area or sector, one merchant, one channel): their budget caps say nothing of it. */
export function readsPartOfCampaigns(query: ReportQuery): boolean {
  return query.areaId !== undefined || query.sectorId !== undefined || query.merchantId !== undefined || query.channel !== undefined;
}

export type SearchChange = Partial<Record<"area" | "action" | "campaign" | "batch" | DrillParam | "grain" | "from" | "to", string | number | undefined>>;

/** The query as search parameters (for links and the export route), with changes applied. */
export function reportSearch(query: ReportQuery, change: SearchChange = {}): string {
  const params = new URLSearchParams();
  const values: Record<string, string | number | undefined> = {
    from: query.period.from,
    to: query.period.to,
    area: query.areaId,
    action: query.actionId,
    campaign: query.campaignId,
    batch: query.batchId,
    sector: query.sectorId === null ? "none" : query.sectorId,
    channel: query.channel,
    merchant: query.merchantId,
    grain: query.grain === "day" ? undefined : query.grain,
    ...change,
  };
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}

/** The areas whose merchants the reader may report on: a manager's own subtree; everyone else the city. */
export function readableAreaIds(db: Db | Tx, user: ScopedUser): number[] | null {
  return user.role === "manager" ? areaSubtree(db, user.areaId) : null;
}

/** Whether a reader may narrow a report to the merchants of an area (staff report on their own scope; a manager within their own). */
export function mayChooseArea(db: Db | Tx, user: ScopedUser, areaId: number): boolean {
  if (user.role === "staff") return false;
  const readable = readableAreaIds(db, user);
  return !readable || readable.includes(areaId);
}

/** The engine's filter for a query read by a user; a period other than the query's (the previous one) when given. */
export function leverageFilterOf(db: Db | Tx, user: ScopedUser, query: ReportQuery, period: Partial<Period> = query.period): LeverageFilter {
  return {
    from: period.from,
    to: period.to,
    scope: leverageScope(user, db),
    areaIds: query.areaId === undefined ? undefined : areaSubtree(db, query.areaId),
    actionId: query.actionId,
    campaignId: query.campaignId,
    batchId: query.batchId,
    sectorId: query.sectorId,
    channel: query.channel,
    merchantId: query.merchantId,
  };
}
