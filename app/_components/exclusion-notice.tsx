import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ExcludedFigures } from "@/lib/anomalies/exclusions";
import { formatYuan } from "@/lib/money/fen";

const COUNT = new Intl.NumberFormat("en-US");

/**
 * Beside any figures that leave out rows after review: how many, how much, and where the review
 * is. Nothing when review excluded nothing. The page reads the figures (lib/anomalies/queries).
 */
export async function ExclusionNotice({ figures, href }: { figures: ExcludedFigures; href?: string }) {
  if (figures.flags === 0) return null;
  const t = await getTranslations("anomalies");
  return (
    <p className="notice warn" role="status" aria-label={t("excludeTitle")} data-testid="exclusion-notice">
      {t("exclusionNotice", { count: COUNT.format(figures.redemptions), subsidy: formatYuan(figures.subsidyFen), gross: formatYuan(figures.grossFen) })}{" "}
      {href && <Link href={href}>{t("exclusionLink")}</Link>}
    </p>
  );
}
