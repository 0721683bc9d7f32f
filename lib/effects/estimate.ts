// The incremental estimate of a campaign, by difference in differences: the participating
// merchants' daily sales (voucher and non-voucher orders from their statements, kept in
// redemption_totals) before the vouchers could be used and while they could, against the
// comparison group's sales from the uploaded baseline files over the same days.
//
// `loadEstimateInputs` reads (a few grouped queries of the kept totals, never the raw rows);
// `assembleEstimate` is pure: windows, series, the estimator, and — where the data are not
// enough — the shortfalls in words and no number at all.
import { sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import type { Locale } from "@/db/schema";
import { cachedOnDataVersion } from "@/lib/data-version/cache";
import { areaSubtree } from "@/lib/auth/scope";
import { leverageBreakdown } from "@/lib/leverage/breakdown";
import { differenceInDifferences, type PanelUnit } from "./did";

/** The least the estimate needs: merchants with sales before, comparison series, days each side. */
export const MIN_TREATED = 5;
export const MIN_COMPARISON = 3;
export const MIN_DAYS = 7;
export const RESAMPLES = 1000;

export type EstimateShortfall =
  | { reason: "noStatements" }
  | { reason: "noSalesBefore"; participating: number }
  | { reason: "fewMerchantsBefore"; count: number; participating: number; min: number }
  | { reason: "noComparison"; sectors: string[]; area: string | null }
  | { reason: "fewComparison"; count: number; min: number; sectors: string[] }
  | { reason: "fewDaysBefore"; days: number; min: number }
  | { reason: "fewDaysDuring"; days: number; min: number };

export interface Window {
  from: string;
  to: string;
  days: number;
}

export interface EstimateInputs {
  campaign: { id: number; name: string; code: string; startsOn: string; endsOn: string };
  /** The vouchers' validity: the first valid-from and last valid-to of the campaign's approved batches. */
  validity: { from: string; to: string } | null;
  /** The first and last day with kept totals of the campaign's batches. */
  statementDays: { from: string; to: string } | null;
  sectors: Array<{ id: number; label: string }>;
  area: { id: number; label: string } | null;
  /** Participating merchants (in the sector and area) and their sales per day, in fen, over both windows. */
  participating: number;
  treatedSales: Map<number, Map<string, number>>;
  comparison: ComparisonSeries[];
  uploads: Array<{ id: number; fileName: string; uploadedAt: Date }>;
  /** The campaign's subsidy and gross spending (in the area), from the leverage engine. */
  subsidyFen: number;
  grossFen: number;
}

export interface ComparisonSeries {
  key: string;
  group: string;
  /** Sales per day in fen, months spread evenly over their days. */
  days: Map<string, number>;
  monthly: boolean;
}

export type EstimateFigures = {
  perMerchantDayFen: number;
  lowFen: number;
  highFen: number;
  treatedChangeFen: number;
  comparisonChangeFen: number;
  /** Per merchant-day × merchants × days of the campaign: the incremental spending and its range. */
  incrementalFen: number;
  incrementalLowFen: number;
  incrementalHighFen: number;
  resamples: number;
};

export interface IncrementalEstimate {
  campaign: EstimateInputs["campaign"];
  sectors: EstimateInputs["sectors"];
  area: EstimateInputs["area"];
  before: Window | null;
  during: Window | null;
  treated: { participating: number; withSalesBefore: number };
  comparison: { series: number; groups: string[]; monthly: boolean; uploads: EstimateInputs["uploads"] };
  subsidyFen: number;
  grossFen: number;
  result: ({ ok: true } & EstimateFigures) | { ok: false; shortfalls: EstimateShortfall[] };
}

const DAY_MS = 86_400_000;
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysFrom = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const maxDay = (...days: string[]) => days.reduce((a, b) => (a > b ? a : b));
const minDay = (...days: string[]) => days.reduce((a, b) => (a < b ? a : b));

/**
 * The windows: during = the days the vouchers could be used, within the campaign and the
 * statements; before = as many days before that as the campaign's, from the first day with
 * sales of a participating merchant (what data exist).
 */
export function estimateWindows(inputs: Pick<EstimateInputs, "campaign" | "validity" | "statementDays">, firstDayBefore: string | null): { before: Window | null; during: Window | null } {
  const { campaign, validity, statementDays } = inputs;
  if (!validity || !statementDays) return { before: null, during: null };
  const from = maxDay(campaign.startsOn, validity.from);
  const to = minDay(campaign.endsOn, validity.to, statementDays.to);
  if (from > to) return { before: null, during: null };
  const during = { from, to, days: daysFrom(from, to).length };
  const earliest = addDays(from, -during.days);
  const start = firstDayBefore && firstDayBefore < from ? maxDay(firstDayBefore, earliest) : null;
  const before = start ? { from: start, to: addDays(from, -1), days: daysFrom(start, addDays(from, -1)).length } : null;
  return { before, during };
}

/** The first day before the vouchers with sales of a participating merchant, within the longest window the campaign allows. */
export function firstTreatedDay(inputs: Pick<EstimateInputs, "campaign" | "validity" | "statementDays" | "treatedSales">): string | null {
  const { during } = estimateWindows(inputs, null);
  if (!during) return null;
  const earliest = addDays(during.from, -during.days);
  let first: string | null = null;
  for (const days of inputs.treatedSales.values()) for (const d of days.keys()) if (d >= earliest && d < during.from && (!first || d < first)) first = d;
  return first;
}

export function assembleEstimate(inputs: EstimateInputs): IncrementalEstimate {
  const { before, during } = estimateWindows(inputs, firstTreatedDay(inputs));
  const base = {
    campaign: inputs.campaign,
    sectors: inputs.sectors,
    area: inputs.area,
    before,
    during,
    subsidyFen: inputs.subsidyFen,
    grossFen: inputs.grossFen,
    comparison: { series: 0, groups: [] as string[], monthly: false, uploads: inputs.uploads },
  };
  const sectorNames = inputs.sectors.map((s) => s.label);
  if (!during) {
    return { ...base, treated: { participating: inputs.participating, withSalesBefore: 0 }, result: { ok: false, shortfalls: [{ reason: "noStatements" }] } };
  }
  const duringDays = daysFrom(during.from, during.to);
  const beforeDays = before ? daysFrom(before.from, before.to) : [];

  // A statement lists every order of its merchants: a day without a row is a day without sales.
  // A merchant with no row at all before the vouchers has no "before" and is left out.
  const treated: PanelUnit[] = [];
  for (const [merchantId, days] of inputs.treatedSales) {
    const hasBefore = beforeDays.some((d) => days.has(d));
    treated.push({ id: String(merchantId), before: hasBefore ? beforeDays.map((d) => days.get(d) ?? 0) : [], during: duringDays.map((d) => days.get(d) ?? 0) });
  }
  // A baseline file reports what it reports: a missing day is no data, not zero.
  const comparison: PanelUnit[] = inputs.comparison.map((c) => ({
    id: c.key,
    before: beforeDays.filter((d) => c.days.has(d)).map((d) => c.days.get(d)!),
    during: duringDays.filter((d) => c.days.has(d)).map((d) => c.days.get(d)!),
  }));
  const usableComparison = inputs.comparison.filter((_, i) => comparison[i]!.before.length > 0 && comparison[i]!.during.length > 0);
  const withSalesBefore = treated.filter((u) => u.before.length > 0).length;
  const groups = [...new Set(usableComparison.map((c) => c.group))];

  const shortfalls: EstimateShortfall[] = [];
  if (withSalesBefore === 0) shortfalls.push({ reason: "noSalesBefore", participating: inputs.participating });
  else if (withSalesBefore < MIN_TREATED) shortfalls.push({ reason: "fewMerchantsBefore", count: withSalesBefore, participating: inputs.participating, min: MIN_TREATED });
  if (usableComparison.length === 0) shortfalls.push({ reason: "noComparison", sectors: sectorNames, area: inputs.area?.label ?? null });
  else if (usableComparison.length < MIN_COMPARISON) shortfalls.push({ reason: "fewComparison", count: usableComparison.length, min: MIN_COMPARISON, sectors: sectorNames });
  if (withSalesBefore > 0 && (before?.days ?? 0) < MIN_DAYS) shortfalls.push({ reason: "fewDaysBefore", days: before?.days ?? 0, min: MIN_DAYS });
  if (during.days < MIN_DAYS) shortfalls.push({ reason: "fewDaysDuring", days: during.days, min: MIN_DAYS });

  const summary = {
    ...base,
    treated: { participating: inputs.participating, withSalesBefore },
    comparison: { series: usableComparison.length, groups, monthly: usableComparison.some((c) => c.monthly), uploads: inputs.uploads },
  };
  if (shortfalls.length) return { ...summary, result: { ok: false, shortfalls } };

  const did = differenceInDifferences({ treated, comparison, resamples: RESAMPLES, seed: inputs.campaign.id, minTreated: MIN_TREATED, minComparison: MIN_COMPARISON, minDays: MIN_DAYS });
  // The estimator checks the same minimums; should it still refuse, no number is shown.
  if (!did.ok) return { ...summary, result: { ok: false, shortfalls: [{ reason: "fewDaysBefore", days: before?.days ?? 0, min: MIN_DAYS }] } };
  const scale = did.treatedCount * during.days;
  return {
    ...summary,
    result: {
      ok: true,
      perMerchantDayFen: did.perMerchantDayFen,
      lowFen: did.lowFen,
      highFen: did.highFen,
      treatedChangeFen: did.treatedChangeFen,
      comparisonChangeFen: did.comparisonChangeFen,
      incrementalFen: did.perMerchantDayFen * scale,
      incrementalLowFen: did.lowFen * scale,
      incrementalHighFen: did.highFen * scale,
      resamples: did.resamples,
    },
  };
}

export interface EstimateOptions {
  campaignId: number;
  /** Narrow to one sector (default: the sectors of the participating merchants). */
  sectorId?: number;
  /** Narrow to an area and the areas below it (treated merchants and comparison rows alike). */
  areaId?: number;
  locale?: Locale;
}

const daysInMonth = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/** Reads what the estimate needs; null when the campaign does not exist. */
export function loadEstimateInputs(db: Db | Tx, { campaignId, sectorId, areaId, locale = "zh-CN" }: EstimateOptions): EstimateInputs | null {
  const campaign = db.get<EstimateInputs["campaign"] | undefined>(
    sql`select id, name, code, starts_on as startsOn, ends_on as endsOn from campaigns where id = ${campaignId}`,
  );
  if (!campaign) return null;
  const validity = db.get<{ from: string | null; to: string | null }>(
    sql`select min(valid_from) as "from", max(valid_to) as "to" from batches where campaign_id = ${campaignId} and status = 'approved'`,
  );
  const statementDays = db.get<{ from: string | null; to: string | null }>(
    sql`select min(t.day) as "from", max(t.day) as "to" from redemption_totals t join batches b on b.id = t.batch_id where b.campaign_id = ${campaignId} and b.status = 'approved'`,
  );
  const areaIds = areaId === undefined ? null : areaSubtree(db, areaId);
  const areaJson = JSON.stringify(areaIds ?? []);
  const name = locale === "en" ? sql.raw("name_en") : sql.raw("name_zh");

  const merchants = db.all<{ id: number; name: string; sectorId: number | null }>(
    sql`select m.id, m.name, m.sector_id as sectorId from campaign_merchants cm join merchants m on m.id = cm.merchant_id
        where cm.campaign_id = ${campaignId}
          and (${sectorId ?? null} is null or m.sector_id = ${sectorId ?? null})
          and (${areaIds === null ? 1 : 0} = 1 or m.area_id in (select value from json_each(${areaJson})))`,
  );
  // The campaign's sectors: those of all its participating merchants, wherever the area narrows to.
  const campaignSectorIds = db.all<{ id: number }>(
    sql`select distinct m.sector_id as id from campaign_merchants cm join merchants m on m.id = cm.merchant_id where cm.campaign_id = ${campaignId} and m.sector_id is not null`,
  );
  const sectorIds = sectorId !== undefined ? [sectorId] : campaignSectorIds.map((r) => r.id);
  const sectors = db.all<{ id: number; label: string }>(
    sql`select id, ${name} as label from sectors where id in (select value from json_each(${JSON.stringify(sectorIds)})) order by position`,
  );
  const area = areaId === undefined ? null : (db.get<{ id: number; label: string } | undefined>(sql`select id, ${name} as label from areas where id = ${areaId}`) ?? null);

  const base = {
    campaign,
    validity: validity.from && validity.to ? { from: validity.from, to: validity.to } : null,
    statementDays: statementDays.from && statementDays.to ? { from: statementDays.from, to: statementDays.to } : null,
  };
  // The widest days the estimate can use: the campaign's days and as many before.
  const widest = estimateWindows(base, addDays(campaign.startsOn, -100_000));
  const treatedSales = new Map<number, Map<string, number>>(merchants.map((m) => [m.id, new Map()]));
  const comparison: ComparisonSeries[] = [];
  let uploads: EstimateInputs["uploads"] = [];
  if (widest.during) {
    const from = addDays(widest.during.from, -widest.during.days);
    const to = widest.during.to;
    // A merchant's sales on a day: voucher and non-voucher orders of every batch it took part in.
    const rows = db.all<{ merchantId: number; day: string; fen: number }>(
      sql`select t.merchant_id as merchantId, t.day, sum(t.gross_fen + t.non_voucher_fen) as fen from redemption_totals t
          where t.merchant_id in (select value from json_each(${JSON.stringify(merchants.map((m) => m.id))})) and t.day between ${from} and ${to}
          group by t.merchant_id, t.day`,
    );
    for (const r of rows) treatedSales.get(r.merchantId)!.set(r.day, r.fen);

    // The comparison group: baseline rows of the same sectors (and area) over the same days,
    // leaving out any merchant the campaign counts as participating.
    const baseline = db.all<{ uploadId: number; fileName: string; uploadedAt: number; merchant: string | null; areaId: number; sectorId: number; granularity: "day" | "month"; period: string; salesFen: number; groupLabel: string }>(
      sql`select s.upload_id as uploadId, u.file_name as fileName, u.uploaded_at as uploadedAt, s.merchant, s.area_id as areaId, s.sector_id as sectorId, s.granularity, s.period, s.sales_fen as salesFen, s.group_label as groupLabel
          from baseline_sales s join baseline_uploads u on u.id = s.upload_id
          where u.status = 'active'
            and s.sector_id in (select value from json_each(${JSON.stringify(sectorIds)}))
            and (${areaIds === null ? 1 : 0} = 1 or s.area_id in (select value from json_each(${areaJson})))
            and ((s.granularity = 'day' and s.period between ${from} and ${to}) or (s.granularity = 'month' and s.period between ${from.slice(0, 7)} and ${to.slice(0, 7)}))
            and (s.merchant is null or s.merchant not in (select m.name from campaign_merchants cm join merchants m on m.id = cm.merchant_id where cm.campaign_id = ${campaignId}))`,
    );
    const series = new Map<string, ComparisonSeries>();
    const used = new Map<number, EstimateInputs["uploads"][number]>();
    for (const r of baseline) {
      const key = JSON.stringify([r.groupLabel, r.merchant ?? `area:${r.areaId}`, r.sectorId]);
      let s = series.get(key);
      if (!s) series.set(key, (s = { key, group: r.groupLabel, days: new Map(), monthly: false }));
      if (r.granularity === "day") s.days.set(r.period, (s.days.get(r.period) ?? 0) + r.salesFen);
      else {
        // A month's sales spread evenly over its days.
        s.monthly = true;
        const n = daysInMonth(r.period);
        for (let d = 1; d <= n; d++) {
          const day = `${r.period}-${String(d).padStart(2, "0")}`;
          s.days.set(day, (s.days.get(day) ?? 0) + r.salesFen / n);
        }
      }
      if (!used.has(r.uploadId)) used.set(r.uploadId, { id: r.uploadId, fileName: r.fileName, uploadedAt: new Date(r.uploadedAt) });
    }
    comparison.push(...series.values());
    uploads = [...used.values()].sort((a, b) => a.id - b.id);
  }

  const figures = leverageBreakdown(db, { by: "campaign", filter: { campaignId, ...(areaIds ? { areaIds } : {}) }, locale })[0];
  return {
    ...base,
    sectors,
    area,
    participating: merchants.length,
    treatedSales,
    comparison,
    uploads,
    subsidyFen: figures?.subsidyFen ?? 0,
    grossFen: figures?.grossFen ?? 0,
  };
}

/**
 * The estimate of a campaign (in a sector and area); null when the campaign does not exist.
 * Computed once per data version and options (the bootstrap is the costly part), and frozen.
 */
export function incrementalEstimate(db: Db | Tx, options: EstimateOptions): IncrementalEstimate | null {
  const { campaignId, sectorId, areaId, locale = "zh-CN" } = options;
  return cachedOnDataVersion(db, `estimate:${JSON.stringify({ campaignId, sectorId, areaId, locale })}`, () => {
    const inputs = loadEstimateInputs(db, options);
    return inputs ? assembleEstimate(inputs) : null;
  });
}
