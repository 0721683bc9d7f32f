// The canonical CSV of baseline sales: the comparison group of the incremental estimate.
// One line per merchant (or area) and sector and day (or month), sales in yuan. Pure: the
// caller passes the areas and sectors to resolve names against and the areas the uploader
// may report on; what comes back is every row, or every problem with its line and column.
import { CsvSyntaxError, parseCsv } from "@/lib/csv/csv";
import { parseYuanToFen } from "@/lib/money/fen";
import type { BaselineGranularity } from "@/db/schema";

export const BASELINE_COLUMNS = [
  { name: "merchant", zh: "商户", required: false },
  { name: "area", zh: "地区", required: true },
  { name: "sector", zh: "行业", required: true },
  { name: "date", zh: "日期", required: true },
  { name: "sales", zh: "销售额（元）", required: true },
  { name: "group", zh: "对照组", required: false },
] as const;
export type BaselineColumn = (typeof BASELINE_COLUMNS)[number]["name"];

/** The most data lines one file may hold (a year of daily sales for about 270 merchants). */
export const MAX_BASELINE_LINES = 100_000;

export const BASELINE_PROBLEMS = [
  "unterminatedQuote",
  "textAfterQuote",
  "noHeader",
  "unknownColumn",
  "duplicateColumn",
  "missingColumn",
  "noDataLines",
  "tooManyLines",
  "cellWithoutHeader",
  "required",
  "unknownArea",
  "areaOutOfScope",
  "unknownSector",
  "dateFormat",
  "amountFormat",
  "amountNegative",
  "textTooLong",
  "duplicateLine",
] as const;
export type BaselineProblemKey = (typeof BASELINE_PROBLEMS)[number];

export interface BaselineProblem {
  line: number;
  /** The column's canonical name, or null for the whole line or file. */
  column: BaselineColumn | null;
  key: BaselineProblemKey;
  value?: string;
}

export interface BaselineRow {
  line: number;
  merchant: string | null;
  areaId: number;
  sectorId: number;
  granularity: BaselineGranularity;
  period: string;
  salesFen: number;
  groupLabel: string;
}

export interface BaselineReferences {
  areas: ReadonlyArray<{ id: number; code: string | null; nameZh: string; nameEn: string }>;
  sectors: ReadonlyArray<{ id: number; code: string; nameZh: string; nameEn: string }>;
  /** The areas the uploader may report on (their own and below). */
  allowedAreaIds: ReadonlySet<number>;
}

export type BaselineParse = { ok: true; rows: BaselineRow[] } | { ok: false; problems: BaselineProblem[] };

const MAX_TEXT = 100;
const normaliseHeader = (text: string) => text.replace(/\s+/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

function columnOfHeader(text: string): BaselineColumn | undefined {
  const wanted = normaliseHeader(text);
  const inParentheses = /\(([a-z_]+)\)$/.exec(wanted)?.[1];
  return BASELINE_COLUMNS.find((c) => {
    const zh = normaliseHeader(c.zh);
    return c.name === wanted || c.name === inParentheses || zh === wanted || zh.replace(/\(.*\)$/, "") === wanted;
  })?.name;
}

/** The header as the template writes it: 商户（merchant） … */
export function baselineHeader(): string[] {
  return BASELINE_COLUMNS.map((c) => `${c.zh}（${c.name}）`);
}

const isDay = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
};
const isMonth = (text: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(text);

/** 2025/3/1, 2025.3.1, 2025年3月1日 → 2025-03-01; 2025/3, 2025年3月 → 2025-03. */
function normalisePeriod(text: string): string {
  const day = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (day) return `${day[1]}-${day[2]!.padStart(2, "0")}-${day[3]!.padStart(2, "0")}`;
  const month = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text);
  return month ? `${month[1]}-${month[2]!.padStart(2, "0")}` : text;
}

