// What is missing for an estimate, in the reader's words. The translator is the `effects`
// namespace (next-intl's getTranslations on the server, createTranslator in tests).
import type { Locale } from "@/db/schema";
import type { EstimateShortfall } from "./estimate";

type Values = Record<string, string | number>;
export type EffectsTranslator = (key: `shortfalls.${string}`, values?: Values) => string;

export function listOf(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: "short", type: "conjunction" }).format(items);
}

export function shortfallText(t: EffectsTranslator, s: EstimateShortfall, locale: Locale): string {
  switch (s.reason) {
    case "noStatements":
      return t("shortfalls.noStatements");
    case "noSalesBefore":
      return t("shortfalls.noSalesBefore", { participating: s.participating });
    case "fewMerchantsBefore":
      return t("shortfalls.fewMerchantsBefore", { count: s.count, participating: s.participating, min: s.min });
    case "noComparison":
      return s.area
        ? t("shortfalls.noComparisonArea", { sectors: listOf(s.sectors, locale), area: s.area })
        : t("shortfalls.noComparison", { sectors: listOf(s.sectors, locale) });
    case "fewComparison":
      return t("shortfalls.fewComparison", { count: s.count, min: s.min, sectors: listOf(s.sectors, locale) });
    case "fewDaysBefore":
      return t("shortfalls.fewDaysBefore", { days: s.days, min: s.min });
    case "fewDaysDuring":
      return t("shortfalls.fewDaysDuring", { days: s.days, min: s.min });
  }
}
