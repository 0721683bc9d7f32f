// An area's approved retail-sales figures for a year up to a month: the latest year-to-date
// figure of each indicator, and the months (单月 and 1–N月 side by side), as published.
import { and, asc, eq, lte } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { RETAIL_INDICATORS, retailIndicators, type RetailIndicator, type RetailIndicatorRow } from "@/db/schema";

export interface IndicatorFigure {
  valueFen: number;
  yoyTenths: number | null;
  rank: number | null;
  rankOf: number | null;
  source: string;
  publishedOn: string | null;
  demo: boolean;
  recordId: number;
}

export interface IndicatorMonth {
  month: number;
  single: IndicatorFigure | null;
  cumulative: IndicatorFigure | null;
}

export interface IndicatorSummary {
  indicator: RetailIndicator;
  /** The year-to-date figure of the latest month ≤ the month asked for, and that month. */
  latest: (IndicatorFigure & { month: number }) | null;
  /** Months with a figure, in order. */
  months: IndicatorMonth[];
}

export interface AreaIndicators {
  areaId: number;
  year: number;
  month: number;
  indicators: IndicatorSummary[];
  /** True when any figure shown is a demonstration figure. */
  anyDemo: boolean;
}

function figure(row: RetailIndicatorRow): IndicatorFigure {
  return {
    valueFen: row.valueFen,
    yoyTenths: row.yoyTenths,
    rank: row.rank,
    rankOf: row.rankOf,
    source: row.source,
    publishedOn: row.publishedOn,
    demo: row.demo,
    recordId: row.id,
  };
}

export function loadAreaIndicators(db: Db | Tx, { areaId, year, month }: { areaId: number; year: number; month: number }): AreaIndicators {
  const t = retailIndicators;
  const rows = db
    .select()
    .from(t)
    .where(and(eq(t.subjectAreaId, areaId), eq(t.year, year), eq(t.status, "approved"), lte(t.month, month)))
    .orderBy(asc(t.month))
    .all();
  const indicators = RETAIL_INDICATORS.map((indicator): IndicatorSummary => {
    const own = rows.filter((r) => r.indicator === indicator);
    const byMonth = new Map<number, IndicatorMonth>();
    for (const r of own) {
      const entry = byMonth.get(r.month) ?? { month: r.month, single: null, cumulative: null };
      if (r.periodKind === "month") entry.single = figure(r);
      else entry.cumulative = figure(r);
      byMonth.set(r.month, entry);
    }
    const months = [...byMonth.values()].sort((a, b) => a.month - b.month);
    const last = months.filter((m) => m.cumulative).at(-1);
    return { indicator, latest: last ? { ...last.cumulative!, month: last.month } : null, months };
  });
  const anyDemo = indicators.some((i) => i.latest?.demo || i.months.some((m) => m.single?.demo || m.cumulative?.demo));
  return { areaId, year, month, indicators, anyDemo };
}
