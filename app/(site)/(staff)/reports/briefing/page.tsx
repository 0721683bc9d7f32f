import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/datetime";
import { reportOverview } from "@/lib/reports/overview";
import { periodWithDays } from "@/lib/reports/period-text";
import { loadReport, type SearchParams } from "@/lib/reports/queries";
import { REPORT_ROLES, reportSearch } from "@/lib/reports/report";
import { breakdownRows, breakdownTable, overviewTable } from "@/lib/reports/tables";
import { FigureCards } from "../_components/figure-cards";
import { LeverageKinds, reportAreaText } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";
import styles from "../_components/reports.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("briefingTitle") };
}

/** The overview of a period as one printable A4 page: period, area, when it was made, the figures with 环比. */
export default async function BriefingPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser(REPORT_ROLES);
  const page = await loadReport(user, await searchParams);
  const { t, query, locale } = page;
  const overview = reportOverview(page.db, user, query);
  const byArea = breakdownRows(page, "area");
  return (
    <article className={styles.briefing} data-testid="briefing">
      <p className={`${styles.printHint} notice info`}>
        {t("briefingHint")} <Link href={`/reports?${reportSearch(query)}`}>{t("overviewLink")}</Link>
      </p>
      <h1>{t("briefingTitle")}</h1>
      <p className={styles.meta} data-testid="briefing-meta">
        {t("briefingMeta", {
          period: periodWithDays(query.period, locale),
          area: reportAreaText(page),
          generated: formatShanghai(new Date()),
          user: user.displayName,
        })}
      </p>
      <FigureCards overview={overview} t={t} />
      <p className={styles.meta}>{t("previousPeriod", { from: overview.previous.period.from, to: overview.previous.period.to })}</p>
      <h2>{t("tables.overview")}</h2>
      <ReportTableView table={overviewTable(page, overview)} locale={locale} />
      <h2>{t("tables.actions")}</h2>
      <ReportTableView table={breakdownTable(page, "actions")} locale={locale} />
      {byArea.length > 0 && (
        <>
          <h2>{t("tables.areas")}</h2>
          <ReportTableView table={breakdownTable(page, "areas", byArea)} locale={locale} />
        </>
      )}
      <h2>{t("kindsTitle")}</h2>
      <LeverageKinds page={page} />
    </article>
  );
}
