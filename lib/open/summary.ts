// Open data: the city's headline figures — the public page's own (lib/public/summary.ts: S, G,
// gross leverage and redemptions over every approved batch from the leverage engine, approved
// record counts), so the page and the file never disagree — and the city's latest published retail
// indicators (year to date) in the indicators endpoint's row format.
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { areas, RETAIL_INDICATORS, retailIndicators, type RetailIndicator } from "@/db/schema";
import { publicSummary } from "@/lib/public/summary";
import { fenToYuanText } from "@/lib/money/fen";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { openIndicator, type OpenIndicator } from "./indicators";
import type { OpenDocumentHead, OpenEndpoint } from "./response";
import { csvCell, leverageValue } from "./units";
import { toCsv } from "@/lib/csv/csv";

export interface OpenSummaryBody extends OpenDocumentHead {
  area_code: string | null;
  area_name_zh: string;
  area_name_en: string;
  campaigns: number;
  batches: number;
  vouchers_issued: number;
  redemptions: number;
  subsidy_fen: number;
  subsidy_yuan: string;
  gross_fen: number;
  gross_yuan: string;
  copay_fen: number;
  copay_yuan: string;
  leverage_gross: number | null;
  leverage: string | null;
  packages: number;
  events: number;
  large_events: number;
  /** The latest year-to-date figure of each indicator for the city; null when none is approved. */
  retail_sales: OpenIndicator | null;
  online_retail_sales: OpenIndicator | null;
}

const INDICATOR_KEYS: Record<RetailIndicator, "retail_sales" | "online_retail_sales"> = { retailSales: "retail_sales", onlineRetailSales: "online_retail_sales" };

export function buildOpenSummary(db: Db | Tx, { head }: { head: OpenDocumentHead }): OpenSummaryBody {
  // The vouchers and counts are the public page's own (one source for both); the indicators are
  // given in the indicators endpoint's row format.
  const { headline } = publicSummary(db, "zh-CN");
  const { vouchers } = headline;
  const city = db.select().from(areas).where(isNull(areas.parentId)).orderBy(areas.id).limit(1).get();
  const latest = (indicator: RetailIndicator): OpenIndicator | null => {
    if (!city) return null;
    const t = retailIndicators;
    const row = db
      .select()
      .from(t)
      .where(and(eq(t.subjectAreaId, city.id), eq(t.indicator, indicator), eq(t.periodKind, "cumulative"), eq(t.status, "approved")))
      .orderBy(desc(t.year), desc(t.month))
      .limit(1)
      .get();
    return row ? openIndicator(row, city) : null;
  };
  const indicators = Object.fromEntries(RETAIL_INDICATORS.map((i) => [INDICATOR_KEYS[i], latest(i)])) as Pick<OpenSummaryBody, "retail_sales" | "online_retail_sales">;
  const { subsidyFen, grossFen } = vouchers;
  return {
    ...head,
    area_code: city?.code ?? null,
    area_name_zh: city?.nameZh ?? "",
    area_name_en: city?.nameEn ?? "",
    campaigns: vouchers.campaigns,
    batches: vouchers.batches,
    vouchers_issued: vouchers.issuedVouchers,
    redemptions: vouchers.redeemedVouchers,
    subsidy_fen: subsidyFen,
    subsidy_yuan: fenToYuanText(subsidyFen),
    gross_fen: grossFen,
    gross_yuan: fenToYuanText(grossFen),
    copay_fen: grossFen - subsidyFen,
    copay_yuan: fenToYuanText(grossFen - subsidyFen),
    leverage_gross: leverageValue(grossFen, subsidyFen),
    leverage: formatLeverage(grossFen, subsidyFen),
    packages: headline.packages,
    events: headline.events,
    large_events: headline.largeEvents,
    ...indicators,
  };
}

/**
 * CSV: one record of two columns per figure (field, value); an indicator's fields are named
 * `retail_sales.value_fen` and so on.
 */
export function openSummaryCsv(body: OpenSummaryBody): string {
  const rows: string[][] = [["field", "value"]];
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && typeof value === "object") {
      for (const [inner, v] of Object.entries(value)) rows.push([`${key}.${inner}`, csvCell(v as string | number | boolean | null)]);
    } else rows.push([key, csvCell(value as string | number | boolean | null)]);
  }
  return toCsv(rows, { numeric: (row, column) => row > 0 && column === 1 });
}

export const openSummaryEndpoint: OpenEndpoint<OpenSummaryBody> = { name: "summary", build: buildOpenSummary, csv: openSummaryCsv };
