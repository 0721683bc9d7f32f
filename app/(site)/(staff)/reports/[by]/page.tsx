import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { areaOptions, drillPath, loadReport, type SearchParams } from "@/lib/reports/queries";
import { fillPeriod } from "@/lib/reports/trend";
import { REPORT_ROLES, reportSearch } from "@/lib/reports/report";
import { BREAKDOWN_PAGES, breakdownRows, breakdownTable, merchantRankTable, trendPoints, trendTable, type BreakdownPage } from "@/lib/reports/tables";
import { RankedBars, TrendChart } from "../_components/charts";
import { ReportFilters } from "../_components/report-filters";
import { DrillPath, LeverageKinds, ReportHeading, downloadsOf } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";

type Params = { params: Promise<{ by: string }>; searchParams: Promise<SearchParams> };

const PAGES = [...Object.keys(BREAKDOWN_PAGES), "trend"];

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { by } = await params;
  const t = await getTranslations("reports");
  return { title: PAGES.includes(by) ? t(`tables.${by as BreakdownPage}`) : t("title") };
}

/** One breakdown of the period (action, campaign, batch, area, sector, channel, merchant) or the trend. */
export default async function BreakdownPage({ params, searchParams }: Params) {
  const { by } = await params;
  if (!PAGES.includes(by)) notFound();
  const user = await requirePageUser(REPORT_ROLES);
  const page = await loadReport(user, await searchParams);
  const { t, query, locale } = page;
  const path = `/reports/${by}`;
  return (
    <>
      <ReportHeading page={page} title={t(`tables.${by}`)} />
      <DrillPath page={page} extra={[{ label: t(`tables.${by}`) }]} />
      <ReportFilters path={path} query={query} areas={areaOptions(user, locale)} steps={drillPath(page)} locale={locale} t={t} />
      <section className="panel" aria-labelledby="breakdown">
        <h2 id="breakdown">{t(`tables.${by}`)}</h2>
        {by === "trend" ? <Trend page={page} /> : by === "merchants" ? <Merchants page={page} /> : <Breakdown page={page} by={by as Exclude<BreakdownPage, "merchants">} />}
        <LeverageKinds page={page} />
      </section>
      {by !== "trend" && (
        <p>
          <Link href={`/reports?${reportSearch(query)}`}>{t("overviewLink")}</Link>
        </p>
      )}
    </>
  );
}

type PageData = Awaited<ReturnType<typeof loadReport>>;

function Breakdown({ page, by }: { page: PageData; by: Exclude<BreakdownPage, "merchants"> }) {
  const rows = breakdownRows(page, BREAKDOWN_PAGES[by]);
  const table = breakdownTable(page, by, rows);
  if (rows.length === 0) return <p className="muted" data-testid="no-data">{page.t("noDataPeriod")}</p>;
  return (
    <>
      {by === "areas" && (
        <RankedBars
          points={rows.filter((r) => r.grossFen > 0).map((r) => ({ label: r.id === null ? page.t("unassignedArea") : r.label, fen: r.grossFen }))}
          title={page.t("areaChart")}
          unit={page.t("units.wanYuan")}
          tableId="table-areas"
        />
      )}
      <ReportTableView table={table} locale={page.locale} downloads={downloadsOf(page, by)} />
    </>
  );
}

function Merchants({ page }: { page: PageData }) {
  const all = breakdownRows(page, "merchant");
  if (all.length === 0) return <p className="muted" data-testid="no-data">{page.t("noDataPeriod")}</p>;
  return (
    <>
      <ReportTableView table={merchantRankTable(page, "top", all)} locale={page.locale} downloads={downloadsOf(page, "merchants-top")} />
      <ReportTableView table={merchantRankTable(page, "bottom", all)} locale={page.locale} downloads={downloadsOf(page, "merchants-bottom")} />
    </>
  );
}

function Trend({ page }: { page: PageData }) {
  const points = trendPoints(page);
  const { t, query } = page;
  const other = query.grain === "week" ? "day" : "week";
  return (
    <>
      <p>
        <Link href={`/reports/trend?${reportSearch(query, { grain: other === "day" ? undefined : "week" })}`} data-testid="trend-grain">
          {t(other === "week" ? "trendWeekly" : "trendDaily")}
        </Link>
      </p>
      {points.length === 0 ? (
        <p className="muted" data-testid="no-data">{t("noDataPeriod")}</p>
      ) : (
        <TrendChart points={fillPeriod(points.map((p) => ({ label: p.key, key: p.key, fen: p.grossFen })), query.period, query.grain, (key) => ({ key, label: key, fen: 0 }))} title={t("trendChart")} unit={t("units.wanYuan")} tableId="table-trend" />
      )}
      <ReportTableView table={trendTable(page, points)} locale={page.locale} downloads={downloadsOf(page, "trend")} />
    </>
  );
}
