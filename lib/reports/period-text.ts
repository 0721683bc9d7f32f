// A period as Chinese statistics name it (2025年1–6月, 2025年一季度, 2025年3月) and in English.
import type { Locale } from "@/db/schema";
import { describePeriod, type Period } from "./period";

const QUARTERS_ZH = ["一", "二", "三", "四"];
const monthEn = (m: number) => new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, m - 1, 1)));

export function periodText(period: Period, locale: Locale): string {
  const label = describePeriod(period);
  const en = locale === "en";
  switch (label.kind) {
    case "year":
      return en ? `${label.year}` : `${label.year}年`;
    case "half":
      return en ? `H${label.half} ${label.year}` : `${label.year}年${label.half === 1 ? "上半年" : "下半年"}`;
    case "quarter":
      return en ? `Q${label.quarter} ${label.year}` : `${label.year}年${QUARTERS_ZH[label.quarter - 1]}季度`;
    case "months":
      if (label.first === label.last) return en ? `${monthEn(label.first)} ${label.year}` : `${label.year}年${label.first}月`;
      return en ? `${monthEn(label.first)}–${monthEn(label.last)} ${label.year}` : `${label.year}年${label.first}–${label.last}月`;
    case "days":
      return en ? `${label.from} to ${label.to}` : `${label.from} 至 ${label.to}`;
  }
}

/** The period with its days, e.g. "2025年上半年（2025-01-01 至 2025-06-30）". */
export function periodWithDays(period: Period, locale: Locale): string {
  const name = periodText(period, locale);
  const label = describePeriod(period);
  if (label.kind === "days") return name;
  return locale === "en" ? `${name} (${period.from} to ${period.to})` : `${name}（${period.from} 至 ${period.to}）`;
}
