// Open data of the published retail-sales indicators: every approved figure of the city and of
// each county (not the development zones: statistics are published by division), as published —
// growth and rank are stored as the bureau printed them, never recomputed.
import { and, asc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { areas, retailIndicators, type Area, type IndicatorPeriodKind, type RetailIndicator, type RetailIndicatorRow } from "@/db/schema";
import { formatGrowth, formatIndicatorPeriod, INDICATOR_NAMES } from "@/lib/indicators/format";
import { fenToYuanText } from "@/lib/money/fen";
import type { OpenDocumentHead, OpenEndpoint } from "./response";
import { recordsCsv } from "./units";

export interface OpenIndicator {
  area_code: string | null;
  area_name_zh: string;
  area_name_en: string;
  area_level: string;
  indicator: RetailIndicator;
  indicator_name_zh: string;
  indicator_name_en: string;
  year: number;
  /** "cumulative": January to `month` (1–N月); "month": that month alone. */
  period_kind: IndicatorPeriodKind;
  month: number;
  period_zh: string;
  period_en: string;
  value_fen: number;
  value_yuan: string;
  /** Growth on the same period of last year (同比) in tenths of a percent, as published; null when not published. */
  yoy_tenths: number | null;
  /** The same as text: "+7.6%". */
  yoy_percent: string | null;
  /** Rank in the province, of rank_of (全省第1/16); null when not published. */
  rank: number | null;
  rank_of: number | null;
  source: string;
  published_on: string | null;
  /** True for made-up demonstration figures. */
  demo: boolean;
}

export interface OpenIndicatorsBody extends OpenDocumentHead {
  indicators: OpenIndicator[];
}

type AreaNames = Pick<Area, "code" | "nameZh" | "nameEn" | "level">;

/** One approved indicator row as open data. */
export function openIndicator(row: RetailIndicatorRow, area: AreaNames): OpenIndicator {
  return {
    area_code: area.code,
    area_name_zh: area.nameZh,
    area_name_en: area.nameEn,
    area_level: area.level,
    indicator: row.indicator,
    indicator_name_zh: INDICATOR_NAMES[row.indicator].zh,
    indicator_name_en: INDICATOR_NAMES[row.indicator].en,
    year: row.year,
    period_kind: row.periodKind,
    month: row.month,
    period_zh: formatIndicatorPeriod(row.periodKind, row.month, "zh-CN", row.year),
    period_en: formatIndicatorPeriod(row.periodKind, row.month, "en", row.year),
    value_fen: row.valueFen,
    value_yuan: fenToYuanText(row.valueFen),
    yoy_tenths: row.yoyTenths,
    yoy_percent: row.yoyTenths === null ? null : formatGrowth(row.yoyTenths),
    rank: row.rank,
    rank_of: row.rankOf,
    source: row.source,
    published_on: row.publishedOn,
    demo: row.demo,
  };
}

const PERIOD_ORDER: Record<IndicatorPeriodKind, number> = { cumulative: 0, month: 1 };

export function buildOpenIndicators(db: Db | Tx, { head }: { head: OpenDocumentHead }): OpenIndicatorsBody {
  const rows = db
    .select({ row: retailIndicators, area: areas })
    .from(retailIndicators)
    .innerJoin(areas, eq(areas.id, retailIndicators.subjectAreaId))
    .where(and(eq(retailIndicators.status, "approved"), ne(areas.level, "zone")))
    .orderBy(asc(areas.id), asc(retailIndicators.indicator), asc(retailIndicators.year), asc(retailIndicators.month))
    .all();
  // The city first (the top of the tree), then counties by code; within each, by indicator, period.
  const sorted = [...rows].sort(
    (a, b) =>
      Number(a.area.parentId !== null) - Number(b.area.parentId !== null) ||
      (a.area.code ?? "").localeCompare(b.area.code ?? "") ||
      a.row.indicator.localeCompare(b.row.indicator) ||
      a.row.year - b.row.year ||
      PERIOD_ORDER[a.row.periodKind] - PERIOD_ORDER[b.row.periodKind] ||
      a.row.month - b.row.month,
  );
  return { ...head, indicators: sorted.map(({ row, area }) => openIndicator(row, area)) };
}

export const OPEN_INDICATORS_CSV_COLUMNS = [
  "area_code",
  "area_name_zh",
  "area_name_en",
  "area_level",
  "indicator",
  "indicator_name_zh",
  "indicator_name_en",
  "year",
  "period_kind",
  "month",
  "period_zh",
  "period_en",
  "value_fen",
  "value_yuan",
  "yoy_tenths",
  "yoy_percent",
  "rank",
  "rank_of",
  "source",
  "published_on",
  "demo",
] as const satisfies ReadonlyArray<keyof OpenIndicator>;

export function openIndicatorsCsv(body: OpenIndicatorsBody): string {
  return recordsCsv(OPEN_INDICATORS_CSV_COLUMNS, body.indicators);
}

export const openIndicatorsEndpoint: OpenEndpoint<OpenIndicatorsBody> = { name: "indicators", build: buildOpenIndicators, csv: openIndicatorsCsv };
