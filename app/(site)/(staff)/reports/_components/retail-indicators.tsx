// Published retail-sales statistics of one area beside the campaigns: the latest year-to-date
// figure of each indicator (亿元, 同比 and provincial rank as published) and the months of the
// year up to the month asked for (report tables, each with its CSV and XLSX). Demonstration
// figures say so. A server component.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { getSessionUser } from "@/lib/auth/session";
import { formatGrowth, formatIndicatorPeriod, formatRank, INDICATOR_NAMES } from "@/lib/indicators/format";
import { getAreaIndicators, getAreaName } from "@/lib/indicators/queries";
import type { IndicatorSummary } from "@/lib/indicators/summary";
import { indicatorMonthsTable } from "@/lib/indicators/tables";
import { formatYiYuan } from "@/lib/money/fen";
import { loadPageTables } from "@/lib/reports/queries";
import { recordPath } from "@/lib/registry/types";
import { tableDownloads } from "./report-parts";
import { ReportTableView } from "./report-table";
import styles from "./retail-indicators.module.css";

type Translator = Awaited<ReturnType<typeof getTranslations<"indicators">>>;

function DemoBadge({ t }: { t: Translator }) {
  return (
    <span className="badge warn" data-testid="indicator-demo">
      {t("demo")}
    </span>
  );
}

function Card({ summary, year, locale, t }: { summary: IndicatorSummary; year: number; locale: Locale; t: Translator }) {
  const name = locale === "en" ? INDICATOR_NAMES[summary.indicator].en : INDICATOR_NAMES[summary.indicator].zh;
  const latest = summary.latest;
  return (
    <div className={styles.card} data-testid={`indicator-${summary.indicator}`}>
      <div className="stat-label">
        {name}
        {latest && <> · {t("latest", { period: formatIndicatorPeriod("cumulative", latest.month, locale, year) })}</>}
      </div>
      {latest ? (
        <>
          <div className="stat">
            <span data-testid="indicator-value">{formatYiYuan(latest.valueFen)}</span>
            <span className={styles.unit}>{locale === "en" ? "亿元 (100 M yuan)" : "亿元"}</span>
          </div>
          <div className={styles.meta}>
            {latest.yoyTenths !== null && <span data-testid="indicator-yoy">{t("yoy", { value: formatGrowth(latest.yoyTenths) })}</span>}
            {latest.rank !== null && latest.rankOf !== null && <span data-testid="indicator-rank">{t("rank", { value: formatRank(latest.rank, latest.rankOf) })}</span>}
            {latest.demo && <DemoBadge t={t} />}
          </div>
          <p className="hint muted">
            <Link href={recordPath("indicator", latest.recordId)}>{t("source", { source: latest.source })}</Link>
          </p>
        </>
      ) : (
        <p className="muted" data-testid="indicator-none">
          {t("noFigure")}
        </p>
      )}
    </div>
  );
}

/**
 * An area's published retail-sales figures of a year, up to and including `month`: the latest
 * figures as cards, then each indicator month by month (`monthly`; the overview shows the cards
 * and links to the months on /reports/indicators).
 */
export async function RetailIndicatorsPanel({ areaId, year, month, locale, monthly = true }: { areaId: number; year: number; month: number; locale: Locale; monthly?: boolean }) {
  const user = await getSessionUser();
  if (!user) return null;
  const [t, tables] = await Promise.all([getTranslations({ locale, namespace: "indicators" }), loadPageTables(user, "indicators")]);
  const data = getAreaIndicators(areaId, year, month);
  const area = getAreaName(areaId, locale) ?? `#${areaId}`;
  const ctx = { ...tables, locale };
  return (
    <section className="panel" aria-labelledby={`retail-indicators-${areaId}`} data-testid="retail-indicators">
      <h2 id={`retail-indicators-${areaId}`}>{t("panelTitle", { area, period: formatIndicatorPeriod(month >= 2 ? "cumulative" : "month", month, locale, year) })}</h2>
      {data.anyDemo && (
        <p className="notice warn" data-testid="indicator-demo-note">
          {t("demoNote")}
        </p>
      )}
      <div className={`grid ${styles.cards}`}>
        {data.indicators.map((summary) => (
          <Card key={summary.indicator} summary={summary} year={year} locale={locale} t={t} />
        ))}
      </div>
      {!monthly && (
        <p>
          <Link href={`/reports/indicators?area=${areaId}&year=${year}&month=${month}`} data-testid="indicator-months-link">
            {t("monthlyLink")}
          </Link>
        </p>
      )}
      {monthly && <div className={styles.tables}>
        {data.indicators
          .filter((summary) => summary.months.length > 0)
          .map((summary) => {
            const table = indicatorMonthsTable(ctx, area, { areaId, year, month }, summary);
            return <ReportTableView key={summary.indicator} table={table} locale={locale} downloads={tableDownloads(tables.reportsT, table.id, "", { area: areaId, year, month })} />;
          })}
      </div>}
      {monthly && data.indicators.every((s) => s.months.length === 0) && <p className="muted">{t("noMonthly")}</p>}
    </section>
  );
}
