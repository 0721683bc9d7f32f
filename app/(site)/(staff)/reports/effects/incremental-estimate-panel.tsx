// The incremental estimate of one campaign: the figure with its range, beside (never instead
// of) the gross figure, the data it used, and — where the data are not enough — what is
// missing, in words, with no number. A server component: the effects page shows it, and the
// reports overview may place it too. It checks the reader's scope itself.
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/db/schema";
import { getSessionUser } from "@/lib/auth/session";
import type { IncrementalEstimate } from "@/lib/effects/estimate";
import { getIncrementalEstimate } from "@/lib/effects/queries";
import { listOf, shortfallText, type EffectsTranslator } from "@/lib/effects/shortfall-text";
import { estimateTable, perYuan } from "@/lib/effects/tables";
import type { ReportTable } from "@/lib/exports/table";
import { formatWanYuan, formatYuan } from "@/lib/money/fen";
import { loadPageTables } from "@/lib/reports/queries";
import { formatLeverage } from "@/lib/vouchers/leverage-format";
import { tableDownloads } from "../_components/report-parts";
import { ReportTableView } from "../_components/report-table";

type Translator = Awaited<ReturnType<typeof getTranslations<"effects">>>;

const COUNT = new Intl.NumberFormat("en-US");

function DataUsed({ estimate, t, locale }: { estimate: IncrementalEstimate; t: Translator; locale: Locale }) {
  const window = (w: IncrementalEstimate["before"]) => (w ? t("panel.windowValue", { from: w.from, to: w.to, days: w.days }) : t("panel.none"));
  const sectors = listOf(estimate.sectors.map((s) => s.label), locale);
  const c = estimate.comparison;
  return (
    <>
      <h3>{t("panel.dataUsed")}</h3>
      <dl className="facts" data-testid="estimate-data">
        <dt>{t("panel.method")}</dt>
        <dd>{estimate.result.ok ? t("panel.methodValue", { resamples: COUNT.format(estimate.result.resamples) }) : t("panel.methodValueShort")}</dd>
        <dt>{t("panel.treated")}</dt>
        <dd data-testid="estimate-treated">{t("panel.treatedValue", { participating: estimate.treated.participating, withBefore: estimate.treated.withSalesBefore })}</dd>
        <dt>{t("panel.before")}</dt>
        <dd data-testid="estimate-before">{window(estimate.before)}</dd>
        <dt>{t("panel.during")}</dt>
        <dd data-testid="estimate-during">{window(estimate.during)}</dd>
        <dt>{t("panel.comparison")}</dt>
        <dd data-testid="estimate-comparison">
          {c.series > 0
            ? t("panel.comparisonValue", { groups: listOf(c.groups.map((g) => g || sectors), locale), series: c.series, sectors, area: estimate.area ? t("panel.comparisonArea", { area: estimate.area.label }) : "" })
            : t("panel.comparisonNone", { sectors })}
          {c.series > 0 && <div className="hint">{c.monthly ? t("panel.monthlyNote") : t("panel.dailyNote")}</div>}
        </dd>
        <dt>{t("panel.uploads")}</dt>
        <dd data-testid="estimate-uploads">{c.uploads.length ? c.uploads.map((u) => u.fileName).join("；") : t("panel.none")}</dd>
      </dl>
    </>
  );
}

