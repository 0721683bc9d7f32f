import "server-only";
// The retail-indicators panel's month tables as report tables (lib/exports/table.ts): one per
// indicator, built by one function the panel renders and the export route writes. Amounts in
// 亿元 as published (exact in the files), growth and rank as published, and which figures are
// demonstration figures in a column of its own (the files carry it too).
import { and, eq, ne } from "drizzle-orm";
import { areas, RETAIL_INDICATORS, type RetailIndicator } from "@/db/schema";
import { NONE, percent, text, yi, type Column, type ReportTable } from "@/lib/exports/table";
import type { PageTableContext } from "@/lib/reports/tables";
import { formatIndicatorPeriod, formatRank, INDICATOR_NAMES } from "./format";
import { loadAreaIndicators, type IndicatorSummary } from "./summary";

export interface IndicatorTableQuery {
  areaId: number;
  year: number;
  /** The panel's month: the table lists the months up to it. */
  month: number;
}

/** The export id of an indicator's month table. */
export const indicatorTableId = (indicator: RetailIndicator) => `indicator-months-${indicator}`;
export const INDICATOR_TABLE_IDS = RETAIL_INDICATORS.map(indicatorTableId);

/** The area's name, if the panel shows figures of it (the city and its counties: published statistics, open to every reader). */
export function indicatorAreaName(ctx: PageTableContext, areaId: number): string | null {
  const area = ctx.db.select().from(areas).where(and(eq(areas.id, areaId), ne(areas.level, "zone"))).get();
  return area ? (ctx.locale === "en" ? area.nameEn : area.nameZh) : null;
}

function demoNote(t: PageTableContext["t"], single: boolean, cumulative: boolean) {
  if (single && cumulative) return text(t("demoBoth"));
  if (single) return text(t("demoSingle"));
  if (cumulative) return text(t("demoCumulative"));
  return NONE;
}

/** One indicator's months of the year up to the panel's month: 单月 and 1–N月 side by side, as published. */
export function indicatorMonthsTable(ctx: PageTableContext, areaName: string, query: IndicatorTableQuery, summary: IndicatorSummary): ReportTable {
  const { t, locale } = ctx;
  const name = locale === "en" ? INDICATOR_NAMES[summary.indicator].en : INDICATOR_NAMES[summary.indicator].zh;
  const amount = (key: string): Column => ({ key, label: t(key), unit: "yiYuan", unitLabel: t("unitYi") });
  return {
    id: indicatorTableId(summary.indicator),
    title: t("monthlyTitle", { area: areaName, indicator: name, year: query.year }),
    caption: t("monthlyCaption", { indicator: name, year: query.year }),
    columns: [
      { key: "month", label: t("month"), unit: "text" },
      amount("monthValue"),
      { key: "monthYoy", label: t("monthYoy"), unit: "percent" },
      amount("cumulative"),
      { key: "cumulativeYoy", label: t("cumulativeYoy"), unit: "percent" },
      { key: "rankCol", label: t("rankCol"), unit: "text" },
      { key: "demoCol", label: t("demoCol"), unit: "text" },
    ],
    rows: summary.months.map((m) => {
      const c = m.cumulative;
      // January and February are released together: without a 2月 of its own the row is 1–2月.
      const label = m.month === 2 && !m.single ? formatIndicatorPeriod("cumulative", 2, locale) : formatIndicatorPeriod("month", m.month, locale);
      return [
        text(label),
        m.single ? yi(m.single.valueFen) : NONE,
        percent(m.single?.yoyTenths ?? null, true),
        c ? yi(c.valueFen) : NONE,
        percent(c?.yoyTenths ?? null, true),
        c?.rank != null && c.rankOf != null ? text(formatRank(c.rank, c.rankOf)) : NONE,
        demoNote(t, m.single?.demo ?? false, c?.demo ?? false),
      ];
    }),
  };
}

/** The export of one indicator's month table: the panel's figures of the area, year and month. */
export function exportIndicatorMonths(ctx: PageTableContext, query: IndicatorTableQuery, indicator: RetailIndicator): ReportTable | null {
  const areaName = indicatorAreaName(ctx, query.areaId);
  if (areaName === null) return null;
  const summary = loadAreaIndicators(ctx.db, query).indicators.find((s) => s.indicator === indicator);
  return summary ? indicatorMonthsTable(ctx, areaName, query, summary) : null;
}
