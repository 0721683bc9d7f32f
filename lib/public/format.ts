// Amounts on the public page as the press writes them: Chinese in 亿元 for aggregates and 万元
// below that, English in billions and millions of yuan; two decimals, rounded half up, in integers.
import type { Locale } from "@/db/schema";

const YI = 10_000_000_000n; // fen in 1 亿元
const WAN = 1_000_000n; // fen in 1 万元
const BILLION = 100_000_000_000n;
const MILLION = 100_000_000n;

/** fen / divisor with two decimals and thousands separators: 21_523_800_000 / 亿 → "2.15". */
export function scaledAmount(fen: number, divisor: bigint): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const hundredths = (BigInt(Math.abs(fen)) * 200n + divisor) / (2n * divisor);
  const whole = (hundredths / 100n).toLocaleString("en-US");
  return `${sign}${whole}.${String(hundredths % 100n).padStart(2, "0")}`;
}

/** A headline amount: the large unit (亿元 / billion) from one of it on, the small one (万元 / million) below. */
export function headlineAmount(fen: number, locale: Locale): { amount: string; unit: "large" | "small" } {
  const [large, small] = locale === "en" ? [BILLION, MILLION] : [YI, WAN];
  return BigInt(Math.abs(fen)) >= large ? { amount: scaledAmount(fen, large), unit: "large" } : { amount: scaledAmount(fen, small), unit: "small" };
}

/** A table amount, always in the small unit (万元 / million yuan). */
export function tableAmount(fen: number, locale: Locale): string {
  return scaledAmount(fen, locale === "en" ? MILLION : WAN);
}

/** A count with thousands separators, the same in both languages: 44600 → "44,600". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** A month ("2025-03") as a chart labels it (short: 3月 / Mar) or a table heads it (long: 2025年3月 / Mar 2025). */
export function monthLabel(month: string, long: boolean, locale: Locale): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  if (locale !== "en") return long ? `${y}年${m}月` : `${m}月`;
  const name = new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en", { month: "short", timeZone: "UTC" });
  return long ? `${name} ${y}` : name;
}
