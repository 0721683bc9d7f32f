import "server-only";
// Every table of the reports, built as data (lib/exports/table.ts) by one function per table
// from the leverage engine's rows: the page renders what these return and the export route
// writes the same. Labels come through the caller's translator (the page's or the route's).
import type { Db } from "@/db/client";
import type { Locale } from "@/db/schema";
import type { ScopedUser } from "@/lib/auth/scope";
import { formatShanghai } from "@/lib/datetime";
import { count, leverage, money, NONE, percent, ratio, text, type Cell, type Column, type ReportTable } from "@/lib/exports/table";
import { incrementalEstimate } from "@/lib/effects/estimate";
import { perYuan as yuanPerYuan } from "@/lib/effects/tables";
import { leverageBreakdown, type Breakdown, type LeverageRow } from "@/lib/leverage/breakdown";
import { formatTenths } from "@/lib/numbers/percent";
import { formatLeverageFloor } from "@/lib/vouchers/floor";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { formatTerms } from "@/lib/vouchers/terms";
import { importRows, listBatchImports, type BatchOfImport } from "./imports";
import { changeTenths, ratioChangeTenths, reportOverview, sumRows, type Overview } from "./overview";
import { leverageFilterOf, mayChooseArea, reportSearch, type ReportQuery, type SearchChange } from "./report";
import { weekOf } from "./trend";

/** A translator for the "reports" messages (next-intl's, loosened to plain keys). */
export type ReportsT = (key: string, values?: Record<string, string | number>) => string;

/** The namespaces of the other pages whose tables export through the reports' route. */
export const TABLE_NAMESPACES = ["anomalies", "indicators", "effects"] as const;
export type TableNamespace = (typeof TABLE_NAMESPACES)[number];

/** What a table of another page is built with: the reader, the connection, that page's own messages. */
export interface PageTableContext {
  db: Db;
  user: ScopedUser;
  locale: Locale;
  /** The messages of the table's own page (its namespace), not the reports'. */
  t: ReportsT;
}

export interface TableContext {
  /** The connection (the export route reads it inside one transaction: one snapshot). */
  db: Db;
  user: ScopedUser;
  query: ReportQuery;
  locale: Locale;
  t: ReportsT;
  /** The translator of another page's namespace, for the tables of that page. */
  tOf: (namespace: TableNamespace) => ReportsT;
}

/** The translators a table context holds: the reports' and, by namespace, the other pages'. */
export async function tableTranslators(translator: (namespace: "reports" | TableNamespace) => Promise<unknown>): Promise<Pick<TableContext, "t" | "tOf">> {
  const [t, ...others] = (await Promise.all([translator("reports"), ...TABLE_NAMESPACES.map((ns) => translator(ns))])) as ReportsT[];
  const byNamespace = new Map(TABLE_NAMESPACES.map((ns, i) => [ns, others[i]!]));
  return { t: t!, tOf: (namespace) => byNamespace.get(namespace)! };
}

/** The context a table of another page is built with, from the export's (or a report page's). */
export function pageTableContext(ctx: TableContext, namespace: TableNamespace): PageTableContext {
  return { db: ctx.db, user: ctx.user, locale: ctx.locale, t: ctx.tOf(namespace) };
}

const col = (t: ReportsT, key: string, unit: Column["unit"]): Column => ({
  key,
  label: t(`columns.${key}`),
  unit,
  unitLabel: unit === "yuan" ? t("units.yuan") : unit === "count" ? t(`units.${key === "redeemed" ? "orders" : "count"}`) : unit === "percent" ? "%" : undefined,
});

// ── the overview ─────────────────────────────────────────────────────────────

