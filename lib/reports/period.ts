// A report's period: two days (YYYY-MM-DD, Beijing), both included, and the period before it
// for 环比. Whole calendar months compare with as many months before (1–6月 with 7–12月 of the
// year before, March with February); any other span with as many days before. Pure.
import { z } from "zod";

export interface Period {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/** A real calendar day written YYYY-MM-DD (2025-02-30 is not one). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return toDay(new Date(toDate(day).getTime() + days * MS_PER_DAY));
}

/** Days in the period, both ends counted. */
export function periodDays({ from, to }: Period): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / MS_PER_DAY) + 1;
}

/** The last day of the month `month` (1–12) of `year`. */
export function lastDayOfMonth(year: number, month: number): string {
  return toDay(new Date(Date.UTC(year, month, 0)));
}

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;

/** Whole calendar months: from the 1st of one month to the last day of the same or a later one. */
function wholeMonths({ from, to }: Period): { year: number; month: number; count: number } | null {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  if (fd !== 1 || to !== lastDayOfMonth(ty, tm)) return null;
  return { year: fy, month: fm, count: (ty - fy) * 12 + (tm - fm) + 1 };
}

/** The period before, of equal length: as many whole months before, or as many days. */
export function previousPeriod(period: Period): Period {
  const months = wholeMonths(period);
  if (months) {
    // Month index counted from year 0, so subtraction crosses years.
    const start = months.year * 12 + (months.month - 1) - months.count;
    const end = start + months.count - 1;
    return { from: monthStart(Math.floor(start / 12), (start % 12) + 1), to: lastDayOfMonth(Math.floor(end / 12), (end % 12) + 1) };
  }
  const days = periodDays(period);
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

export type PeriodLabel =
  | { kind: "months"; year: number; first: number; last: number }
  | { kind: "quarter"; year: number; quarter: number }
  | { kind: "half"; year: number; half: 1 | 2 }
  | { kind: "year"; year: number }
  | { kind: "days"; from: string; to: string };

/** How Chinese statistics name a period: 2025年1–6月 is 上半年, 7–9月 三季度, one month 3月. */
export function describePeriod(period: Period): PeriodLabel {
  const months = wholeMonths(period);
  if (!months || months.month + months.count - 1 > 12) return { kind: "days", ...period };
  const { year, month, count } = months;
  if (count === 12) return { kind: "year", year };
  if (count === 6 && (month === 1 || month === 7)) return { kind: "half", year, half: month === 1 ? 1 : 2 };
  if (count === 3 && month % 3 === 1) return { kind: "quarter", year, quarter: (month + 2) / 3 };
  return { kind: "months", year, first: month, last: month + count - 1 };
}

export interface PeriodPreset extends Period {
  label: PeriodLabel;
}

/** The presets offered for a year: 1–N月 for each N, each quarter, each half, the year, each month. */
export function presetsOfYear(year: number, throughMonth = 12): { cumulative: PeriodPreset[]; quarters: PeriodPreset[]; months: PeriodPreset[] } {
  const of = (first: number, last: number): PeriodPreset => {
    const period = { from: monthStart(year, first), to: lastDayOfMonth(year, last) };
    return { ...period, label: describePeriod(period) };
  };
  const upTo = Math.max(1, Math.min(12, throughMonth));
  return {
    cumulative: Array.from({ length: upTo }, (_, i) => of(1, i + 1)).filter((p) => p.label.kind !== "months" || (p.label as { last: number }).last > 1),
    quarters: [1, 2, 3, 4].filter((q) => (q - 1) * 3 + 1 <= upTo).map((q) => of((q - 1) * 3 + 1, q * 3)),
    months: Array.from({ length: upTo }, (_, i) => of(i + 1, i + 1)),
  };
}

/** At most this many days in one report (ten years): longer spans are refused, not slow. */
export const MAX_PERIOD_DAYS = 3_660;

export const periodSchema = z
  .object({
    from: z.string().refine(isDay),
    to: z.string().refine(isDay),
  })
  .refine((p) => p.from <= p.to && periodDays(p) <= MAX_PERIOD_DAYS);

/** The period in a URL's search parameters, or the fallback when absent or not a valid period. */
export function periodOfSearch(params: Record<string, string | string[] | undefined>, fallback: Period): Period {
  const parsed = periodSchema.safeParse({ from: params.from, to: params.to });
  return parsed.success ? parsed.data : fallback;
}

/** The default period: 1–N月 of the given day's year, through that day's month. */
export function yearToDate(today: string): Period {
  const [year, month] = today.split("-").map(Number) as [number, number];
  return { from: monthStart(year, 1), to: lastDayOfMonth(year, month) };
}
