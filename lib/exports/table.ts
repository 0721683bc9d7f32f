// Report tables as data, so one definition is shown on the page, written to CSV and to XLSX.
//
// How to use it for a table of your own (anomaly list, indicators, estimate …):
//   1. Build a `ReportTable` in a function of lib/ (say `anomalyTable(db, user, params, t)`):
//      columns with a label and a unit — the unit goes into the header, as Chinese statistical
//      tables write it ("补贴（元）") — and rows of typed cells: money as integer fen
//      (`money(fen)`), counts (`count(n)`), text (`text(s, href?)`), percentages in tenths
//      (`percent(tenths)`), leverage as its 1 : N text (`leverage(g, s)`). No float anywhere.
//   2. Render it on the page with <ReportTableView table={…} /> (app/(staff)/reports/_components).
//   3. Register the builder under an id in lib/reports/export-tables.ts (EXPORT_TABLES): the
//      route GET /api/reports/export?table=<id>&<the page's own search params>&format=csv|xlsx
//      (guarded, scope-checked, audited) calls the SAME builder and answers `tableToCsv` or
//      `tableToXlsx`. So the exported figures are the page's, to the fen; a unit test per table
//      proves it (lib/reports/export-tables.test.ts).
//   Link to the export with `exportHref(id, searchParams, format)`.
//   A table of a page outside /reports takes a `PageTableContext` (lib/reports/tables.ts) whose
//   `t` is that page's own namespace: its EXPORT_TABLES entry passes `pageTableContext(ctx, ns)`,
//   its page `loadPageTables(user, ns)` (lib/reports/queries.ts); links with `tableDownloads`.
//
// On the page money shows as 1,234.50 元; in CSV as 1234.50 (no separators, the unit in the
// header); in XLSX as a number cell holding exactly fen / 100 written as decimal text. Amounts
// in 亿元 (`yi(fen)`, published statistics) show with two decimals and are exported exactly
// (fen / 10^10 without trailing zeros), so the file holds the fen the page rounds.
import { fenToYiText } from "@/lib/indicators/format";
import { fenToYuanText, formatYiYuan, formatYuan } from "@/lib/money/fen";
import { formatTenths } from "@/lib/numbers/percent";
import { formatLeverage } from "@/lib/vouchers/leverage-format";

export type Cell =
  | { kind: "text"; value: string; href?: string }
  | { kind: "money"; fen: number }
  /** An amount in 亿元, as statistical tables print it (integer fen underneath, exact in the files). */
  | { kind: "yi"; fen: number }
  | { kind: "count"; value: number }
  /** Tenths of a percent (375 = 37.5 %); a signed change when `signed`. */
  | { kind: "percent"; tenths: number; signed?: boolean }
  /** A ratio written as text, e.g. "1 : 76". */
  | { kind: "ratio"; value: string }
  /** Nothing known: shown as —, exported empty. */
  | { kind: "none" };

export type ColumnUnit = "yuan" | "yiYuan" | "count" | "percent" | "ratio" | "text";

export interface Column {
  key: string;
  /** The header without its unit. */
  label: string;
  /** Written into the header: "补贴 S" + yuan → "补贴 S（元）". */
  unit: ColumnUnit;
  /** The unit's own word in the reader's language ("元", "笔"); omitted for text and ratios. */
  unitLabel?: string;
  /** The first column is the row header (th scope=row). */
}

export interface ReportTable {
  /** The export id (EXPORT_TABLES), also the data-testid of the table. */
  id: string;
  /** The sheet name and the file name's base. */
  title: string;
  caption: string;
  columns: Column[];
  rows: Cell[][];
  /** Totals, set off at the foot; exported after the rows. */
  foot?: Cell[][];
}

export const text = (value: string, href?: string): Cell => (href ? { kind: "text", value, href } : { kind: "text", value });
export const money = (fen: number): Cell => ({ kind: "money", fen });
export const yi = (fen: number): Cell => ({ kind: "yi", fen });
export const count = (value: number): Cell => ({ kind: "count", value });
export const percent = (tenths: number | null, signed = false): Cell => (tenths === null ? NONE : { kind: "percent", tenths, signed });
export const ratio = (value: string | null): Cell => (value === null ? NONE : { kind: "ratio", value });
export const leverage = (grossFen: number, subsidyFen: number): Cell => ratio(formatLeverage(grossFen, subsidyFen));
export const NONE: Cell = { kind: "none" };

/** The header as written on the page and in the files: the label with its unit in full-width brackets. */
export function headerText(column: Column, locale: "zh-CN" | "en"): string {
  if (!column.unitLabel) return column.label;
  return locale === "en" ? `${column.label} (${column.unitLabel})` : `${column.label}（${column.unitLabel}）`;
}

const COUNT = new Intl.NumberFormat("en-US");

/** A cell as the page shows it. */
export function displayText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
    case "ratio":
      return cell.value;
    case "money":
      return formatYuan(cell.fen);
    case "yi":
      return formatYiYuan(cell.fen);
    case "count":
      return COUNT.format(cell.value);
    case "percent":
      return `${cell.signed && cell.tenths > 0 ? "+" : ""}${formatTenths(cell.tenths)}%`;
    case "none":
      return "—";
  }
}

/** A cell as CSV carries it: plain numbers without separators, money as exact yuan, nothing as empty. */
export function exportText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
    case "ratio":
      return cell.value;
    case "money":
      return fenToYuanText(cell.fen);
    case "yi":
      return fenToYiText(cell.fen);
    case "count":
      return String(cell.value);
    case "percent":
      return `${cell.signed && cell.tenths > 0 ? "+" : ""}${formatTenths(cell.tenths)}%`;
    case "none":
      return "";
  }
}

/** The file name (without extension) of a table's download: its title and the day. */
export function exportFileBase(table: ReportTable, day: string): string {
  return `${table.title}-${day}`.replace(/[\\/:*?"<>|\s]+/g, "_");
}
