// Times are stored in UTC and shown as the bureau reads them: Beijing time, 24-hour clock.
const SHANGHAI = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2026-11-27 20:15:03" in Asia/Shanghai; "" for a missing or invalid time. */
export function formatShanghai(value: Date | string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const part = Object.fromEntries(SHANGHAI.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/**
 * The UTC instants (ISO-8601) at which a Beijing calendar day starts and the next one starts.
 * China keeps UTC+8 all year, so a fixed offset is exact.
 */
export function shanghaiDayBounds(day: string): { start: string; end: string } {
  const start = Date.parse(`${day}T00:00:00+08:00`);
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}
