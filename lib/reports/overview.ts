import "server-only";
// The overview of a period: subsidy, gross spending, co-payment, gross leverage, redemptions,
// redemption rate and budget use — all from the leverage engine (its channel rows summed: every
// batch has one channel, so the channel rows are a partition) — and the approved packages and
// events running in the period, from the registry. The same for the period before, for 环比.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { areaSubtree, type ScopedUser } from "@/lib/auth/scope";
import { cachedOnDataVersion } from "@/lib/data-version/cache";
import { leverageBreakdown, type LeverageRow } from "@/lib/leverage/breakdown";
import { budgetUse, redemptionRates, type BudgetUse } from "@/lib/leverage/figures";
import { tenthsOfPercent } from "@/lib/numbers/percent";
import { previousPeriod, type Period } from "./period";
import { leverageFilterOf, mayChooseArea, readsPartOfCampaigns, withKnownRecords, type ReportQuery } from "./report";

export interface PeriodFigures {
  period: Period;
  /** Any kept totals in the period (else the figures are "no data", not 0). */
  hasData: boolean;
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
  copayFen: number;
  issued: number | null;
  claimed: number | null;
  /** Redemptions in the period over the vouchers claimed (issued) by the batches, tenths of a percent. */
  redemptionRate: { ofClaimed: number | null; ofIssued: number | null };
  /** Subsidy from the start through the period's end against the caps of the campaigns read; null where a cap does not apply (an area chosen). */
  budget: (BudgetUse & { subsidyThroughFen: number }) | null;
  packages: number;
  events: number;
}

export interface Overview {
  current: PeriodFigures;
  previous: PeriodFigures;
}

/** The sum of a partition of the engine's rows (integers only). */
export function sumRows(rows: LeverageRow[]): Pick<LeverageRow, "redemptions" | "subsidyFen" | "grossFen" | "copayFen" | "issued" | "claimed"> {
  const add = (pick: (r: LeverageRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const grossFen = add((r) => r.grossFen);
  const subsidyFen = add((r) => r.subsidyFen);
  return {
    redemptions: add((r) => r.redemptions),
    subsidyFen,
    grossFen,
    copayFen: grossFen - subsidyFen,
    issued: rows.length && rows.every((r) => r.issued !== null) ? add((r) => r.issued!) : null,
    claimed: rows.length && rows.every((r) => r.claimed !== null) ? add((r) => r.claimed!) : null,
  };
}

/** A user's query with an area they may not read dropped (a county manager reports on their county), and marked invalid where it names no sector or merchant. */
export function normaliseQuery(db: Db | Tx, user: ScopedUser, parsed: ReportQuery): ReportQuery {
  const query = withKnownRecords(db, parsed);
  if (query.areaId === undefined || mayChooseArea(db, user, query.areaId)) return query;
  return { ...query, areaId: undefined };
}

function periodFigures(db: Db | Tx, user: ScopedUser, query: ReportQuery, period: Period): PeriodFigures {
  const rows = leverageBreakdown(db, { by: "channel", filter: leverageFilterOf(db, user, query, period) });
  const sums = sumRows(rows);
  const hasData = rows.some((r) => r.redemptions !== 0 || r.subsidyFen !== 0 || r.grossFen !== 0);
  return {
    period,
    hasData,
    ...sums,
    redemptionRate: redemptionRates(sums.redemptions, sums.claimed, sums.issued),
    budget: !readsPartOfCampaigns(query) ? budgetThrough(db, user, query, period.to) : null,
    ...registryCounts(db, user, query, period),
  };
}

/** Subsidy from the start through `to`, of the batches read, against the caps of their campaigns. */
function budgetThrough(db: Db | Tx, user: ScopedUser, query: ReportQuery, to: string): PeriodFigures["budget"] {
  const scoped = leverageBreakdown(db, { by: "campaign", filter: leverageFilterOf(db, user, query, { to }) });
  if (scoped.length === 0) return null;
  // The caps themselves: the engine gives budget use only for whole campaigns (no scope, no dates).
  const whole = leverageBreakdown(db, { by: "campaign", filter: { actionId: query.actionId, campaignId: query.campaignId } });
  const ids = new Set(scoped.map((r) => r.key));
  const capFen = whole.filter((r) => ids.has(r.key)).reduce((n, r) => n + (r.budget?.budgetCapFen ?? 0), 0);
  const subsidyThroughFen = scoped.reduce((n, r) => n + r.subsidyFen, 0);
  return { ...budgetUse(subsidyThroughFen, capFen), subsidyThroughFen };
}

/** Approved packages and events running at some time in the period, in the reader's scope and the chosen area (and action). */
function registryCounts(db: Db | Tx, user: ScopedUser, query: ReportQuery, period: Period): { packages: number; events: number } {
  const key = JSON.stringify({ role: user.role, area: user.areaId, department: user.departmentId, queryArea: query.areaId, action: query.actionId, period });
  return cachedOnDataVersion(db, `registry-counts:${key}`, () => countRegistry(db, user, query, period));
}

function countRegistry(db: Db | Tx, user: ScopedUser, query: ReportQuery, period: Period): { packages: number; events: number } {
  const conditions = [sql`status = 'approved'`, sql`starts_on <= ${period.to}`, sql`ends_on >= ${period.from}`];
  if (user.role === "manager") conditions.push(sql`area_id in (select value from json_each(${JSON.stringify(areaSubtree(db, user.areaId))}))`);
  if (user.role === "staff") conditions.push(sql`area_id = ${user.areaId} and department_id = ${user.departmentId}`);
  if (query.areaId !== undefined) conditions.push(sql`area_id in (select value from json_each(${JSON.stringify(areaSubtree(db, query.areaId))}))`);
  if (query.actionId !== undefined) conditions.push(sql`action_id = ${query.actionId}`);
  const where = sql.join(conditions, sql` and `);
  const countOf = (table: "packages" | "events") => db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)} where ${where}`)?.n ?? 0;
  return { packages: countOf("packages"), events: countOf("events") };
}

export function reportOverview(db: Db | Tx, user: ScopedUser, query: ReportQuery): Overview {
  return { current: periodFigures(db, user, query, query.period), previous: periodFigures(db, user, query, previousPeriod(query.period)) };
}

/** The change of a count or an amount against the period before, in tenths of a percent; null when there is nothing to compare with. */
export function changeTenths(current: number, previous: number, known = true): number | null {
  if (!known || previous <= 0) return null;
  const diff = current - previous;
  // tenthsOfPercent rounds half up for a non-negative part: round the size, then give it its sign.
  return diff < 0 ? -tenthsOfPercent(-diff, previous) : tenthsOfPercent(diff, previous);
}

/** The change of a ratio a / b against c / d, in tenths of a percent, in integers: (a·d − c·b) / (c·b). */
export function ratioChangeTenths(a: number, b: number, c: number, d: number): number | null {
  if (b <= 0 || c <= 0 || d <= 0) return null;
  const num = BigInt(a) * BigInt(d) - BigInt(c) * BigInt(b);
  const den = BigInt(c) * BigInt(b);
  const abs = num < 0n ? -num : num;
  const tenths = Number((abs * 2000n + den) / (2n * den));
  return num < 0n ? -tenths : tenths;
}
