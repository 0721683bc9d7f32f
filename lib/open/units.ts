// Units of the open data: money as integer fen beside yuan text, ratios from integers.
import { toCsv } from "@/lib/csv/csv";

/** G / S as a number with two decimals (75.97), from the integers; null when S = 0. */
export function leverageValue(grossFen: number, subsidyFen: number): number | null {
  if (subsidyFen <= 0) return null;
  const hundredths = (BigInt(grossFen) * 200n + BigInt(subsidyFen)) / (2n * BigInt(subsidyFen));
  return Number(hundredths) / 100;
}

/** Tenths of a percent as a percent number with one decimal (943 → 94.3); null stays null. */
export function percentOfTenths(tenths: number | null): number | null {
  return tenths === null ? null : tenths / 10;
}

type Cell = string | number | boolean | null | undefined | readonly string[];

/** A cell as CSV text: empty for null, lists joined with "|". */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join("|");
  return String(value);
}

/**
 * Rows of records as CSV (UTF-8 BOM, formula-safe: lib/csv), one column per name. A plain number
 * stays a number (-0.3, +7.6%: not formulas); every other cell is neutralised.
 */
export function recordsCsv<R>(columns: readonly (keyof R & string)[], records: readonly R[]): string {
  return toCsv([[...columns], ...records.map((r) => columns.map((c) => csvCell(r[c] as Cell)))], { numeric: (row) => row > 0 });
}