export function overviewTable(ctx: TableContext, overview: Overview = reportOverview(ctx.db, ctx.user, ctx.query)): ReportTable {
  const { t } = ctx;
  const { current: c, previous: p } = overview;
  const both = c.hasData && p.hasData;
  const data = (known: boolean, cell: Cell) => (known ? cell : NONE);
  const points = (a: number | null, b: number | null): Cell => (a === null || b === null ? NONE : text(t("points", { points: `${a - b > 0 ? "+" : ""}${formatTenths(a - b)}` })));
  const row = (label: string, current: Cell, previous: Cell, change: Cell): Cell[] => [text(label), current, previous, change];
  const moneyRow = (key: string, pick: (f: typeof c) => number) =>
    row(t("withUnit", { label: t(`figures.${key}`), unit: t("units.yuan") }), data(c.hasData, money(pick(c))), data(p.hasData, money(pick(p))), percent(changeTenths(pick(c), pick(p), both), true));
  const countRow = (key: string, current: number, previous: number, known: [boolean, boolean]) =>
    row(t(`figures.${key}`), data(known[0], count(current)), data(known[1], count(previous)), percent(changeTenths(current, previous, known[0] && known[1]), true));
  const rate = (f: typeof c) => (f.hasData ? f.redemptionRate.ofClaimed : null);
  const budget = (f: typeof c) => f.budget?.budgetUsedTenths ?? null;
  return {
    id: "overview",
    title: t("tables.overview"),
    caption: t("captions.overview"),
    columns: [
      { key: "figure", label: t("columns.figure"), unit: "text" },
      { key: "current", label: t("columns.current"), unit: "text" },
      { key: "previous", label: t("columns.previous"), unit: "text" },
      { key: "change", label: t("columns.change"), unit: "text" },
    ],
    rows: [
      moneyRow("subsidy", (f) => f.subsidyFen),
      moneyRow("gross", (f) => f.grossFen),
      moneyRow("copay", (f) => f.copayFen),
      row(t("figures.grossLeverage"), ratio(c.hasData ? formatLeverage(c.grossFen, c.subsidyFen) : null), ratio(p.hasData ? formatLeverage(p.grossFen, p.subsidyFen) : null), percent(both ? ratioChangeTenths(c.grossFen, c.subsidyFen, p.grossFen, p.subsidyFen) : null, true)),
      row(t("figures.copayLeverage"), ratio(c.hasData ? formatLeverage(c.copayFen, c.subsidyFen) : null), ratio(p.hasData ? formatLeverage(p.copayFen, p.subsidyFen) : null), percent(both ? ratioChangeTenths(c.copayFen, c.subsidyFen, p.copayFen, p.subsidyFen) : null, true)),
      countRow("redemptions", c.redemptions, p.redemptions, [c.hasData, p.hasData]),
      row(t("figures.redemptionRate"), percent(rate(c)), percent(rate(p)), points(rate(c), rate(p))),
      row(t("figures.budgetUsed"), percent(budget(c)), percent(budget(p)), points(budget(c), budget(p))),
      countRow("packages", c.packages, p.packages, [true, true]),
      countRow("events", c.events, p.events, [true, true]),
    ],
  };
}

// ── breakdowns ───────────────────────────────────────────────────────────────

/** The breakdown pages (URL segment → engine dimension). */
export const BREAKDOWN_PAGES = {
  actions: "action",
  campaigns: "campaign",
  batches: "batch",
  areas: "area",
  sectors: "sector",
  channels: "channel",
  merchants: "merchant",
} as const satisfies Record<string, Breakdown>;
export type BreakdownPage = keyof typeof BREAKDOWN_PAGES;

export function breakdownRows(ctx: TableContext, by: Breakdown): LeverageRow[] {
  return leverageBreakdown(ctx.db, { by, filter: leverageFilterOf(ctx.db, ctx.user, ctx.query), locale: ctx.locale });
}

/**
 * Where a row of a breakdown leads: the level below with the row as a filter, the period, area
 * and drill-down so far kept — an action to its campaigns, a campaign to its batches, a batch to
 * its imports; a sector or county to its campaigns, a channel or merchant to its batches (or
 * further down when a campaign or batch is already chosen). The figures there sum to the row.
 */
