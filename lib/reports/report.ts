// What a report page is asked for (its search parameters) and what that means for the leverage
// engine: the period, the area (merchant locations, a county and what lies under it), the
// reader's record scope, and the drill-down so far (action → campaign → batch). One parse for
// the pages and the export route, so both read the same figures from the same parameters.
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
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

export interface ReportQuery {
  period: Period;
  /** Merchant locations: this area and below; undefined = the reader's whole scope. */
  areaId?: number;
  actionId?: number;
  campaignId?: number;
  batchId?: number;
  grain: "day" | "week";
}

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The query in a URL's search parameters; the period falls back to `fallback` when absent or invalid. */
export function parseReportSearch(params: Search, fallback: Period): ReportQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, first(v)]));
  const raw = reportSearchSchema.parse(flat);
  const period = periodSchema.safeParse({ from: raw.from, to: raw.to });
  return {
    period: period.success ? period.data : fallback,
    areaId: raw.area,
    actionId: raw.action,
    campaignId: raw.campaign,
    batchId: raw.batch,
    grain: raw.grain ?? "day",
  };
}

/** The query as search parameters (for links and the export route), with changes applied. */
export function reportSearch(query: ReportQuery, change: Partial<Record<"area" | "action" | "campaign" | "batch" | "grain" | "from" | "to", string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  const values: Record<string, string | number | undefined> = {
    from: query.period.from,
    to: query.period.to,
    area: query.areaId,
    action: query.actionId,
    campaign: query.campaignId,
    batch: query.batchId,
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
  };
}
