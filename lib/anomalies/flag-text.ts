// A flag's finding in words, from its rule and the figures that tripped it (the review pages and
// their export tables say it the same way).
import { formatTenths } from "@/lib/numbers/percent";
import type { FlagRow } from "./queries";

/** A translator for the "anomalies" messages (next-intl's, loosened to plain keys). */
type Translator = (key: string, values?: Record<string, string | number>) => string;

export function flagDetail(t: Translator, flag: Pick<FlagRow, "rule" | "detail">): string {
  const d = flag.detail;
  const n = (k: string) => Number(d[k] ?? 0);
  switch (flag.rule) {
    case "repeatPayer":
      return t("details.repeatPayer", { count: n("count"), limit: n("limit"), merchants: n("merchants") });
    case "thresholdBunching":
      return t("details.thresholdBunching", { orders: n("orders"), nearThreshold: n("nearThreshold"), share: formatTenths(n("sharePermille")) });
    case "quickRefund":
      return t("details.quickRefund", { count: n("count"), limit: n("limit"), minutes: n("minutes") });
    case "outsizedMerchant":
      return t("details.outsizedMerchant", { share: formatTenths(n("sharePermille")), merchants: n("merchants") });
    case "outsideValidity":
      return t("details.outsideValidity", { count: n("count"), days: String(d.days ?? "") });
    case "barredMerchant":
      return t("details.barredMerchant", { count: n("count"), status: t(`merchantStatus.${d.status === "suspended" ? "suspended" : "blacklisted"}`) });
  }
}

/** Who or what the flag is about: the merchant by name, or the payer masked. */
export function flagSubject(t: Translator, flag: Pick<FlagRow, "rule" | "subject" | "merchantName">, masked: string): string {
  if (flag.rule === "repeatPayer") return t("payer", { payer: masked });
  return flag.merchantName ?? "—";
}