function drillHref(ctx: TableContext, by: Breakdown, row: LeverageRow): string | undefined {
  const q = (path: string, change: SearchChange) => `${path}?${reportSearch(ctx.query, change)}`;
  const { campaignId, batchId } = ctx.query;
  const belowBatches = batchId !== undefined ? "/reports/imports" : "/reports/batches";
  const belowCampaigns = campaignId !== undefined || batchId !== undefined ? belowBatches : "/reports/campaigns";
  switch (by) {
    case "action":
      return row.id === null ? undefined : q("/reports/campaigns", { action: row.id });
    case "campaign":
      return row.id === null ? undefined : q("/reports/batches", { campaign: row.id });
    case "batch":
      return row.id === null ? undefined : q("/reports/imports", { batch: row.id });
    case "sector":
      return q(belowCampaigns, { sector: row.id ?? "none" });
    case "area":
      // Merchants without an area, and counties the reader may not choose, are no filter.
      return row.id === null || !mayChooseArea(ctx.db, ctx.user, row.id) ? undefined : q(belowCampaigns, { area: row.id });
    case "channel":
      return q(belowBatches, { channel: row.key });
    case "merchant":
      return row.id === null ? undefined : q(belowBatches, { merchant: row.id });
    default:
      return undefined;
  }
}

function rowLabel(ctx: TableContext, by: Breakdown, row: LeverageRow): string {
  if (by === "channel") return ctx.t(`channels.${row.key}`);
  if (row.id === null && (by === "area" || by === "sector")) return ctx.t(by === "area" ? "unassignedArea" : "unassignedSector");
  return row.label;
}

const moneyCells = (r: Pick<LeverageRow, "redemptions" | "subsidyFen" | "grossFen" | "copayFen">): Cell[] => [
  count(r.redemptions),
  money(r.subsidyFen),
  money(r.grossFen),
  money(r.copayFen),
  leverage(r.grossFen, r.subsidyFen),
  leverage(r.copayFen, r.subsidyFen),
];

const moneyColumns = (t: ReportsT): Column[] => [
  col(t, "redeemed", "count"),
  col(t, "subsidy", "yuan"),
  col(t, "gross", "yuan"),
  col(t, "copay", "yuan"),
  col(t, "grossLeverage", "ratio"),
  col(t, "copayLeverage", "ratio"),
];

/** One breakdown's table: a row per group (linked one level down), the money and leverage columns, the total at the foot. */
export function breakdownTable(ctx: TableContext, page: BreakdownPage, rows: LeverageRow[] = breakdownRows(ctx, BREAKDOWN_PAGES[page])): ReportTable {
  const by = BREAKDOWN_PAGES[page];
  const { t } = ctx;
  const batchColumns: Column[] =
    by === "batch"
      ? [
          { key: "campaign", label: t("columns.campaign"), unit: "text" },
          { key: "channel", label: t("columns.channel"), unit: "text" },
          { key: "terms", label: t("columns.terms"), unit: "text" },
          { key: "floor", label: t("columns.floor"), unit: "ratio" },
        ]
      : [];
  const rateColumns: Column[] = ["action", "campaign", "batch", "channel"].includes(by) ? [col(t, "rateClaimed", "percent")] : [];
  const body = rows.map((r) => [
    text(rowLabel(ctx, by, r), drillHref(ctx, by, r)),
    ...(by === "batch" && r.batch
      ? [text(r.batch.campaignName), text(t(`channels.${r.batch.channel}`)), text(formatTerms(r.batch, ctx.locale)), ratio(formatLeverageFloor(r.batch))]
      : []),
    ...moneyCells(r),
    ...(rateColumns.length ? [percent(r.redemptionRate?.ofClaimed ?? null)] : []),
  ]);
  const total = sumRows(rows);
  const foot =
    rows.length > 1
      ? [[text(t("total")), ...batchColumns.map(() => NONE), ...moneyCells(total), ...(rateColumns.length ? [NONE] : [])]]
      : undefined;
  return {
    id: page,
    title: t(`tables.${page}`),
    caption: t(`captions.${page}`),
    columns: [{ key: "group", label: t(`columns.${by}`), unit: "text" }, ...batchColumns, ...moneyColumns(t), ...rateColumns],
    rows: body,
    foot,
  };
}

/** How many merchants each end of the merchant ranking lists. */
export const MERCHANT_RANK = 10;

