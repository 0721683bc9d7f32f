// Published retail-sales statistics of one area beside the campaigns: the latest year-to-date
// figure of each indicator (亿元, 同比 and provincial rank as published) and the months of the
// year up to the month asked for. Demonstration figures say so. A server component.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { formatGrowth, formatIndicatorPeriod, formatRank, INDICATOR_NAMES } from "@/lib/indicators/format";
import { getAreaIndicators, getAreaName } from "@/lib/indicators/queries";
import type { IndicatorFigure, IndicatorSummary } from "@/lib/indicators/summary";
import { formatYiYuan } from "@/lib/money/fen";
import { recordPath } from "@/lib/registry/types";
import styles from "./retail-indicators.module.css";

type Translator = Awaited<ReturnType<typeof getTranslations<"indicators">>>;

const EMPTY = <span className="muted">—</span>;

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

/** A demonstration figure carries a mark (and says so to a screen reader); a published one none. */
function DemoMark({ figure, t }: { figure: IndicatorFigure | null; t: Translator }) {
  if (!figure?.demo) return null;
  return (
    <span className={styles.mark} data-testid="indicator-demo-mark">
      <span aria-hidden="true">*</span>
      <span className="visually-hidden">（{t("demo")}）</span>
    </span>
  );
}

function cells(figure: IndicatorFigure | null, t: Translator) {
  return [
    <td key="v" className="num">
      {figure ? formatYiYuan(figure.valueFen) : EMPTY}
      <DemoMark figure={figure} t={t} />
    </td>,
    <td key="g" className="num">{figure?.yoyTenths != null ? formatGrowth(figure.yoyTenths) : EMPTY}</td>,
  ];
}

function MonthTable({ summary, year, locale, t }: { summary: IndicatorSummary; year: number; locale: Locale; t: Translator }) {
  const name = locale === "en" ? INDICATOR_NAMES[summary.indicator].en : INDICATOR_NAMES[summary.indicator].zh;
  if (summary.months.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className={styles.months} data-testid={`indicator-months-${summary.indicator}`}>
        <caption>{t("monthlyCaption", { indicator: name, year })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("month")}</th>
            <th scope="col" className="num">{t("monthValue")}</th>
            <th scope="col" className="num">{t("monthYoy")}</th>
            <th scope="col" className="num">{t("cumulative")}</th>
            <th scope="col" className="num">{t("cumulativeYoy")}</th>
            <th scope="col" className="num">{t("rankCol")}</th>
          </tr>
        </thead>
        <tbody>
          {summary.months.map((m) => {
            const rank = m.cumulative?.rank != null && m.cumulative.rankOf != null ? formatRank(m.cumulative.rank, m.cumulative.rankOf) : null;
            // January and February are released together: without a 2月 of its own the row is 1–2月.
            const label = m.month === 2 && !m.single ? formatIndicatorPeriod("cumulative", 2, locale) : formatIndicatorPeriod("month", m.month, locale);
            return (
              <tr key={m.month} data-testid="indicator-month">
                <th scope="row" className="nowrap">
                  {label}
                </th>
                {cells(m.single, t)}
                {cells(m.cumulative, t)}
                <td className="num">{rank ?? EMPTY}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** An area's published retail-sales figures of a year, up to and including `month`. */
export async function RetailIndicatorsPanel({ areaId, year, month, locale }: { areaId: number; year: number; month: number; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "indicators" });
  const data = getAreaIndicators(areaId, year, month);
  const area = getAreaName(areaId, locale) ?? `#${areaId}`;
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
      <div className={styles.tables}>
        {data.indicators.map((summary) => (
          <MonthTable key={summary.indicator} summary={summary} year={year} locale={locale} t={t} />
        ))}
      </div>
      {data.indicators.every((s) => s.months.length === 0) && <p className="muted">{t("noMonthly")}</p>}
    </section>
  );
}
