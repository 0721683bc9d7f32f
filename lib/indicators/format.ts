// Published retail-sales figures as text: read exactly as the statistical bureau writes them
// (亿元 amounts, "+7.6%" growth), and shown back the same way. Integers only, never floats.
import type { IndicatorPeriodKind, RetailIndicator } from "@/db/schema";
import { formatTenths } from "@/lib/numbers/percent";

/** Each indicator's name, as the bureau's tables head it (also in the message files, for the forms). */
export const INDICATOR_NAMES: Record<RetailIndicator, { zh: string; en: string }> = {
  retailSales: { zh: "社会消费品零售总额", en: "Retail sales of consumer goods" },
  onlineRetailSales: { zh: "网络零售额", en: "Online retail sales" },
};

/** Shandong has 16 prefecture-level cities: a city's provincial rank is out of 16 unless said otherwise. */
export const PROVINCE_CITY_COUNT = 16;

const FEN_PER_UNIT = { 亿: 10_000_000_000n, 万: 1_000_000n, "": 10_000_000_000n } as const;
const DECIMALS = { 亿: 10, 万: 6, "": 10 } as const;

/**
 * An amount as published, in 亿元 unless the text says 万元: "1254.9" or "1254.9亿元" →
 * 12,549,000,000,000 fen; "35678.5万元" → 35,678,500,000 fen. Null when it is not such an amount
 * (negative, more decimals than a fen, or beyond what an integer holds exactly).
 */
export function parseIndicatorAmount(text: string): number | null {
  const match = /^(\d{1,9})(?:\.(\d+))?\s*(亿|万)?(?:元)?$/.exec(text.trim().replace(/,/g, ""));
  if (!match) return null;
  const [, whole, decimals = "", unit = ""] = match as unknown as [string, string, string | undefined, "亿" | "万" | undefined];
  const places = DECIMALS[unit];
  if (decimals.length > places) return null;
  const fen = BigInt(whole) * FEN_PER_UNIT[unit] + BigInt(decimals.padEnd(places, "0") || "0");
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(fen);
}

/** Fen back as 亿元 text without trailing zeros, as a form field shows it: 12,549,000,000,000 → "1254.9". */
export function fenToYiText(fen: number): string {
  const whole = Math.floor(fen / 10_000_000_000);
  const rest = String(fen % 10_000_000_000).padStart(10, "0").replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : String(whole);
}

/**
 * Growth as published → tenths of a percent: "+7.6" → 76, "-0.3%" → -3, "7.6％" → 76, "−1.2" → -12.
 * Null when it is not a percentage with at most one decimal (a bureau publishes one).
 */
export function parseGrowthTenths(text: string): number | null {
  const match = /^([+＋]|[-－−])?\s*(\d{1,4})(?:\.(\d))?\s*[%％]?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole, tenth = "0"] = match;
  const tenths = Number(whole) * 10 + Number(tenth);
  return sign && sign !== "+" && sign !== "＋" && tenths !== 0 ? -tenths : tenths;
}

/** Tenths of a percent as a form field shows it: 76 → "+7.6", -3 → "-0.3", 0 → "0.0". */
export function tenthsToGrowthText(tenths: number): string {
  return tenths > 0 ? `+${formatTenths(tenths)}` : formatTenths(tenths);
}

/** Growth as statistical tables print it: "+7.6%", "-0.3%", "0.0%". */
export function formatGrowth(tenths: number): string {
  return `${tenthsToGrowthText(tenths)}%`;
}

/** Rank with its denominator: "1/16". */
export function formatRank(rank: number, of: number): string {
  return `${rank}/${of}`;
}

/** The period as tables head it: 1–6月 or 6月 (Jan–Jun 2025 / Jun 2025 in English). */
export function formatIndicatorPeriod(kind: IndicatorPeriodKind, month: number, locale: string, year?: number): string {
  if (locale === "en") {
    const name = (m: number) => new Date(Date.UTC(2000, m - 1, 1)).toLocaleString("en", { month: "short", timeZone: "UTC" });
    const text = kind === "cumulative" ? `${name(1)}–${name(month)}` : name(month);
    return year ? `${text} ${year}` : text;
  }
  const text = kind === "cumulative" ? `1–${month}月` : `${month}月`;
  return year ? `${year}年${text}` : text;
}

/** A record's one-line name: "2025年1–6月 社会消费品零售总额". */
export function indicatorHeading(row: { indicator: RetailIndicator; year: number; periodKind: IndicatorPeriodKind; month: number }, locale: string): string {
  const name = INDICATOR_NAMES[row.indicator] ?? { zh: row.indicator, en: row.indicator };
  const period = formatIndicatorPeriod(row.periodKind, row.month, locale, row.year);
  return locale === "en" ? `${name.en}, ${period}` : `${period} ${name.zh}`;
}