/** The merchants with the most (top) or least (bottom) gross spending in the period, of those that redeemed. */
export function merchantRankTable(ctx: TableContext, end: "top" | "bottom", all: LeverageRow[] = breakdownRows(ctx, "merchant")): ReportTable {
  const redeemed = all.filter((r) => r.redemptions > 0);
  const rows = end === "top" ? redeemed.slice(0, MERCHANT_RANK) : redeemed.slice(-MERCHANT_RANK).reverse();
  const table = breakdownTable(ctx, "merchants", rows);
  return {
    ...table,
    id: `merchants-${end}`,
    title: ctx.t(`tables.merchants-${end}`),
    caption: ctx.t(`captions.merchants-${end}`, { shown: rows.length, count: redeemed.length }),
    foot: undefined,
  };
}

// ── trend ────────────────────────────────────────────────────────────────────

export interface TrendPoint {
  /** The day, or a week's Monday. */
  key: string;
  redemptions: number;
  subsidyFen: number;
  grossFen: number;
}

/** The engine's day rows, summed by ISO week (Monday) when asked. */
export function trendPoints(ctx: TableContext, rows: LeverageRow[] = breakdownRows(ctx, "day")): TrendPoint[] {
  const points = new Map<string, TrendPoint>();
  for (const r of rows) {
    const key = ctx.query.grain === "week" ? weekOf(r.key) : r.key;
    const p = points.get(key) ?? { key, redemptions: 0, subsidyFen: 0, grossFen: 0 };
    p.redemptions += r.redemptions;
    p.subsidyFen += r.subsidyFen;
    p.grossFen += r.grossFen;
    points.set(key, p);
  }
  return [...points.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

export function trendTable(ctx: TableContext, points: TrendPoint[] = trendPoints(ctx)): ReportTable {
  const { t } = ctx;
  const rows = points.map((p) => [text(ctx.query.grain === "week" ? t("weekOf", { day: p.key }) : p.key), count(p.redemptions), money(p.subsidyFen), money(p.grossFen), leverage(p.grossFen, p.subsidyFen)]);
  const sum = points.reduce((s, p) => ({ r: s.r + p.redemptions, s: s.s + p.subsidyFen, g: s.g + p.grossFen }), { r: 0, s: 0, g: 0 });
  return {
    id: "trend",
    title: t("tables.trend"),
    caption: t(ctx.query.grain === "week" ? "captions.trendWeek" : "captions.trendDay"),
    columns: [{ key: "day", label: t(ctx.query.grain === "week" ? "columns.week" : "columns.day"), unit: "text" }, col(t, "redeemed", "count"), col(t, "subsidy", "yuan"), col(t, "gross", "yuan"), col(t, "grossLeverage", "ratio")],
    rows,
    foot: points.length > 1 ? [[text(t("total")), count(sum.r), money(sum.s), money(sum.g), leverage(sum.g, sum.s)]] : undefined,
  };
}

// ── the incremental estimate of each campaign in the period ─────────────────

/**
 * Beside each campaign's gross figures, its incremental estimate (difference in differences,
 * lib/effects) over the campaign's whole run, or why there is none. The estimate does not follow
 * the chosen period: the caption says so.
 */
export function estimatesTable(ctx: TableContext, campaigns: LeverageRow[] = breakdownRows(ctx, "campaign")): ReportTable {
  const { t } = ctx;
  const rows = campaigns.flatMap((c) => {
    if (c.id === null) return [];
    const estimate = incrementalEstimate(ctx.db, { campaignId: c.id, locale: ctx.locale });
    const r = estimate?.result;
    const name = text(c.label, `/reports/effects?campaign=${c.id}`);
    if (!estimate || !r || !r.ok) return [[name, money(estimate?.subsidyFen ?? c.subsidyFen), money(estimate?.grossFen ?? c.grossFen), leverage(estimate?.grossFen ?? c.grossFen, estimate?.subsidyFen ?? c.subsidyFen), NONE, NONE, NONE, NONE, text(t("estimateShort"))]];
    // Rounded as the effects page rounds it (lib/effects/tables.ts), so the two agree.
    const perYuan = (fen: number) => (estimate.subsidyFen > 0 ? yuanPerYuan(fen, estimate.subsidyFen) : null);
    return [[name, money(estimate.subsidyFen), money(estimate.grossFen), leverage(estimate.grossFen, estimate.subsidyFen), money(r.incrementalFen), money(r.incrementalLowFen), money(r.incrementalHighFen), ratio(perYuan(r.incrementalFen) && `${perYuan(r.incrementalFen)}（${perYuan(r.incrementalLowFen)}–${perYuan(r.incrementalHighFen)}）`), text(t("estimateMethod"))]];
  });
  return {
    id: "estimates",
    title: t("tables.estimates"),
    caption: t("captions.estimates"),
    columns: [
      { key: "campaign", label: t("columns.campaign"), unit: "text" },
      col(t, "subsidy", "yuan"),
      col(t, "gross", "yuan"),
      col(t, "grossLeverage", "ratio"),
      col(t, "incremental", "yuan"),
      col(t, "incrementalLow", "yuan"),
      col(t, "incrementalHigh", "yuan"),
      col(t, "incrementalPerYuan", "ratio"),
      { key: "estimateNote", label: t("columns.estimateNote"), unit: "text" },
    ],
    rows,
  };
}

// ── imports and their rows ───────────────────────────────────────────────────

export function importsTable(ctx: TableContext, batch: BatchOfImport): ReportTable {
  const { t } = ctx;
  const imports = listBatchImports(ctx.db, batch.id);
  const counts = ["rowsRead", "inserted", "duplicates", "refunds", "revoked", "nonVoucher", "rejected"] as const;
  return {
    id: "imports",
    title: t("tables.imports"),
    caption: t("captions.imports", { batch: batch.code }),
    columns: [
      { key: "import", label: t("columns.import"), unit: "text" },
      { key: "fileName", label: t("columns.fileName"), unit: "text" },
      { key: "importedAt", label: t("columns.importedAt"), unit: "text" },
      ...counts.map((k) => col(t, k, "count")),
      col(t, "subsidy", "yuan"),
      col(t, "gross", "yuan"),
      { key: "status", label: t("columns.status"), unit: "text" },
    ],
    rows: imports.map((i) => [
      text(`#${i.id}`, `/reports/imports/${i.id}?${reportSearch(ctx.query, { batch: batch.id })}`),
      text(i.fileName),
      text(formatShanghai(i.importedAt)),
      ...counts.map((k) => count(i[k])),
      money(i.subsidyFen),
      money(i.grossFen),
      text(t(i.status === "voided" ? "importVoided" : i.overCap ? "importOverCap" : "importActive")),
    ]),
  };
}

/** An import's rows, one page (or all for the export), in the order they were imported. */
export function importRowsTable(ctx: TableContext, importId: number, page: number | null): ReportTable & { total: number } {
  const { t } = ctx;
  const { rows, total } = importRows(ctx.db, importId, page);
  return {
    id: "import-rows",
    title: t("tables.import-rows", { id: importId }),
    caption: t("captions.import-rows", { id: importId, count: total }),
    columns: [
      { key: "number", label: t("columns.number"), unit: "text" },
      { key: "orderId", label: t("columns.orderId"), unit: "text" },
      { key: "occurredAt", label: t("columns.occurredAt"), unit: "text" },
      { key: "merchant", label: t("columns.merchant"), unit: "text" },
      { key: "payer", label: t("columns.payer"), unit: "text" },
      col(t, "order", "yuan"),
      col(t, "voucher", "yuan"),
      col(t, "refund", "yuan"),
      col(t, "refundVoucher", "yuan"),
    ],
    rows: rows.map((r) => [
      text(String(r.number)),
      text(r.orderId),
      text(r.occurredAt),
      text(r.merchantName, `/merchants/${r.merchantId}`),
      r.payerMasked === null ? NONE : text(r.payerMasked),
      money(r.orderFen),
      money(r.voucherFen),
      r.refundFen ? money(r.refundFen) : NONE,
      r.refundVoucherFen ? money(r.refundVoucherFen) : NONE,
    ]),
    total,
  };
}
