// A report table as CSV: UTF-8 with BOM, formula-neutralised cells (lib/csv/csv.ts toCsv), the
// units in the header, money as exact yuan (fen / 100 with two decimals), totals after the rows.
import { toCsv } from "@/lib/csv/csv";
import { exportText, headerText, type Cell, type ReportTable } from "./table";

const NUMERIC: ReadonlySet<Cell["kind"]> = new Set(["money", "yi", "count", "percent"]);

export function tableToCsv(table: ReportTable, locale: "zh-CN" | "en"): string {
  const body = [...table.rows, ...(table.foot ?? [])];
  // Money, counts and percentages are ours: a negative amount stays a number, not "'-0.07".
  return toCsv([table.columns.map((c) => headerText(c, locale)), ...body.map((r) => r.map(exportText))], {
    numeric: (row, column) => row > 0 && NUMERIC.has(body[row - 1]![column]!.kind),
  });
}
