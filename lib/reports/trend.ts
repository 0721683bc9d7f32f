// The trend chart's geometry, drawn on the server as SVG: pure, so it is tested without a page.
import { addDays } from "./period";

/** The Monday of a day's ISO week. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least the maximum. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * Every day (or week, by its Monday) of the period in order, with the amounts where there are
 * any and 0 elsewhere: the chart's time axis stays even, so a quiet week shows as a gap.
 */
export function fillPeriod<T extends { key: string }>(points: T[], period: { from: string; to: string }, grain: "day" | "week", empty: (key: string) => T): T[] {
  const byKey = new Map(points.map((p) => [p.key, p]));
  const out: T[] = [];
  for (let key = grain === "week" ? weekOf(period.from) : period.from; key <= period.to; key = addDays(key, grain === "week" ? 7 : 1)) {
    out.push(byKey.get(key) ?? empty(key));
  }
  return out;
}
