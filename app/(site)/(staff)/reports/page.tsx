import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { reportOverview } from "@/lib/reports/overview";
import { areaOptions, drillPath, loadReport, type SearchParams } from "@/lib/reports/queries";
import { fillPeriod } from "@/lib/reports/trend";
import { periodDays } from "@/lib/reports/period";
import { REPORT_ROLES, reportSearch, type ReportQuery } from "@/lib/reports/report";
import { breakdownRows, breakdownTable, estimatesTable, overviewTable, trendPoints, trendTable } from "@/lib/reports/tables";
import { TrendChart } from "./_components/charts";
import { FigureCards } from "./_components/figure-cards";
import { ReportFilters } from "./_components/report-filters";
import { DrillPath, IncrementalEstimateSlot, LeverageKinds, ReportHeading, downloadsOf } from "./_components/report-parts";
import { ReportTableView } from "./_components/report-table";
import { RetailIndicatorsPanel } from "./_components/retail-indicators";
import styles from "./_components/reports.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

const OVERVIEW_DAILY_DAYS = 62;

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser(REPORT_ROLES);
  const page = await loadReport(user, await searchParams);
  const { t, query, locale } = page;
  const overview = reportOverview(page.db, user, query);
  const byAction = breakdownTable(page, "actions", breakdownRows(page, "action"));
  // Past two months the overview draws the trend by week (a bar a day is neither readable nor
  // light to send); the trend page has it by day.
  const trendQuery: ReportQuery = { ...query, grain: query.grain === "week" || periodDays(query.period) > OVERVIEW_DAILY_DAYS ? "week" : "day" };
  const trendPage = { ...page, query: trendQuery, search: reportSearch(trendQuery) };
  const points = trendPoints(trendPage);
  const trend = trendTable(trendPage, points);
  const link = (path: string) => `${path}?${page.search}`;
  // The published retail-sales statistics of the chosen area (else the reader's widest), up to the period's last month.
  const areas = areaOptions(user, locale);
  const indicatorArea = query.areaId ?? areas[0]?.id ?? user.areaId;
  const indicatorMonth = { year: Number(query.period.to.slice(0, 4)), month: Number(query.period.to.slice(5, 7)) };
  return (
    <>
      <ReportHeading page={page} title={t("title")} />
      <DrillPath page={page} />
      <ReportFilters path="/reports" query={query} areas={areas} steps={drillPath(page)} locale={locale} t={t} />
      <section className="panel" aria-labelledby="overview-figures">
        <h2 id="overview-figures">{t("figuresTitle")}</h2>
        <FigureCards overview={overview} t={t} search={page.search} />
        <p className="hint muted">{t("previousPeriod", { from: overview.previous.period.from, to: overview.previous.period.to })}</p>
        <LeverageKinds page={page} />
      </section>
      <IncrementalEstimateSlot page={page}>
        <p className="muted">{t("estimatesIntro")}</p>
        <ReportTableView table={estimatesTable(page)} locale={locale} downloads={downloadsOf(page, "estimates")} />
        <p>
          <Link href="/reports/effects">{t("estimatesMethodLink")}</Link>
        </p>
      </IncrementalEstimateSlot>
      <RetailIndicatorsPanel areaId={indicatorArea} year={indicatorMonth.year} month={indicatorMonth.month} locale={locale} monthly={false} />
      <section className="panel" aria-labelledby="overview-table">
        <h2 id="overview-table">{t("tables.overview")}</h2>
        <ReportTableView table={overviewTable(page, overview)} locale={locale} downloads={downloadsOf(page, "overview")} />
      </section>
      <section className="panel" aria-labelledby="by-action">
        <h2 id="by-action">{t("tables.actions")}</h2>
        <ReportTableView table={byAction} locale={locale} downloads={downloadsOf(page, "actions")} />
      </section>
      <section className="panel" aria-labelledby="trend">
        <h2 id="trend">{t("tables.trend")}</h2>
        {points.length === 0 ? (
          <p className="muted">{t("noDataPeriod")}</p>
        ) : (
          <TrendChart points={fillPeriod(points.map((p) => ({ label: p.key, key: p.key, fen: p.grossFen })), query.period, trendQuery.grain, (key) => ({ key, label: key, fen: 0 }))} title={t("trendChart")} unit={t("units.wanYuan")} tableId="table-trend" />
        )}
        <p>
          <Link href={`/reports/trend?${reportSearch(query, { grain: "week" })}`}>{t("trendWeekly")}</Link> · <Link href={link("/reports/trend")}>{t("trendDaily")}</Link>
        </p>
        <details>
          <summary>{t("chartTable")}</summary>
          <ReportTableView table={trend} locale={locale} downloads={downloadsOf(trendPage, "trend")} />
        </details>
      </section>
      <section className="panel" aria-labelledby="more">
        <h2 id="more">{t("breakdowns")}</h2>
        <ul className={styles.links} data-testid="breakdown-links">
          {(["actions", "campaigns", "batches", "areas", "sectors", "channels", "merchants", "trend"] as const).map((k) => (
            <li key={k}>
              <Link href={link(`/reports/${k}`)}>{t(`tables.${k}`)}</Link>
            </li>
          ))}
          <li>
            <Link href="/reports/effects">{t("linkEffects")}</Link>
          </li>
          <li>
            <Link href="/reports/anomalies" data-testid="anomalies-link">
              {t("linkAnomalies")}
            </Link>
          </li>
          <li>
            <Link href="/reports/indicators">{t("linkIndicators")}</Link>
          </li>
          <li>
            <Link href={link("/reports/briefing")} data-testid="briefing-link">
              {t("briefingLink")}
            </Link>
          </li>
        </ul>
      </section>
    </>
  );
}