export function EstimateView({
  estimate,
  t,
  locale,
  showMethodLink,
  table,
}: {
  estimate: IncrementalEstimate;
  t: Translator;
  locale: Locale;
  showMethodLink: boolean;
  /** The figures in exact yuan as a report table, with its downloads (only where there is an estimate). */
  table?: { table: ReportTable; downloads: ReturnType<typeof tableDownloads> } | null;
}) {
  const wan = (fen: number) => t("panel.estimateValue", { amount: formatWanYuan(fen) });
  const r = estimate.result;
  const S = estimate.subsidyFen;
  return (
    <section className="panel" aria-labelledby={`estimate-${estimate.campaign.id}`} data-testid="incremental-estimate">
      <h2 id={`estimate-${estimate.campaign.id}`}>{t("panel.titleOf", { campaign: estimate.campaign.name })}</h2>
      {r.ok ? (
        <>
          <dl className="facts" data-testid="estimate-figures">
            <dt>{t("panel.estimate")}</dt>
            <dd>
              <strong data-testid="estimate-value">{wan(r.incrementalFen)}</strong>
              <div data-testid="estimate-range">{t("panel.range", { low: formatWanYuan(r.incrementalLowFen), high: formatWanYuan(r.incrementalHighFen) })}</div>
            </dd>
            {S > 0 && (
              <>
                <dt>{t("panel.perYuan")}</dt>
                <dd data-testid="estimate-per-yuan">{t("panel.perYuanValue", { value: perYuan(r.incrementalFen, S), low: perYuan(r.incrementalLowFen, S), high: perYuan(r.incrementalHighFen, S) })}</dd>
              </>
            )}
            <dt>{t("panel.perMerchantDay")}</dt>
            <dd>{t("panel.perMerchantDayValue", { value: formatYuan(r.perMerchantDayFen), low: formatYuan(r.lowFen), high: formatYuan(r.highFen) })}</dd>
            <dt>{t("panel.subsidy")}</dt>
            <dd>{t("panel.subsidyValue", { amount: formatWanYuan(S) })}</dd>
            <dt>{t("panel.gross")}</dt>
            <dd data-testid="estimate-gross">{t("panel.grossValue", { amount: formatWanYuan(estimate.grossFen), leverage: formatLeverage(estimate.grossFen, S) ?? "—" })}</dd>
          </dl>
          <p className="hint" data-testid="estimate-calculation">
            {t("panel.calculation", {
              treated: formatYuan(r.treatedChangeFen),
              comparison: formatYuan(r.comparisonChangeFen),
              perDay: formatYuan(r.perMerchantDayFen),
              merchants: estimate.treated.withSalesBefore,
              days: estimate.during?.days ?? 0,
              total: formatWanYuan(r.incrementalFen),
            })}
          </p>
          <p className="notice warn" role="note">
            {t("panel.notGross")}
          </p>
          {table && <ReportTableView table={table.table} locale={locale} downloads={table.downloads} />}
        </>
      ) : (
        <div className="notice warn" role="status" aria-label={t("panel.noEstimate")} data-testid="estimate-shortfall">
          <p>{t("panel.noEstimate")}</p>
          <ul>
            {r.shortfalls.map((s) => (
              <li key={s.reason}>{shortfallText(t as unknown as EffectsTranslator, s, locale)}</li>
            ))}
          </ul>
          <p>{t("panel.noEstimateAfter")}</p>
        </div>
      )}
      <DataUsed estimate={estimate} t={t} locale={locale} />
      {showMethodLink && (
        <p>
          <Link href={`/reports/effects?campaign=${estimate.campaign.id}#method`}>{t("panel.methodLink")}</Link>
        </p>
      )}
    </section>
  );
}

/**
 * The incremental estimate of a campaign for the signed-in reader (nothing when the campaign is
 * out of their scope). Optional narrowing to one sector or an area (and the areas below it).
 */
export async function IncrementalEstimatePanel({ campaignId, locale, sectorId, areaId, showMethodLink = true }: { campaignId: number; locale: Locale; sectorId?: number; areaId?: number; showMethodLink?: boolean }) {
  const user = await getSessionUser();
  if (!user) return null;
  const estimate = getIncrementalEstimate(user, campaignId, { sectorId, areaId, locale });
  if (!estimate) return null;
  const [t, tables] = await Promise.all([getTranslations({ locale, namespace: "effects" }), loadPageTables(user, "effects")]);
  const table = estimateTable({ ...tables, locale }, estimate);
  const narrowing = { campaign: campaignId, ...(sectorId ? { sector: sectorId } : {}), ...(areaId ? { area: areaId } : {}) };
  return <EstimateView estimate={estimate} t={t} locale={locale} showMethodLink={showMethodLink} table={table && { table, downloads: tableDownloads(tables.reportsT, table.id, "", narrowing) }} />;
}
