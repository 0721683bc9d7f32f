import "server-only";
// The tables GET /api/reports/export can write, by id: each entry builds its table with the same
// function its page renders, from the page's own search parameters, after the page's own scope
// check. To export a table of your own, add an entry here (see lib/exports/table.ts).
import { z } from "zod";
import type { ReportTable } from "@/lib/exports/table";
import { AppError } from "@/lib/errors";
import { readableBatch, readableImport } from "./imports";
import { BREAKDOWN_PAGES, breakdownTable, estimatesTable, importRowsTable, importsTable, merchantRankTable, overviewTable, trendTable, type BreakdownPage, type TableContext } from "./tables";

export type ExportSearch = Record<string, string | undefined>;

const positiveId = z.coerce.number().int().positive();

function required(search: ExportSearch, name: string): number {
  const parsed = positiveId.safeParse(search[name]);
  if (!parsed.success) throw new AppError("INVALID");
  return parsed.data;
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