export function parseBaselineCsv(text: string, refs: BaselineReferences): BaselineParse {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { ok: false, problems: [{ line: error.line, column: null, key: error.reason }] };
    throw error;
  }
  const [header, ...lines] = records;
  if (!header || header.cells.every((c) => c.trim() === "")) return { ok: false, problems: [{ line: 1, column: null, key: "noHeader" }] };

  const problems: BaselineProblem[] = [];
  const positions = new Map<BaselineColumn, number>();
  header.cells.forEach((cell, index) => {
    if (cell.trim() === "") return;
    const column = columnOfHeader(cell);
    if (!column) problems.push({ line: header.line, column: null, key: "unknownColumn", value: cell.trim() });
    else if (positions.has(column)) problems.push({ line: header.line, column, key: "duplicateColumn", value: cell.trim() });
    else positions.set(column, index);
  });
  for (const c of BASELINE_COLUMNS) if (c.required && !positions.has(c.name)) problems.push({ line: header.line, column: c.name, key: "missingColumn" });
  if (problems.length) return { ok: false, problems };
  if (lines.length === 0) return { ok: false, problems: [{ line: header.line, column: null, key: "noDataLines" }] };
  if (lines.length > MAX_BASELINE_LINES) return { ok: false, problems: [{ line: lines[MAX_BASELINE_LINES]!.line, column: null, key: "tooManyLines", value: String(MAX_BASELINE_LINES) }] };

  const areaByName = new Map<string, number>();
  for (const a of refs.areas) {
    if (a.code) areaByName.set(a.code, a.id);
    areaByName.set(a.nameZh, a.id);
    areaByName.set(a.nameEn.toLowerCase(), a.id);
  }
  const sectorByName = new Map<string, number>();
  for (const s of refs.sectors) {
    sectorByName.set(s.code.toLowerCase(), s.id);
    sectorByName.set(s.nameZh, s.id);
    sectorByName.set(s.nameEn.toLowerCase(), s.id);
  }

  const rows: BaselineRow[] = [];
  const seen = new Map<string, number>();
  for (const record of lines) {
    const at = (column: BaselineColumn) => {
      const index = positions.get(column);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    };
    const problem = (column: BaselineColumn | null, key: BaselineProblemKey, value?: string) => problems.push({ line: record.line, column, key, value });
    if (record.cells.length > header.cells.length && record.cells.slice(header.cells.length).some((c) => c.trim() !== "")) problem(null, "cellWithoutHeader");

    const merchant = at("merchant");
    if (merchant.length > MAX_TEXT) problem("merchant", "textTooLong", String(MAX_TEXT));
    const groupLabel = at("group");
    if (groupLabel.length > MAX_TEXT) problem("group", "textTooLong", String(MAX_TEXT));

    const areaText = at("area");
    const areaId = areaText === "" ? undefined : (areaByName.get(areaText) ?? areaByName.get(areaText.toLowerCase()));
    if (areaText === "") problem("area", "required");
    else if (areaId === undefined) problem("area", "unknownArea", areaText);
    else if (!refs.allowedAreaIds.has(areaId)) problem("area", "areaOutOfScope", areaText);

    const sectorText = at("sector");
    const sectorId = sectorText === "" ? undefined : (sectorByName.get(sectorText) ?? sectorByName.get(sectorText.toLowerCase()));
    if (sectorText === "") problem("sector", "required");
    else if (sectorId === undefined) problem("sector", "unknownSector", sectorText);

    const dateText = at("date");
    const period = normalisePeriod(dateText);
    const granularity: BaselineGranularity | null = isDay(period) ? "day" : isMonth(period) ? "month" : null;
    if (dateText === "") problem("date", "required");
    else if (!granularity) problem("date", "dateFormat", dateText);

    const salesText = at("sales");
    const salesFen = parseYuanToFen(salesText);
    if (salesText === "") problem("sales", "required");
    else if (salesFen === null) problem("sales", "amountFormat", salesText);
    else if (salesFen < 0) problem("sales", "amountNegative", salesText);

    if (areaId === undefined || sectorId === undefined || !granularity || salesFen === null || salesFen < 0) continue;
    // The same merchant (or area), sector and period twice would count its sales twice.
    const key = JSON.stringify([groupLabel, merchant, areaId, sectorId, period]);
    const first = seen.get(key);
    if (first !== undefined) {
      problem(null, "duplicateLine", String(first));
      continue;
    }
    seen.set(key, record.line);
    rows.push({ line: record.line, merchant: merchant || null, areaId, sectorId, granularity, period, salesFen, groupLabel });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}
