import "server-only";
// The tables GET /api/reports/export can write, by id: each entry builds its table with the same
// function its page renders, from the page's own search parameters, after the page's own scope
// check. To export a table of your own, add an entry here (see lib/exports/table.ts).
import { z } from "zod";
import { RETAIL_INDICATORS, type RetailIndicator } from "@/db/schema";
import { parseFlagQuery, getFlagForUser } from "@/lib/anomalies/queries";
import { flagListTable, flagRowsTable } from "@/lib/anomalies/tables";
import { getIncrementalEstimate } from "@/lib/effects/queries";
import { baselineUploadsTable, estimateTable } from "@/lib/effects/tables";
import type { ReportTable } from "@/lib/exports/table";
import { AppError } from "@/lib/errors";
import { exportIndicatorMonths, indicatorTableId } from "@/lib/indicators/tables";
import { readableBatch, readableImport } from "./imports";
import {
  BREAKDOWN_PAGES,
  breakdownTable,
  estimatesTable,
  importRowsTable,
  importsTable,
  merchantRankTable,
  overviewTable,
  pageTableContext,
  trendTable,
  type BreakdownPage,
  type TableContext,
} from "./tables";

export type ExportSearch = Record<string, string | undefined>;

const positiveId = z.coerce.number().int().positive();

function required(search: ExportSearch, name: string, schema: z.ZodType<number> = positiveId): number {
  const parsed = schema.safeParse(search[name]);
  if (!parsed.success) throw new AppError("INVALID");
  return parsed.data;
}

/** An optional narrowing id: absent or empty is none, anything else must be an id. */
function optional(search: ExportSearch, name: string): number | undefined {
  return search[name] === undefined || search[name] === "" ? undefined : required(search, name);
}

const year = z.coerce.number().int().min(1990).max(2100);
const month = z.coerce.number().int().min(1).max(12);

/** An indicator's month table of the panel's area, year and month (every reader sees every area's published figures, as the panel does). */
function indicatorMonths(indicator: RetailIndicator) {
  return (ctx: TableContext, search: ExportSearch) => {
    const query = { areaId: required(search, "area"), year: required(search, "year", year), month: required(search, "month", month) };
    const table = exportIndicatorMonths(pageTableContext(ctx, "indicators"), query, indicator);
    if (!table) throw new AppError("NOT_FOUND");
    return table;
  };
}

export const EXPORT_TABLES: Record<string, (ctx: TableContext, search: ExportSearch) => ReportTable> = {
  overview: (ctx) => overviewTable(ctx),
  ...(Object.fromEntries(Object.keys(BREAKDOWN_PAGES).map((page) => [page, (ctx: TableContext) => breakdownTable(ctx, page as BreakdownPage)])) as Record<BreakdownPage, (ctx: TableContext) => ReportTable>),
  "merchants-top": (ctx) => merchantRankTable(ctx, "top"),
  "merchants-bottom": (ctx) => merchantRankTable(ctx, "bottom"),
  trend: (ctx) => trendTable(ctx),
  estimates: (ctx) => estimatesTable(ctx),
  imports: (ctx, search) => {
    const batch = readableBatch(ctx.db, ctx.user, required(search, "batch"));
    if (!batch) throw new AppError("NOT_FOUND");
    return importsTable(ctx, batch);
  },
  // Every row of the import (the page shows them a hundred at a time).
  "import-rows": (ctx, search) => {
    const found = readableImport(ctx.db, ctx.user, required(search, "import"));
    if (!found) throw new AppError("NOT_FOUND");
    return importRowsTable(ctx, found.statement.id, null);
  },
  // The review list with its filters, every flag in the reader's scope (the page shows fifty at a time).
  "anomaly-flags": (ctx, search) => flagListTable(pageTableContext(ctx, "anomalies"), parseFlagQuery(search), null),
  // A flag's rows, payers masked as on its page; a flag outside the reader's scope does not exist for them.
  "anomaly-rows": (ctx, search) => {
    const view = getFlagForUser(ctx.user, required(search, "flag"), ctx.db);
    if (!view) throw new AppError("NOT_FOUND");
    return flagRowsTable(pageTableContext(ctx, "anomalies"), view.flag, null);
  },
  ...(Object.fromEntries(RETAIL_INDICATORS.map((indicator) => [indicatorTableId(indicator), indicatorMonths(indicator)])) as Record<string, (ctx: TableContext, search: ExportSearch) => ReportTable>),
  // A campaign's estimate (narrowed to a sector or area as on the page); none outside the reader's scope or where the data are not enough.
  estimate: (ctx, search) => {
    const narrowing = { sectorId: optional(search, "sector"), areaId: optional(search, "area"), locale: ctx.locale };
    const estimate = getIncrementalEstimate(ctx.user, required(search, "campaign"), narrowing, ctx.db);
    const table = estimate && estimateTable(pageTableContext(ctx, "effects"), estimate);
    if (!table) throw new AppError("NOT_FOUND");
    return table;
  },
  "baseline-uploads": (ctx) => baselineUploadsTable(pageTableContext(ctx, "effects")),
};

export function isExportTable(id: string): boolean {
  return Object.hasOwn(EXPORT_TABLES, id);
}

/** The download link of a table: the page's search parameters, the table id and the format. */
export function exportHref(table: string, search: string, format: "csv" | "xlsx", extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams(search);
  params.set("table", table);
  params.set("format", format);
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
  return `/api/reports/export?${params.toString()}`;
}
